import { KestrelError } from '../../model/errors';
import type { AnalyticsDisplay, AnalyticsInput, AnalyticsScalar, AnalyticsValue, Row } from './types';

/** Attribute names an analytics may set: STIX-like names, `x_…` custom ones, dotted paths. */
export const ATTRIBUTE_NAME = /^[A-Za-z_][\w.-]*$/;
const RESERVED = new Set(['id', 'type']);
const MAX_PROBLEMS = 5;

/**
 * Checks what an analytics function returned against the contract (samples/analytics/README.md) and
 * returns it normalized: `updates` always has one list per input, `display` carries a `kind`.
 * Throws E_ANALYTICS_BAD_OUTPUT naming up to five problems, each with where it is
 * (`updates[0][3].x_score`).
 */
export function validateAnalyticsOutput(
  raw: unknown,
  inputs: readonly AnalyticsInput[],
  uri = 'analytics',
): { updates: Row[][]; display?: AnalyticsDisplay } {
  const problems: string[] = [];
  const problem = (p: string) => {
    if (problems.length < MAX_PROBLEMS + 1) problems.push(p);
  };
  let updates: Row[][] = inputs.map(() => []);
  let display: AnalyticsDisplay | undefined;

  if (raw === undefined || raw === null) return { updates };
  if (!isPlainObject(raw)) {
    problem(`it returned ${describeValue(raw)}, not an object { updates?, display? }`);
  } else {
    for (const key of Object.keys(raw)) {
      if (key !== 'updates' && key !== 'display') problem(`unknown key "${key}" (expected updates and/or display)`);
    }
    if (raw.updates !== undefined && raw.updates !== null) updates = checkUpdates(raw.updates, inputs, problem);
    if (raw.display !== undefined && raw.display !== null) display = checkDisplay(raw.display, problem);
  }

  if (problems.length) {
    const shown = problems.slice(0, MAX_PROBLEMS);
    const more = problems.length > MAX_PROBLEMS ? '; and more' : '';
    throw new KestrelError('E_ANALYTICS_BAD_OUTPUT', `${uri} returned a result kestrel-ts cannot use: ${shown.join('; ')}${more}`, {
      hint: 'an analytics returns { updates: [rows for input 0, …], display: { html } or { columns, rows } }; each row is { id: <an id of that input>, attr: value, … } (samples/analytics/README.md)',
    });
  }
  return display ? { updates, display } : { updates };
}

function checkUpdates(raw: unknown, inputs: readonly AnalyticsInput[], problem: (p: string) => void): Row[][] {
  const empty = inputs.map(() => [] as Row[]);
  if (!Array.isArray(raw)) {
    problem(`updates is ${describeValue(raw)}, not an array with one list of rows per input`);
    return empty;
  }
  if (raw.length !== inputs.length) {
    problem(`updates has ${raw.length} entr${raw.length === 1 ? 'y' : 'ies'} but there ${inputs.length === 1 ? 'is 1 input' : `are ${inputs.length} inputs`} (one list of rows per input, in order; [] for none)`);
    return empty;
  }
  return raw.map((list: unknown, i) => {
    const where = `updates[${i}]`;
    if (list === null || list === undefined) return [];
    if (!Array.isArray(list)) {
      problem(`${where} is ${describeValue(list)}, not an array of rows`);
      return [];
    }
    const ids = new Set<unknown>(inputs[i].rows.map((r) => r.id));
    const seen = new Set<unknown>();
    const rows: Row[] = [];
    list.forEach((row: unknown, j) => {
      const at = `${where}[${j}]`;
      if (!isPlainObject(row)) {
        problem(`${at} is ${describeValue(row)}, not an object { id, attributes… }`);
        return;
      }
      if (!('id' in row)) {
        problem(`${at} has no id`);
        return;
      }
      if (!ids.has(row.id)) {
        problem(`${at}.id ${describeValue(row.id)} is not an entity of input ${i} (${inputs[i].variable})`);
        return;
      }
      if (seen.has(row.id)) {
        problem(`${at}.id ${describeValue(row.id)} appears more than once in ${where}`);
        return;
      }
      seen.add(row.id);
      const out: Row = { id: row.id as AnalyticsValue };
      for (const [name, value] of Object.entries(row)) {
        if (name === 'id') continue;
        if (RESERVED.has(name)) {
          problem(`${at} sets "${name}", which an analytics cannot change`);
          continue;
        }
        if (!ATTRIBUTE_NAME.test(name)) {
          problem(`${at} has attribute name ${JSON.stringify(name)}, which is not a valid attribute name (letters, digits, _ . -; not starting with a digit)`);
          continue;
        }
        const bad = badValue(value);
        if (bad) {
          problem(`${at}.${name} ${bad}`);
          continue;
        }
        out[name] = Array.isArray(value) ? [...(value as AnalyticsScalar[])] : (value as AnalyticsScalar);
      }
      rows.push(out);
    });
    return rows;
  });
}

