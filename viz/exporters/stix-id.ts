import { createHash } from 'node:crypto';
import type { AttrValue } from '../../src/model/observation';
import { stableStringify } from '../../src/model/stable-id';

/** A cyber-observable as the bundle writes it, before ids: its STIX properties and references (to entity ids, sorted). */
export interface ScoContent {
  type: string;
  props: Readonly<Record<string, AttrValue>>;
  refs: ReadonlyMap<string, readonly string[]>;
}

/** STIX 2.1's namespace for cyber-observable ids (section 2.9), as bytes. */
const SCO_NAMESPACE = Buffer.from('00abedb4aa42466c9c01fed23315a9b7', 'hex');

/** The ID contributing properties of each cyber-observable type (STIX 2.1 section 6); a process has none. */
const ID_CONTRIBUTING: Readonly<Record<string, readonly string[]>> = {
  artifact: ['hashes', 'payload_bin'],
  'autonomous-system': ['number'],
  directory: ['path'],
  'domain-name': ['value'],
  'email-addr': ['value'],
  'email-message': ['from_ref', 'subject', 'body'],
  file: ['hashes', 'name', 'extensions', 'parent_directory_ref'],
  'ipv4-addr': ['value'],
  'ipv6-addr': ['value'],
  'mac-addr': ['value'],
  mutex: ['name'],
  'network-traffic': ['start', 'end', 'src_ref', 'dst_ref', 'src_port', 'dst_port', 'protocols', 'extensions'],
  software: ['name', 'cpe', 'swid', 'vendor', 'version'],
  url: ['value'],
  'user-account': ['account_type', 'user_id', 'account_login'],
  'windows-registry-key': ['key', 'values'],
  'x509-certificate': ['hashes', 'serial_number'],
};

/**
 * The STIX id of each object, keyed by entity id, as other producers derive it (section 2.9): `type--` the UUIDv5,
 * in STIX's namespace, of the ID contributing properties the object has (a reference counts as the STIX id it
 * points at; of the hashes, the first of MD5, SHA-1, SHA-256, SHA-512, else the first) as RFC 8785 JSON, which is
 * what `stableStringify` writes for these values. An object with none of them (a process, a custom `x-` type), or
 * whose id an earlier object already has, gets a UUIDv4 as the spec asks, made from its entity id so that the same
 * graph gives the same bundle.
 */
export function stixIds(objects: ReadonlyMap<string, ScoContent>): Map<string, string> {
  const ids = new Map<string, string>();
  const taken = new Set<string>();
  const idOf = (entityId: string): string => {
    const known = ids.get(entityId);
    if (known !== undefined) return known;
    const o = objects.get(entityId)!;
    ids.set(entityId, hashedId(o.type, entityId)); // what a reference cycle reads
    const name = contributing(o, idOf);
    const derived = name === undefined ? undefined : `${o.type}--${uuid(sha1(SCO_NAMESPACE, name), 5)}`;
    const id = derived === undefined || taken.has(derived) ? hashedId(o.type, entityId) : derived;
    taken.add(id);
    ids.set(entityId, id);
    return id;
  };
  for (const entityId of objects.keys()) idOf(entityId);
  return ids;
}

/** `type--` a UUIDv4 made from a hash of the type and `key`: the same key, the same id. */
export function hashedId(type: string, key: string): string {
  return `${type}--${uuid(sha1(type, '\u0000', key), 4)}`;
}

function sha1(...parts: (Buffer | string)[]): Buffer {
  const h = createHash('sha1');
  for (const p of parts) h.update(p);
  return h.digest();
}

function contributing(o: ScoContent, idOf: (entityId: string) => string): string | undefined {
  const props: Record<string, AttrValue> = {};
  for (const p of ID_CONTRIBUTING[o.type] ?? []) {
    const ref = o.refs.get(p)?.[0];
    if (ref !== undefined) props[p] = idOf(ref);
    else if (o.props[p] !== undefined) props[p] = p === 'hashes' ? oneHash(o.props[p]) : o.props[p];
  }
  return Object.keys(props).length ? stableStringify(props) : undefined;
}

function oneHash(hashes: AttrValue): AttrValue {
  if (hashes === null || typeof hashes !== 'object' || Array.isArray(hashes)) return hashes;
  const algorithm = ['MD5', 'SHA-1', 'SHA-256', 'SHA-512'].find((a) => a in hashes) ?? Object.keys(hashes)[0];
  return algorithm === undefined ? hashes : { [algorithm]: hashes[algorithm] };
}

/** An RFC 4122 UUID of the given version from the first 16 bytes of a digest. */
function uuid(digest: Buffer, version: 4 | 5): string {
  const b = Buffer.from(digest.subarray(0, 16));
  b[6] = (b[6] & 0x0f) | (version << 4);
  b[8] = (b[8] & 0x3f) | 0x80;
  const x = b.toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}
