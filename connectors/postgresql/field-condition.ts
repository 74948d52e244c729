import type { QueryOp, QueryScalar } from '../../src/model/source-query';
import type { Parameters } from './parameters';
import { posixRegex } from './posix-regex';

/**
 * Where an entity attribute sits in a row: a text or integer column, or a path into `doc` (whose value may be
 * an array: the attribute then has several values).
 */
export type Field = { kind: 'text'; column: string } | { kind: 'integer'; column: string } | { kind: 'doc'; path: string[] };

/**
 * SQL true for every row in which some value of the field satisfies the comparison as the engine decides it
 * (src/engine/compare.ts: numbers and numeric strings compare as numbers, LIKE ignores case, a null operand
 * means IS [NOT] NULL), or undefined when that cannot be said in SQL: the caller then keeps every row.
 */
export function fieldCondition(field: Field, op: QueryOp, value: QueryScalar | QueryScalar[], params: Parameters): string | undefined {
  if (field.kind === 'integer') return integerCondition(field.column, op, value, params);
  if (field.kind === 'text') return textCondition(field.column, op, value, params);
  const path = `${params.add(field.path)}::text[]`;
  const condition = textCondition('e.value', op, value, params);
  if (condition === undefined) return undefined;
  const values = `CASE jsonb_typeof(doc #> ${path}) WHEN 'array' THEN doc #> ${path} ELSE jsonb_build_array(doc #> ${path}) END`;
  return `EXISTS (SELECT FROM jsonb_array_elements_text(${values}) AS e(value) WHERE ${condition})`;
}

/** The number a value compares as (compare.ts asNumber): numbers, and strings that Number() reads. */
function asNumber(v: QueryScalar): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

const listOf = (value: QueryScalar | QueryScalar[]) => (Array.isArray(value) ? value : [value]).filter((v) => v !== null);

/** A decimal number PostgreSQL's numeric input reads, else NULL. */
const numeric = (t: string) => `(CASE WHEN ${t} ~ '^\\s*[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]{1,4})?\\s*$' THEN ${t}::numeric END)`;
/** Numbers JavaScript's Number() reads and `numeric` above does not (hex, Infinity, huge exponents): kept whatever the value. */
const otherNumeric = (t: string) => `${t} ~* '^\\s*(0x|0o|0b|[-+]?infinity)|e[-+]?[0-9]{5}'`;

function textCondition(t: string, op: QueryOp, value: QueryScalar | QueryScalar[], params: Parameters): string | undefined {
  if (value === null) return op === '=' ? undefined : `${t} IS NOT NULL`;
  const one = Array.isArray(value) ? undefined : value;
  switch (op) {
    case '=':
    case 'IN':
      return anyOf([texts(t, listOf(value), params), numbers(t, listOf(value), params)]) ?? 'FALSE';
    case '!=':
    case 'NOT IN': {
      const list = listOf(value);
      const strings = list.filter((v) => typeof v !== 'number').map(String);
      const exact = list.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
      const parts = [strings.length === 1 ? `${t} <> ${params.add(strings[0])}` : `${t} IS NOT NULL`];
      if (strings.length > 1) parts.push(`NOT (${t} = ANY(${params.add(strings)}::text[]))`);
      if (exact.length) parts.push(`NOT COALESCE(${numeric(t)} = ANY(${params.add(exact)}::numeric[]), FALSE)`);
      return parts.join(' AND ');
    }
    case 'LIKE':
    case 'NOT LIKE':
      if (typeof one !== 'string') return undefined;
      return `${t} ${op === 'LIKE' ? 'ILIKE' : 'NOT ILIKE'} ${params.add(one)} ESCAPE ''`;
    case 'MATCHES':
    case 'NOT MATCHES': {
      const regex = typeof one === 'string' ? posixRegex(one) : undefined;
      if (regex === undefined) return undefined;
      return `${t} ${op === 'MATCHES' ? '~' : '!~'} ${params.add(regex)}`;
    }
    case '<':
    case '<=':
    case '>':
    case '>=':
      if (typeof one === 'number' && Number.isFinite(one)) return `(${numeric(t)} ${op} ${params.add(one)}::numeric OR ${otherNumeric(t)})`;
      // Numeric and ISO-time strings order by number or time in the engine; any other string by code unit.
      if (typeof one === 'string' && asNumber(one) === undefined && !/^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(one)) {
        return `${t} COLLATE "C" ${op} ${params.add(one)}`;
      }
      return undefined;
    default:
      return undefined;
  }
}

/** Rows whose text equals one of the values as written (booleans compare as their text). */
function texts(t: string, list: QueryScalar[], params: Parameters): string | undefined {
  const strings = list.filter((v) => typeof v !== 'number').map(String);
  if (strings.length === 0) return undefined;
  return strings.length === 1 ? `${t} = ${params.add(strings[0])}` : `${t} = ANY(${params.add(strings)}::text[])`;
}

/** Rows whose text is a number equal to a numeric value (a number, or a string that reads as one). */
function numbers(t: string, list: QueryScalar[], params: Parameters): string | undefined {
  const nums = [...new Set(list.map(asNumber).filter((n): n is number => n !== undefined))];
  if (nums.length === 0) return undefined;
  const equal = nums.length === 1 ? `= ${params.add(nums[0])}::numeric` : `= ANY(${params.add(nums)}::numeric[])`;
  return `(${numeric(t)} ${equal} OR ${otherNumeric(t)})`;
}

function anyOf(parts: (string | undefined)[]): string | undefined {
  const present = parts.filter((p): p is string => p !== undefined);
  return present.length === 0 ? undefined : present.length === 1 ? present[0] : `(${present.join(' OR ')})`;
}

const BIGINT_LIMIT = 2 ** 63;

/** An integer column holds JSON numbers only: a value compares by the number it reads as. */
function integerCondition(c: string, op: QueryOp, value: QueryScalar | QueryScalar[], params: Parameters): string | undefined {
  if (value === null) return op === '=' ? undefined : `${c} IS NOT NULL`;
  const ints = [...new Set(listOf(value).map(asNumber))].filter(
    (n): n is number => n !== undefined && Number.isInteger(n) && Math.abs(n) < BIGINT_LIMIT,
  );
  switch (op) {
    case '=':
    case 'IN':
      if (ints.length === 0) return 'FALSE';
      return ints.length === 1 ? `${c} = ${params.add(ints[0])}::bigint` : `${c} = ANY(${params.add(ints)}::bigint[])`;
    case '!=':
    case 'NOT IN':
      if (ints.length === 0) return `${c} IS NOT NULL`;
      return ints.length === 1 ? `${c} <> ${params.add(ints[0])}::bigint` : `NOT (${c} = ANY(${params.add(ints)}::bigint[]))`;
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const n = Array.isArray(value) ? undefined : asNumber(value);
      return n === undefined ? undefined : `${c} ${op} ${params.add(n)}::numeric`;
    }
    default:
      return undefined;
  }
}
