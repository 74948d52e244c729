import type { QueryComparison, QueryOp, QueryScalar } from '../../src/model/source-query';
import { stixToOcsf } from '../../src/model/kestrel2/ocsf';
import { nativeFields } from '../event-logs';
import type { DataModelMap, NativeField } from './data-model-map';

/** One comparison on a native field, ready for SQL or query DSL. */
export interface NativeComparison {
  field: string;
  op: QueryOp;
  value: QueryScalar | QueryScalar[];
}

/** The OCSF object each entity type is queried in, as Kestrel 2 projects a GET (`GET process` reads `process.*`). */
const PRIMARY: Readonly<Record<string, readonly string[]>> = {
  process: ['process.'],
  file: ['file.'],
  directory: ['file.'],
  'user-account': ['user.'],
  'network-traffic': ['src_endpoint.', 'dst_endpoint.', 'connection_info.', 'traffic.'],
  'ipv4-addr': ['src_endpoint.', 'dst_endpoint.'],
  'ipv6-addr': ['src_endpoint.', 'dst_endpoint.'],
  'domain-name': ['query.'],
  'windows-registry-key': ['reg_key.', 'reg_value.'],
  'x-oca-asset': ['device.'],
};

/**
 * A GET's comparison on a data source with this map: the entity's attribute is an OCSF field of its primary object
 * (through the OCSF mapping: a process's `name` is `process.name` and `process.file.name`), then that field's native
 * fields, ORed, each with the map's operator and value transformer (`winpath_endswith`: `LIKE '%\cmd.exe'`).
 * Undefined when some part cannot be said exactly: the caller reads more (TRUE), never less.
 */
export function nativeComparisons(map: DataModelMap, c: QueryComparison): NativeComparison[] | undefined {
  const prefixes = PRIMARY[c.entityType];
  // Kestrel 2's own name for the attribute (a process's binary_ref.name is process.file.name), and every field the
  // OCSF mapping reads it from verbatim, in the entity's own object; a process's parent object too for its identity
  // (GUID, pid: the engine's prefetch asks for every record that mentions the process) or through parent_ref.
  const kestrel2 = prefixes?.length === 1 ? stixToOcsf(c.entityType, c.attribute) : undefined;
  const candidates = new Set([...(kestrel2 ? [prefixes![0] + kestrel2] : []), ...nativeFields('ocsf', c.entityType, c.attribute)]);
  const parentRole = c.entityType === 'process' && !c.attribute.startsWith('parent_ref.') && !IDENTITY.has(c.attribute);
  const ocsf = [...candidates].filter((f) => (prefixes ? prefixes.some((p) => f.startsWith(p)) : !f.includes('.')) && !(parentRole && f.startsWith('process.parent_process.')));
  if (!ocsf.length) return undefined;
  const out: NativeComparison[] = [];
  for (const field of ocsf) {
    for (const native of map.nativeOf(field)) {
      const n = translate(native, c.op, c.value);
      if (!n) return undefined;
      out.push(...n);
    }
  }
  return out;
}

const IDENTITY: ReadonlySet<string> = new Set(['x_unique_id', 'pid']);

/** What a native field can be asked directly (SQL leaves MATCHES out; the query DSL has regexp). */
const SIMPLE: ReadonlySet<QueryOp> = new Set(['=', '!=', '<', '<=', '>', '>=', 'IN', 'NOT IN', 'LIKE', 'NOT LIKE', 'MATCHES', 'NOT MATCHES']);

function translate(native: NativeField, op: QueryOp, value: QueryScalar | QueryScalar[]): NativeComparison[] | undefined {
  const values = Array.isArray(value) ? value : [value];
  if (!SIMPLE.has(op) || values.some((v) => typeof v === 'boolean')) return undefined;
  if (native.value === undefined) return [{ field: native.field, op, value }];
  if (typeof native.value === 'object') {
    // A table of values (type_uid 100701 -> event.code "1", "4688"): equality only.
    if (op !== '=' && op !== 'IN') return undefined;
    const table = native.value;
    const mapped = values.flatMap((v) => (table[String(v)] ?? []) as QueryScalar[]);
    return [{ field: native.field, op: 'IN', value: mapped }];
  }
  const pattern = PATTERNS[native.value];
  if (!pattern || op !== '=' || typeof value !== 'string') return undefined;
  return [{ field: native.field, op: 'LIKE', value: pattern(value.replace(/[%_]/g, '_')) }];
}

/** Kestrel 2's native_value transformers for paths: a file name or folder as a LIKE pattern on the full path. */
const PATTERNS: Readonly<Record<string, (v: string) => string>> = {
  winpath_endswith: (v) => `%\\${v}`,
  posixpath_endswith: (v) => `%/${v}`,
  winpath_startswith: (v) => `${v}\\%`,
  posixpath_startswith: (v) => `${v}/%`,
};
