import { hash } from 'node:crypto';

/** What JSON.stringify escapes in a string (a surrogate only when lone, but any sends the string to it). */
const ESCAPED_IN_JSON = /["\\\u0000-\u001f\ud800-\udfff]/;

/** JSON with object keys sorted, so equal content gives equal text. */
export function stableStringify(value: unknown): string {
  if (typeof value === 'string') return ESCAPED_IN_JSON.test(value) ? JSON.stringify(value) : `"${value}"`;
  if (typeof value === 'number') return Number.isFinite(value) ? `${value}` : 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + stableStringify(value[i]);
    return `${out}]`;
  }
  const obj = value as Record<string, unknown>;
  const keys = sortedKeys(obj);
  let out = '{';
  for (const k of keys) {
    const v = obj[k];
    if (v === undefined) continue;
    out += `${out.length > 1 ? ',' : ''}${quotedKey(k)}:${stableStringify(v)}`;
  }
  return `${out}}`;
}

/** An object's keys in code-unit order, as `sort()` gives them; few keys are sorted in place (`sort()` allocates per call). */
function sortedKeys(obj: object): string[] {
  const keys = Object.keys(obj);
  if (keys.length > 16) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const k = keys[i];
    let j = i - 1;
    for (; j >= 0 && keys[j] > k; j--) keys[j + 1] = keys[j];
    keys[j + 1] = k;
  }
  return keys;
}

/** Attribute names repeat in every record: each is quoted once. */
const quotedKeys = new Map<string, string>();

function quotedKey(k: string): string {
  let q = quotedKeys.get(k);
  if (q === undefined) {
    q = JSON.stringify(k);
    if (quotedKeys.size < 10_000) quotedKeys.set(k, q);
  }
  return q;
}

/** A deterministic STIX-style id, `type--` + a name-based UUID (version 5 layout) of the key. */
export function stableId(type: string, key: string): string {
  const h = hash('sha1', `${type}\u0000${key}`, 'hex');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${type}--${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
