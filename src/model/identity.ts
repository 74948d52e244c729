import type { AttrValue } from './observation';
import { stableStringify } from './stable-id';

/**
 * Entity identity (DESIGN.md "Identity", reference 1.7). An identity is either exact (content that names
 * one real-world entity) or, for a process without a GUID, a pid on a host that the store resolves to a
 * process instance by its time of observation (pids are reused; see graph/ingest.ts).
 */
export type Identity =
  | { kind: 'exact'; key: string }
  /** `time` is when the record saw the process; `created`, when a sensor says it started. */
  | { kind: 'process-instance'; scope: string; pid: string; name?: string; commandLine?: string; time?: number; created?: number };

export interface IdentityContext {
  /** Host the record describes (from an x-oca-asset in it), else the data source: the scope of pids and paths. */
  readonly scope: string;
  /** Milliseconds since the epoch of the record's first observation, if known. */
  readonly time?: number;
  /** Identity key of the entity a ref of this object points to (resolved first). */
  refKey(ref: string): string | string[] | undefined;
  /** An attribute of the entity a ref points to (e.g. the path of parent_directory_ref). */
  refAttr(ref: string, attr: string): AttrValue | undefined;
}

const GUID_EXTENSION_KEYS = ['process_guid', 'process_unique_id', 'process_uid', 'process_id', 'guid', 'entity_id'];
const HASH_PREFERENCE = ['SHA-256', 'SHA256', 'SHA-1', 'SHA1', 'MD5', 'SHA-512', 'SHA512'];

/** All-zero GUIDs ("00000000-0000-0000-0000-000000000000", "{0000...}") mean "no GUID". */
export function isUsableGuid(v: AttrValue | undefined): v is string | number {
  if (v === null || v === undefined || v === '') return false;
  if (typeof v !== 'string' && typeof v !== 'number') return false;
  return !/^[{(]?[0-]+[})]?$/.test(String(v));
}

function str(v: AttrValue | undefined): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

function lower(v: AttrValue | undefined): string | undefined {
  return str(v)?.toLowerCase();
}

const PLACEHOLDER_NAMES = new Set(['', '(unknown)', 'unknown', '-', 'n/a']);

/**
 * The image a process runs, for telling pid reuse apart: its name, or the executable its command line
 * starts with when a sensor left the name out; lower-cased, without `.exe`.
 */
export function imageName(attrs: Record<string, AttrValue>): string | undefined {
  const name = lower(attrs.name);
  const exe = name !== undefined && !PLACEHOLDER_NAMES.has(name) ? name : commandImage(str(attrs.command_line)?.trim());
  if (!exe) return undefined;
  const base = exe.slice(Math.max(exe.lastIndexOf('\\'), exe.lastIndexOf('/')) + 1).toLowerCase();
  return (base.endsWith('.exe') ? base.slice(0, -4) : base) || undefined;
}

/** The executable a command line starts with: quoted, or up to the first space. */
function commandImage(cmd: string | undefined): string | undefined {
  if (!cmd) return cmd;
  if (cmd.startsWith('"')) return cmd.slice(1, cmd.indexOf('"', 1) >>> 0);
  const space = cmd.search(/\s/);
  return space < 0 ? cmd : cmd.slice(0, space);
}

export function processGuid(attrs: Record<string, AttrValue>): string | undefined {
  if (isUsableGuid(attrs.x_unique_id)) return String(attrs.x_unique_id);
  const ext = attrs.extensions;
  if (ext && typeof ext === 'object' && !Array.isArray(ext)) {
    for (const e of Object.values(ext)) {
      if (!e || typeof e !== 'object' || Array.isArray(e)) continue;
      for (const k of GUID_EXTENSION_KEYS) if (isUsableGuid(e[k])) return String(e[k]);
    }
  }
  return undefined;
}

/** Sensors write all-zero hashes when they did not hash the file. */
function usableHash(v: AttrValue | undefined): boolean {
  const s = str(v);
  return s !== undefined && !/^0+$/.test(s);
}

function firstHash(hashes: AttrValue | undefined): string | undefined {
  if (!hashes || typeof hashes !== 'object' || Array.isArray(hashes)) return undefined;
  const keys = Object.keys(hashes);
  const k = HASH_PREFERENCE.find((h) => usableHash(hashes[h])) ?? keys.sort().find((h) => usableHash(hashes[h]));
  return k === undefined ? undefined : `${k.replace('-', '').toUpperCase()}:${lower(hashes[k])}`;
}

