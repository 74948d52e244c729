import { isIP } from 'node:net';
import type { AttrValue } from '../../src/model/observation';

/** Turns a field's value into an attribute value; undefined means "no value" (the attribute is left out). */
export type Transform = (v: unknown) => AttrValue | undefined;

/** Values sensors write when they have nothing to say. */
export function isPlaceholder(v: unknown): boolean {
  return v === undefined || v === null || v === '' || v === '-' || v === '<unknown process>';
}

const ZERO_GUID = /^[{(]?[0-]+[})]?$/;
const STIX_HASH_NAMES: Record<string, string> = { sha1: 'SHA-1', md5: 'MD5', sha256: 'SHA-256', sha512: 'SHA-512' };

function lastSeparator(s: string): number {
  return Math.max(s.lastIndexOf('\\'), s.lastIndexOf('/'));
}

function toInt(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isInteger(v) ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  const n = s.startsWith('0x') || s.startsWith('0X') ? parseInt(s.slice(2), 16) : /^-?\d+$/.test(s) ? Number(s) : NaN;
  return Number.isSafeInteger(n) ? n : undefined;
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

/** Keeps JSON values as they are: strings, numbers, booleans, arrays and objects of them. */
function verbatim(v: unknown): AttrValue | undefined {
  return v as AttrValue;
}

/** "SHA1=..,MD5=..,SHA256=..,IMPHASH=.." (Sysmon) or {sha1, md5, sha256} (ECS) to STIX hash names. */
function hashes(v: unknown): AttrValue | undefined {
  const out: Record<string, AttrValue> = {};
  let any = false;
  const put = (algo: string, digest: unknown) => {
    const name = STIX_HASH_NAMES[algo.trim().toLowerCase()];
    if (name && typeof digest === 'string' && digest !== '' && !/^0+$/.test(digest)) {
      out[name] = digest;
      any = true;
    }
  };
  if (typeof v === 'string') {
    for (const part of v.split(',')) {
      const eq = part.indexOf('=');
      if (eq > 0) put(part.slice(0, eq), part.slice(eq + 1));
    }
  } else if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    for (const k of Object.keys(v)) put(k, (v as Record<string, unknown>)[k]);
  }
  return any ? out : undefined;
}

/** Sysmon UtcTime "2020-12-19 12:00:03.821" and NXLog EventTime "2020-10-18 07:49:39" (both read as UTC). */
function isoTime(v: unknown): AttrValue | undefined {
  if (typeof v !== 'string') return undefined;
  if (v.length >= 20 && v[10] === 'T' && v.endsWith('Z')) return v;
  if (v.length >= 19 && v[10] === ' ' && !v.endsWith('Z')) return `${v.slice(0, 10)}T${v.slice(11)}Z`;
  return Number.isNaN(Date.parse(v)) ? undefined : v;
}

function domainOf(v: unknown): AttrValue | undefined {
  const s = text(v);
  const i = s === undefined ? -1 : s.indexOf('\\');
  return i > 0 ? s!.slice(0, i) : undefined;
}

function accountOf(v: unknown): AttrValue | undefined {
  const s = text(v);
  return s === undefined ? undefined : s.slice(s.indexOf('\\') + 1) || undefined;
}

/** Sysmon 22 QueryResults "::ffff:172.18.39.6;type:  5 x.example;" to the addresses in it. */
function dnsAddresses(v: unknown): AttrValue | undefined {
  const parts = Array.isArray(v) ? v : typeof v === 'string' ? v.split(';') : [];
  const ips: string[] = [];
  for (const p of parts) {
    if (typeof p !== 'string') continue;
    const ip = p.trim().replace(/^::ffff:/i, '');
    if (isIP(ip) && !ips.includes(ip)) ips.push(ip);
  }
  return ips.length ? ips : undefined;
}

/** A registry value's data, one string or ECS `registry.data.strings`, as STIX `values`. */
function registryValues(v: unknown): AttrValue | undefined {
  const list = Array.isArray(v) ? v : [v];
  const values = list.filter((d): d is string => typeof d === 'string' && d !== '').map((data) => ({ data }));
  return values.length ? values : undefined;
}

/** OCSF hash_id algorithm_id to STIX hash names (MD5, SHA-1, SHA-256, SHA-512). */
const OCSF_HASH_NAMES: Record<number, string> = { 1: 'MD5', 2: 'SHA-1', 3: 'SHA-256', 4: 'SHA-512' };

