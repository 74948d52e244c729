/**
 * What STIX 2.1 (OASIS standard, 2021) requires of a bundle of cyber-observables and relationships, for the STIX
 * exporter's tests (no STIX library is installed): the bundle's shape (section 8), identifiers (2.9), lists (2.12)
 * and timestamps (2.15), the common properties of cyber-observables (6, first table) and relationships (5.1), and,
 * for each object type the exporter writes, its required properties, the value type of each property, the types
 * its references may point at, the "at least one of" rules and the ID contributing properties (section 6). Every
 * reference must resolve inside the bundle. Not a full validator: a type this file does not know is a problem.
 */
import { createHash } from 'node:crypto';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type StixObject = Record<string, Json>;

/** A property's value type; `ref:`/`refs:` name the types it may point at (`*`: any cyber-observable). */
type ValueType = 'string' | 'integer' | 'port' | 'count' | 'boolean' | 'timestamp' | 'hashes' | 'dictionary' | 'hex' | 'strings' | `ref:${string}` | `refs:${string}`;

interface ObservableSpec {
  required?: readonly string[];
  /** At least one of these is present. */
  oneOf?: readonly string[];
  props: Record<string, ValueType>;
  idContributing?: readonly string[];
}

const ADDRESSES = 'ipv4-addr|ipv6-addr|mac-addr|domain-name';
const TIMES = { ctime: 'timestamp', mtime: 'timestamp', atime: 'timestamp' } as const;

const OBSERVABLES: Record<string, ObservableSpec> = {
  directory: {
    required: ['path'],
    props: { path: 'string', path_enc: 'string', ...TIMES, contains_refs: 'refs:file|directory' },
    idContributing: ['path'],
  },
  'domain-name': {
    required: ['value'],
    props: { value: 'string', resolves_to_refs: 'refs:ipv4-addr|ipv6-addr|domain-name' },
    idContributing: ['value'],
  },
  file: {
    oneOf: ['hashes', 'name'],
    props: {
      extensions: 'dictionary', hashes: 'hashes', size: 'count', name: 'string', name_enc: 'string', magic_number_hex: 'hex',
      mime_type: 'string', ...TIMES, parent_directory_ref: 'ref:directory', contains_refs: 'refs:*', content_ref: 'ref:artifact',
    },
    idContributing: ['hashes', 'name', 'extensions', 'parent_directory_ref'],
  },
  'ipv4-addr': {
    required: ['value'],
    props: { value: 'string', resolves_to_refs: 'refs:mac-addr', belongs_to_refs: 'refs:autonomous-system' },
    idContributing: ['value'],
  },
  'ipv6-addr': {
    required: ['value'],
    props: { value: 'string', resolves_to_refs: 'refs:mac-addr', belongs_to_refs: 'refs:autonomous-system' },
    idContributing: ['value'],
  },
  'network-traffic': {
    required: ['protocols'],
    oneOf: ['src_ref', 'dst_ref'],
    props: {
      extensions: 'dictionary', start: 'timestamp', end: 'timestamp', is_active: 'boolean', src_ref: `ref:${ADDRESSES}`,
      dst_ref: `ref:${ADDRESSES}`, src_port: 'port', dst_port: 'port', protocols: 'strings', src_byte_count: 'count',
      dst_byte_count: 'count', src_packets: 'count', dst_packets: 'count', ipfix: 'dictionary', src_payload_ref: 'ref:artifact',
      dst_payload_ref: 'ref:artifact', encapsulates_refs: 'refs:network-traffic', encapsulated_by_ref: 'ref:network-traffic',
    },
    idContributing: ['start', 'end', 'src_ref', 'dst_ref', 'src_port', 'dst_port', 'protocols', 'extensions'],
  },
  process: {
    props: {
      extensions: 'dictionary', is_hidden: 'boolean', pid: 'integer', created_time: 'timestamp', cwd: 'string', command_line: 'string',
      environment_variables: 'dictionary', opened_connection_refs: 'refs:network-traffic', creator_user_ref: 'ref:user-account',
      image_ref: 'ref:file', parent_ref: 'ref:process', child_refs: 'refs:process',
    },
  },
  'user-account': {
    props: {
      extensions: 'dictionary', user_id: 'string', credential: 'string', account_login: 'string', account_type: 'string',
      display_name: 'string', is_service_account: 'boolean', is_privileged: 'boolean', can_escalate_privs: 'boolean',
      is_disabled: 'boolean', account_created: 'timestamp', account_expires: 'timestamp', credential_last_changed: 'timestamp',
      account_first_login: 'timestamp', account_last_login: 'timestamp',
    },
    idContributing: ['account_type', 'user_id', 'account_login'],
  },
};