/** Windows paths are case-insensitive; keep the key stable however a sensor spelt the path. */
function pathKey(p: string): string {
  return p.includes('\\') || /^[a-z]:/i.test(p) ? p.toLowerCase().replace(/\\+$/, '') : p.replace(/\/+$/, '');
}

function joinPath(dir: string, name: string): string {
  const sep = dir.includes('\\') ? '\\' : '/';
  return dir.endsWith(sep) ? dir + name : dir + sep + name;
}

function contentKey(attrs: Record<string, AttrValue>, ctx: IdentityContext, refNames: Record<string, unknown>): string {
  const refs: Record<string, unknown> = {};
  for (const r in refNames) refs[r] = ctx.refKey(r);
  return stableStringify({ attrs, refs });
}

function exact(...parts: (string | undefined)[]): Identity {
  let key = parts[0] ?? '';
  for (let i = 1; i < parts.length; i++) key += `|${parts[i] ?? ''}`;
  return { kind: 'exact', key };
}

/** The identity of one observed object. `refs` are the refs it holds (only their names are read). */
export function identify(
  type: string,
  attrs: Record<string, AttrValue>,
  refs: Record<string, unknown>,
  ctx: IdentityContext,
): Identity {
  switch (type) {
    case 'ipv4-addr':
    case 'ipv6-addr':
    case 'mac-addr':
    case 'domain-name':
    case 'email-addr':
    case 'url':
      if (str(attrs.value)) return exact(type === 'url' ? str(attrs.value) : lower(attrs.value));
      break;
    case 'directory':
      if (str(attrs.path)) return exact(ctx.scope, pathKey(str(attrs.path)!));
      break;
    case 'file': {
      const name = str(attrs.name);
      const dir = str(ctx.refAttr('parent_directory_ref', 'path'));
      if (name && dir) return exact(ctx.scope, 'path', pathKey(joinPath(dir, name)));
      const hash = firstHash(attrs.hashes);
      if (hash) return exact('hash', hash);
      if (name) return exact(ctx.scope, 'name', pathKey(name));
      break;
    }
    case 'user-account': {
      const uid = str(attrs.user_id) ?? str(attrs.account_login);
      if (uid) return exact(uid.toLowerCase());
      break;
    }
    case 'process': {
      const guid = processGuid(attrs);
      if (guid) return exact('guid', guid.toLowerCase().replace(/[{}]/g, ''));
      const pid = str(attrs.pid);
      if (pid === undefined) break;
      const created = typeof attrs.created === 'string' ? Date.parse(attrs.created) : NaN;
      return {
        kind: 'process-instance', scope: ctx.scope, pid, name: imageName(attrs), commandLine: str(attrs.command_line), time: ctx.time,
        created: Number.isNaN(created) ? undefined : created,
      };
    }
    case 'network-traffic': {
      const protocols = Array.isArray(attrs.protocols) ? attrs.protocols.join(',') : str(attrs.protocols);
      const ext = attrs.extensions === undefined ? undefined : stableStringify(attrs.extensions);
      return exact(
        String(ctx.refKey('src_ref') ?? ''), String(ctx.refKey('dst_ref') ?? ''), str(attrs.src_port), str(attrs.dst_port),
        protocols, str(attrs.start), str(attrs.end), ext,
      );
    }
    case 'autonomous-system':
      if (str(attrs.number)) return exact(str(attrs.number));
      break;
    case 'mutex':
      if (str(attrs.name)) return exact(ctx.scope, str(attrs.name));
      break;
    case 'software':
      return exact(str(attrs.name), str(attrs.cpe), str(attrs.swid), str(attrs.vendor), str(attrs.version));
    case 'windows-registry-key':
      if (str(attrs.key)) return exact(ctx.scope, lower(attrs.key));
      break;
    case 'x509-certificate':
      return exact(firstHash(attrs.hashes), str(attrs.serial_number), str(attrs.issuer));
    case 'x-oca-asset': {
      const host = str(attrs.host_id) ?? str(attrs.device_id) ?? str(attrs.hostname) ?? str(attrs.name);
      if (host) return exact(host.toLowerCase());
      break;
    }
  }
  return { kind: 'exact', key: contentKey(attrs, ctx, refs) };
}

/** The scope an x-oca-asset in a record gives its pids and paths. */
export function hostScope(assetAttrs: Record<string, AttrValue>): string | undefined {
  const host = str(assetAttrs.hostname) ?? str(assetAttrs.host_id) ?? str(assetAttrs.device_id) ?? str(assetAttrs.name);
  return host ? `host:${host.toLowerCase()}` : undefined;
}