/** OCSF `hashes` (a list of fingerprints `{algorithm_id, algorithm, value}`) to STIX hash names. */
function ocsfHashes(v: unknown): AttrValue | undefined {
  const out: Record<string, AttrValue> = {};
  for (const f of Array.isArray(v) ? v : [v]) {
    if (f === null || typeof f !== 'object') continue;
    const { algorithm_id: id, algorithm, value } = f as Record<string, unknown>;
    const name = OCSF_HASH_NAMES[Number(id)] ?? (typeof algorithm === 'string' ? STIX_HASH_NAMES[algorithm.replace('-', '').toLowerCase()] : undefined);
    if (name && typeof value === 'string' && value !== '' && !/^0+$/.test(value)) out[name] = value;
  }
  return Object.keys(out).length ? out : undefined;
}

/** Below this an OCSF time is in seconds (some producers write them), above it in milliseconds as OCSF says. */
const SECONDS_BELOW = 1e11;

/** OCSF `time`: epoch milliseconds (a number, a numeric string or a parquet timestamp) or an RFC 3339 string. */
function ocsfTime(v: unknown): AttrValue | undefined {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v.toISOString();
  if (typeof v === 'bigint') v = Number(v);
  if (typeof v === 'string' && /^\d+$/.test(v.trim())) v = Number(v);
  if (typeof v === 'number' && Number.isFinite(v)) return new Date(v < SECONDS_BELOW ? v * 1000 : v).toISOString();
  if (typeof v !== 'string') return undefined;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** OCSF DNS `answers` (a list of `{rdata, type}`, or one) to the addresses among their rdata. */
function ocsfDnsAnswers(v: unknown): AttrValue | undefined {
  const rdata = (Array.isArray(v) ? v : [v]).map((a) => (a !== null && typeof a === 'object' ? (a as Record<string, unknown>).rdata : undefined));
  return dnsAddresses(rdata);
}

export const TRANSFORMS: Readonly<Record<string, Transform>> = {
  verbatim,
  /** Like verbatim, for fields that hold the number already (ECS pids, ports): a query may compare the field itself. */
  number: toInt,
  text,
  int: toInt,
  bool: (v) => (typeof v === 'boolean' ? v : v === 'true' ? true : v === 'false' ? false : undefined),
  lower: (v) => text(v)?.toLowerCase(),
  list: (v) => (Array.isArray(v) ? (v as AttrValue[]) : [v as AttrValue]),
  lower_list: (v) => (Array.isArray(v) ? v : [v]).map((x) => String(x).toLowerCase()),
  basename: (v) => {
    const s = text(v);
    return s === undefined ? undefined : s.slice(lastSeparator(s) + 1) || undefined;
  },
  dirname: (v) => {
    const s = text(v);
    const i = s === undefined ? -1 : lastSeparator(s);
    return i > 0 ? s!.slice(0, i) : undefined;
  },
  guid: (v) => {
    const s = text(v);
    return s === undefined || ZERO_GUID.test(s) ? undefined : s;
  },
  hashes,
  iso_time: isoTime,
  domain: domainOf,
  account: accountOf,
  dns_addresses: dnsAddresses,
  registry_values: registryValues,
  ocsf_hashes: ocsfHashes,
  ocsf_time: ocsfTime,
  ocsf_dns_answers: ocsfDnsAnswers,
};

/** Transforms that take objects or lists; the others read one scalar. */
const STRUCTURED: ReadonlySet<string> = new Set(['verbatim', 'hashes', 'list', 'lower_list', 'dns_addresses', 'registry_values', 'ocsf_hashes', 'ocsf_dns_answers']);

/**
 * What a transform that gave nothing for `raw` needs, when `raw` has the wrong type for it (an object where a
 * pid belongs, a word where a number does); undefined when the value is only one it ignores (a zero GUID, a
 * path without folder).
 */
export function typeNeeded(transformName: string, raw: unknown): string | undefined {
  const integer = transformName === 'int' || transformName === 'number';
  if (integer) return 'an integer';
  if (STRUCTURED.has(transformName) || raw === null || typeof raw !== 'object') return undefined;
  return transformName === 'iso_time' || transformName === 'ocsf_time' ? 'a time' : transformName === 'bool' ? 'a boolean' : 'text';
}

/**
 * Transforms that give the field's own value (or nothing), so a query on the attribute may compare the field
 * instead: `guid` only drops all-zero GUIDs, which no query asks for.
 */
export const VALUE_PRESERVING: ReadonlySet<string> = new Set(['verbatim', 'text', 'number', 'guid']);

/** Transforms whose string result is the document's text or a part of it, whatever its case. */
export const TEXT_KEEPING: ReadonlySet<string> = new Set(['verbatim', 'text', 'guid', 'lower', 'basename', 'dirname']);
