import { kestrel2Tables, leaves, type FieldTable } from '../../src/model/kestrel2/tables';

/**
 * A Kestrel 2 `data_model_map`: OCSF fields (nested by `.`) to a data source's own fields, a leaf being a field
 * name, a list of them, or `{native_field, native_op, native_value, ocsf_value}` (a transformer each way, or a
 * table of values for `native_value`). The default is Kestrel 2's ECS map.
 */
export interface NativeField {
  field: string;
  /** The operator the native side compares with instead (LIKE for `winpath_endswith`). */
  op?: string;
  /** A transformer of the compared value (`winpath_endswith`), or OCSF value -> native values. */
  value?: string | Record<string, unknown[]>;
  /** The transformer from the native value to OCSF (`basename`, `dirname`). */
  ocsfValue?: string;
}

export class DataModelMap {
  private readonly forward = new Map<string, NativeField[]>();
  private readonly reverse = new Map<string, { ocsf: string; native: NativeField }[]>();

  constructor(table: FieldTable = kestrel2Tables().ecs) {
    for (const [ocsf, leaf] of leaves(table)) {
      if (ocsf.endsWith('*')) continue;
      const natives = (Array.isArray(leaf) ? leaf : [leaf]).flatMap((x): NativeField[] => {
        if (typeof x === 'string') return [{ field: x }];
        if (x === null || typeof x !== 'object' || typeof (x as { native_field?: unknown }).native_field !== 'string') return [];
        const m = x as { native_field: string; native_op?: string; native_value?: NativeField['value']; ocsf_value?: string };
        return [{ field: m.native_field, op: m.native_op, value: m.native_value, ocsfValue: m.ocsf_value }];
      });
      this.forward.set(ocsf, natives);
      for (const n of natives) this.reverse.set(n.field, [...(this.reverse.get(n.field) ?? []), { ocsf, native: n }]);
    }
  }

  /** The native fields an OCSF field is held in; the OCSF name itself when the map does not name it (Kestrel's pass-through). */
  nativeOf(ocsfField: string): NativeField[] {
    return this.forward.get(ocsfField) ?? [{ field: ocsfField }];
  }

  /** A native row (flat columns) as a nested OCSF document: each mapped column at its OCSF fields, the others under their own names. */
  toOcsf(row: Record<string, unknown>): Record<string, unknown> {
    const doc: Record<string, unknown> = {};
    for (const [column, value] of Object.entries(row)) {
      if (value === null || value === undefined) continue;
      const targets = this.reverse.get(column);
      if (!targets) {
        put(doc, column, value);
        continue;
      }
      for (const { ocsf, native } of targets) {
        const v = toOcsfValue(value, native);
        if (v !== undefined) put(doc, ocsf, v);
      }
    }
    return doc;
  }
}

function toOcsfValue(value: unknown, native: NativeField): unknown {
  if (native.value !== null && typeof native.value === 'object') {
    const hit = Object.entries(native.value).find(([, natives]) => natives.some((n) => String(n) === String(value)));
    return hit && (/^\d+$/.test(hit[0]) ? Number(hit[0]) : hit[0]);
  }
  const s = String(value);
  const cut = Math.max(s.lastIndexOf('\\'), s.lastIndexOf('/'));
  if (native.ocsfValue === 'basename') return s.slice(cut + 1) || undefined;
  if (native.ocsfValue === 'dirname') return cut > 0 ? s.slice(0, cut) : undefined;
  return value;
}

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** Sets a dotted path in a nested document; a path through a non-object value, or a forbidden key, is left out. */
function put(doc: Record<string, unknown>, dotted: string, value: unknown): void {
  const keys = dotted.split('.');
  if (keys.some((k) => FORBIDDEN.has(k))) return;
  let o = doc;
  for (const k of keys.slice(0, -1)) {
    const next = o[k];
    if (next === undefined) o = o[k] = {} as Record<string, unknown>;
    else if (next !== null && typeof next === 'object' && !Array.isArray(next)) o = next as Record<string, unknown>;
    else return;
  }
  const last = keys[keys.length - 1];
  if (o[last] === undefined) o[last] = value;
}
