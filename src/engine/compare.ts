import type { ComparisonOp, Scalar } from '../lang/ast';
import type { AttrValue } from '../model/observation';
import { cidrContains } from './cidr';

/** Numbers and numeric strings compare as numbers ("99" = 99, as in Kestrel's SQLite store). */
function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  return undefined;
}

function equal(a: AttrValue, b: Scalar): boolean {
  if (a === b) return true;
  const x = asNumber(a);
  const y = asNumber(b);
  if (x !== undefined && y !== undefined && (typeof a === 'number' || typeof b === 'number')) return x === y;
  return typeof a === 'boolean' || typeof b === 'boolean' ? String(a) === String(b) : false;
}

/** Looks like an ISO 8601 timestamp (compared as a time, binned by GROUP). */
export const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d/;

function order(a: AttrValue, b: Scalar): number | undefined {
  if (typeof a === 'string' && typeof b === 'string' && ISO_TIME.test(a) && ISO_TIME.test(b)) {
    const d = Date.parse(a) - Date.parse(b);
    if (!Number.isNaN(d)) return d;
  }
  const x = asNumber(a);
  const y = asNumber(b);
  if (x !== undefined && y !== undefined) return x - y;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return undefined;
}

/** Orders two cells for SORT and GROUP: numbers numerically, anything else as text; missing values last. */
export function compareCells(a: AttrValue | undefined, b: AttrValue | undefined): number {
  if (a === undefined || a === null) return b === undefined || b === null ? 0 : 1;
  if (b === undefined || b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = typeof a === 'string' ? a : JSON.stringify(a);
  const y = typeof b === 'string' ? b : JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

const likeCache = new Map<string, RegExp>();

/** SQL LIKE: % any run, _ one character; case-insensitive, as SQLite does for Kestrel's local filters. */
export function likeRegex(pattern: string): RegExp {
  let re = likeCache.get(pattern);
  if (!re) {
    const body = [...pattern].map((c) => (c === '%' ? '[\\s\\S]*' : c === '_' ? '[\\s\\S]' : c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))).join('');
    re = new RegExp(`^${body}$`, 'i');
    likeCache.set(pattern, re);
  }
  return re;
}

const regexCache = new Map<string, RegExp>();
function regex(pattern: string): RegExp {
  let re = regexCache.get(pattern);
  if (!re) regexCache.set(pattern, (re = new RegExp(pattern)));
  return re;
}

/** One value against one operand. */
function holds(op: ComparisonOp, v: AttrValue, operand: Scalar | Scalar[]): boolean {
  const one = Array.isArray(operand) ? operand[0] : operand;
  switch (op) {
    case '=': return equal(v, one);
    case '!=': return !equal(v, one);
    case '<': { const o = order(v, one); return o !== undefined && o < 0; }
    case '<=': { const o = order(v, one); return o !== undefined && o <= 0; }
    case '>': { const o = order(v, one); return o !== undefined && o > 0; }
    case '>=': { const o = order(v, one); return o !== undefined && o >= 0; }
    case 'IN': return (operand as Scalar[]).some((x) => equal(v, x));
    case 'NOT IN': return !(operand as Scalar[]).some((x) => equal(v, x));
    case 'LIKE': return typeof v === 'string' && typeof one === 'string' && likeRegex(one).test(v);
    case 'NOT LIKE': return typeof v === 'string' && typeof one === 'string' && !likeRegex(one).test(v);
    case 'MATCHES': return typeof v === 'string' && typeof one === 'string' && regex(one).test(v);
    case 'NOT MATCHES': return typeof v === 'string' && typeof one === 'string' && !regex(one).test(v);
    case 'ISSUBSET': return typeof v === 'string' && typeof one === 'string' && cidrContains(one, v);
    case 'NOT ISSUBSET': return typeof v === 'string' && typeof one === 'string' && !cidrContains(one, v);
    case 'ISSUPERSET': return typeof v === 'string' && typeof one === 'string' && cidrContains(v, one);
    case 'NOT ISSUPERSET': return typeof v === 'string' && typeof one === 'string' && !cidrContains(v, one);
  }
}

/**
 * Does an entity whose path reaches `values` satisfy the comparison? A null operand is IS [NOT] NULL;
 * otherwise some value must satisfy it (STIX semantics for multi-valued paths).
 */
export function compare(values: readonly AttrValue[], op: ComparisonOp, operand: Scalar | Scalar[]): boolean {
  if (operand === null) return op === '=' ? values.length === 0 : values.length > 0;
  return values.some((v) => holds(op, v, operand));
}