function checkDisplay(raw: unknown, problem: (p: string) => void): AnalyticsDisplay | undefined {
  if (!isPlainObject(raw)) {
    problem(`display is ${describeValue(raw)}, not { html } or { columns, rows }`);
    return undefined;
  }
  const keys = Object.keys(raw).sort().join(',');
  if (keys === 'html') {
    if (typeof raw.html !== 'string') {
      problem(`display.html is ${describeValue(raw.html)}, not a string`);
      return undefined;
    }
    return { kind: 'html', html: raw.html };
  }
  if (keys === 'columns,rows') {
    const { columns, rows } = raw;
    if (!Array.isArray(columns) || !columns.every((c) => typeof c === 'string')) {
      problem('display.columns is not an array of strings');
      return undefined;
    }
    if (!Array.isArray(rows)) {
      problem(`display.rows is ${describeValue(rows)}, not an array of rows`);
      return undefined;
    }
    const out: AnalyticsValue[][] = [];
    rows.forEach((row: unknown, j) => {
      if (!Array.isArray(row) || row.length !== columns.length) {
        problem(`display.rows[${j}] is not an array of ${columns.length} cell${columns.length === 1 ? '' : 's'} (one per column)`);
        return;
      }
      row.forEach((cell: unknown, k) => {
        const bad = badValue(cell);
        if (bad) problem(`display.rows[${j}][${k}] ${bad}`);
      });
      out.push(row.map((cell: unknown) => (Array.isArray(cell) ? [...cell] : cell)) as AnalyticsValue[]);
    });
    return { kind: 'table', columns: [...(columns as string[])], rows: out };
  }
  problem(`display has keys {${Object.keys(raw).join(', ')}}; expected { html } or { columns, rows }`);
  return undefined;
}

/** Why a value is not an attribute value (a JSON scalar or a flat list of them), or undefined if it is. */
function badValue(value: unknown): string | undefined {
  if (Array.isArray(value)) {
    for (const [k, v] of value.entries()) {
      if (!isScalar(v)) return `[${k}] is ${describeValue(v)}; a list may hold only strings, finite numbers, booleans and null`;
    }
    return undefined;
  }
  if (isScalar(value)) return undefined;
  return `is ${describeValue(value)}; a value is a string, a finite number, a boolean, null or a list of them`;
}

function isScalar(v: unknown): v is AnalyticsScalar {
  return v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}

// Results come from a worker (another realm under jest), so plainness is checked by tag, not prototype.
function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.prototype.toString.call(v) === '[object Object]';
}

function describeValue(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : `${v} (not a JSON number)`;
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v);
  if (typeof v === 'object') {
    const tag = Object.prototype.toString.call(v).slice(8, -1);
    return tag === 'Object' ? 'an object' : `a ${tag}`;
  }
  return `a ${typeof v}`;
}