const OBSERVABLE_COMMON: Record<string, ValueType> = {
  spec_version: 'string', object_marking_refs: 'refs:marking-definition', granular_markings: 'dictionary', defanged: 'boolean', extensions: 'dictionary',
};
/** Common properties that do not apply to cyber-observables (section 6): an SDO's `created` is not a process's. */
const NOT_FOR_OBSERVABLES = ['created_by_ref', 'revoked', 'labels', 'confidence', 'lang', 'external_references', 'created', 'modified'];

const RELATIONSHIP: Record<string, ValueType> = {
  spec_version: 'string', created: 'timestamp', modified: 'timestamp', relationship_type: 'string', source_ref: 'ref:*', target_ref: 'ref:*',
  description: 'string', start_time: 'timestamp', stop_time: 'timestamp', created_by_ref: 'ref:identity', revoked: 'boolean',
  labels: 'strings', confidence: 'integer', lang: 'string', object_marking_refs: 'refs:marking-definition',
};
const RELATIONSHIP_REQUIRED = ['type', 'spec_version', 'id', 'created', 'modified', 'relationship_type', 'source_ref', 'target_ref'];

const SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-([1-5])[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const CUSTOM_PROPERTY = /^[a-z0-9_]{3,250}$/;
const CUSTOM_TYPE = /^x-[a-z0-9-]{1,248}$/;

/** Every way the bundle (parsed JSON) falls short of STIX 2.1; empty when it does not. */
export function stixProblems(parsed: unknown): string[] {
  const bundle = parsed as Json;
  const problems: string[] = [];
  if (!isObject(bundle)) return ['the bundle is not a JSON object'];
  if (bundle.type !== 'bundle') problems.push(`bundle: type is ${JSON.stringify(bundle.type)}`);
  problems.push(...idProblems('bundle', bundle.id, 'bundle'));
  for (const k of Object.keys(bundle)) if (!['type', 'id', 'objects'].includes(k)) problems.push(`bundle: ${k} is not a bundle property`);
  const objects = bundle.objects;
  if (!Array.isArray(objects) || !objects.length || !objects.every(isObject)) return [...problems, 'bundle: objects is not a non-empty list of objects'];
  const byId = new Map<string, StixObject>();
  const uuids = new Set<string>();
  for (const o of objects) {
    const id = String(o.id);
    if (byId.has(id)) problems.push(`${id}: two objects have this id`);
    byId.set(id, o);
    const uuid = id.slice(id.indexOf('--') + 2);
    if (uuids.has(uuid)) problems.push(`${id}: its UUID is another object's`);
    uuids.add(uuid);
  }
  for (const o of objects) problems.push(...(o.type === 'relationship' ? relationshipProblems(o, byId) : observableProblems(o, byId)));
  return problems;
}

function observableProblems(o: StixObject, byId: ReadonlyMap<string, StixObject>): string[] {
  const type = String(o.type);
  const spec = OBSERVABLES[type];
  if (!spec && !CUSTOM_TYPE.test(type)) return [`${String(o.id)}: the validator does not know type ${JSON.stringify(type)}`];
  const problems = idProblems(type, o.id, String(o.id));
  const label = String(o.id);
  if (o.spec_version !== undefined && o.spec_version !== '2.1') problems.push(`${label}: spec_version is ${JSON.stringify(o.spec_version)}`);
  for (const p of spec?.required ?? []) if (o[p] === undefined) problems.push(`${label}: required ${p} is missing`);
  if (spec?.oneOf && !spec.oneOf.some((p) => o[p] !== undefined)) problems.push(`${label}: has none of ${spec.oneOf.join(', ')}`);
  if (Object.keys(o).every((k) => ['type', 'id', 'spec_version'].includes(k))) problems.push(`${label}: has no property of its own`);
  for (const p of NOT_FOR_OBSERVABLES) if (o[p] !== undefined) problems.push(`${label}: ${p} does not apply to a cyber-observable`);
  for (const [k, v] of Object.entries(o)) {
    if (k === 'type' || k === 'id' || NOT_FOR_OBSERVABLES.includes(k)) continue;
    const valueType = spec?.props[k] ?? OBSERVABLE_COMMON[k] ?? customRef(k);
    if (valueType) problems.push(...valueProblems(`${label}.${k}`, v, valueType, byId));
    else if (!CUSTOM_PROPERTY.test(k)) problems.push(`${label}: custom property name ${JSON.stringify(k)} is not 3-250 of a-z, 0-9, _`);
    else if (v === null || (Array.isArray(v) && !v.length)) problems.push(`${label}.${k}: is null or an empty list`);
  }
  const expected = spec?.idContributing && contributingId(type, o, spec.idContributing);
  if (expected && o.id !== expected) problems.push(`${label}: id should be ${expected} (UUIDv5 of its ID contributing properties)`);
  if (!expected && UUID.exec(label.slice(label.indexOf('--') + 2))?.[1] !== '4') problems.push(`${label}: without ID contributing properties, the id must be a UUIDv4`);
  return problems;
}

function relationshipProblems(o: StixObject, byId: ReadonlyMap<string, StixObject>): string[] {
  const label = String(o.id);
  const problems = idProblems('relationship', o.id, label);
  for (const p of RELATIONSHIP_REQUIRED) if (o[p] === undefined) problems.push(`${label}: required ${p} is missing`);
  if (o.spec_version !== '2.1') problems.push(`${label}: spec_version is ${JSON.stringify(o.spec_version)}`);
  for (const [k, v] of Object.entries(o)) {
    if (k === 'type' || k === 'id') continue;
    const valueType = RELATIONSHIP[k];
    if (valueType) problems.push(...valueProblems(`${label}.${k}`, v, valueType, byId));
    else problems.push(`${label}: ${k} is not a relationship property`);
  }
  if (typeof o.relationship_type === 'string' && !/^[a-z0-9-]+$/.test(o.relationship_type)) problems.push(`${label}: relationship_type is not a-z, 0-9 and -`);
  for (const p of ['created', 'modified']) {
    if (typeof o[p] === 'string' && !/\.\d{3}Z$/.test(o[p] as string)) problems.push(`${label}.${p}: not to the millisecond`);
  }
  if (typeof o.created === 'string' && typeof o.modified === 'string' && o.modified < o.created) problems.push(`${label}: modified is before created`);
  for (const p of ['source_ref', 'target_ref']) {
    const t = byId.get(String(o[p]))?.type;
    if (t === 'relationship' || t === 'bundle') problems.push(`${label}.${p}: points at a ${t}`);
  }
  return problems;
}

/** A custom property named like a reference must resolve like one (section 11.1 names them `*_ref`, `*_refs`). */
function customRef(name: string): ValueType | undefined {
  return name.endsWith('_refs') ? 'refs:*' : name.endsWith('_ref') ? 'ref:*' : undefined;
}

function valueProblems(where: string, v: Json, valueType: ValueType, byId: ReadonlyMap<string, StixObject>): string[] {
  const [kind, targets] = valueType.split(':');
  const bad = (what: string) => [`${where}: ${JSON.stringify(v)} is not ${what}`];
  switch (kind) {
    case 'string': return typeof v === 'string' ? [] : bad('a string');
    case 'boolean': return typeof v === 'boolean' ? [] : bad('a boolean');
    case 'integer': return Number.isSafeInteger(v) ? [] : bad('an integer');
    case 'count': return Number.isSafeInteger(v) && (v as number) >= 0 ? [] : bad('a non-negative integer');
    case 'port': return Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 65535 ? [] : bad('a port (0-65535)');
    case 'timestamp': return typeof v === 'string' && TIMESTAMP.test(v) && !Number.isNaN(Date.parse(v)) ? [] : bad('an RFC 3339 UTC timestamp');
    case 'hex': return typeof v === 'string' && /^([0-9a-f]{2})*$/.test(v) ? [] : bad('hex');
    case 'strings': return Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string') ? [] : bad('a non-empty list of strings');
    case 'dictionary': return isObject(v) && Object.keys(v).length > 0 ? [] : bad('a non-empty dictionary');
    case 'hashes':
      return isObject(v) && Object.keys(v).length > 0 && Object.entries(v).every(([k, h]) => /^[a-zA-Z0-9_-]{3,250}$/.test(k) && typeof h === 'string')
        ? [] : bad('hashes (3-250 character keys, string values)');
    case 'ref': return typeof v === 'string' ? refProblems(where, v, targets, byId) : bad('an identifier');
    case 'refs':
      return Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string')
        ? v.flatMap((x) => refProblems(where, x as string, targets, byId)) : bad('a non-empty list of identifiers');
  }
  return bad(valueType);
}

/** A reference resolves inside the bundle, to an object of a type the property may point at. */
function refProblems(where: string, ref: string, targets: string, byId: ReadonlyMap<string, StixObject>): string[] {
  const target = byId.get(ref);
  if (!target) return [`${where}: ${ref} is not in the bundle`];
  const type = String(target.type);
  const allowed = targets === '*' ? type !== 'relationship' : targets.split('|').includes(type);
  return allowed ? [] : [`${where}: points at a ${type}, not ${targets}`];
}

function idProblems(type: string, id: Json, where: string): string[] {
  if (typeof id !== 'string' || !id.startsWith(`${type}--`) || !UUID.test(id.slice(type.length + 2))) {
    return [`${where}: id ${JSON.stringify(id)} is not ${type}--<RFC 4122 UUID>`];
  }
  return [];
}

/** `type--UUIDv5` in STIX's namespace of the ID contributing properties present, as RFC 8785 JSON; none present: undefined. */
function contributingId(type: string, o: StixObject, names: readonly string[]): string | undefined {
  const props: Record<string, Json> = {};
  for (const p of names) if (o[p] !== undefined) props[p] = p === 'hashes' ? oneHash(o[p]) : o[p];
  if (!Object.keys(props).length) return undefined;
  const digest = createHash('sha1').update(Buffer.from(SCO_NAMESPACE.replace(/-/g, ''), 'hex')).update(canonicalJson(props), 'utf8').digest();
  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;
  const x = digest.subarray(0, 16).toString('hex');
  return `${type}--${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** Section 2.9: one hash counts, the first of MD5, SHA-1, SHA-256, SHA-512 present, else the first. */
function oneHash(hashes: Json): Json {
  if (!isObject(hashes)) return hashes;
  const key = ['MD5', 'SHA-1', 'SHA-256', 'SHA-512'].find((k) => k in hashes) ?? Object.keys(hashes)[0];
  return { [key]: hashes[key] };
}

/** RFC 8785 for the values observables hold: keys sorted by UTF-16 code units, no whitespace, ECMAScript number and string forms. */
function canonicalJson(v: Json): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (isObject(v)) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(v[k])}`).join(',')}}`;
  return JSON.stringify(v);
}

function isObject(v: Json | undefined): v is { [key: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
