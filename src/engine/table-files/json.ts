import { jsonErrorOffset, locate } from '../../../connectors/stix-bundle/json-error-offset';
import { KestrelError } from '../../model/errors';
import type { AttrValue } from '../../model/observation';
import { columnsOf, withoutNulls, type Row, type LoadedTable } from './table';

const POSITION = / in JSON at position (\d+)/;
const SHAPES = 'an array of objects, an object holding one such array, or one JSON object per line (NDJSON)';

/**
 * Rows of a JSON table: an array of objects; an object with exactly one array of objects among its members
 * (`{"data": [...]}`); an object of equally long arrays (pandas' column layout); any other single object
 * (one row); or, when the text is not one JSON value, one object per line (NDJSON). A JSON array of scalars
 * comes back in `values`. Null members are absent attributes.
 */
export function parseJsonTable(text: string, file: string): LoadedTable {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const nd = parseNdjson(text, file);
    if (nd) return nd;
    throw syntaxError(text, e as Error, file, 0);
  }
  return tableOf(json, file);
}

function tableOf(json: unknown, file: string): LoadedTable {
  if (Array.isArray(json)) return tableOfArray(json, file, '');
  if (isObject(json)) {
    const members = Object.entries(json);
    const arrays = members.filter(([, v]) => Array.isArray(v));
    if (arrays.length === 1 && (arrays[0][1] as unknown[]).every((x) => isObject(x) || x === null)) {
      return tableOfArray(arrays[0][1] as unknown[], file, ` in "${arrays[0][0]}"`);
    }
    if (members.length > 0 && arrays.length === members.length) {
      const n = (arrays[0][1] as unknown[]).length;
      if (arrays.every(([, v]) => (v as unknown[]).length === n)) {
        const rows = Array.from({ length: n }, (_, i) => withoutNulls(Object.fromEntries(arrays.map(([k, v]) => [k, (v as unknown[])[i]]))));
        return { columns: members.map(([k]) => k), rows };
      }
    }
    return { columns: Object.keys(json), rows: [withoutNulls(json)] };
  }
  throw new KestrelError('E_BAD_INPUT_FILE', `${file}: not a table: found ${describe(json)}`, {
    file,
    hint: `LOAD reads ${SHAPES}`,
  });
}

function tableOfArray(items: unknown[], file: string, where: string): LoadedTable {
  const present = items.filter((x) => x !== null);
  if (present.length > 0 && present.every((x) => !isObject(x) && !Array.isArray(x))) {
    return { columns: [], rows: [], values: present as AttrValue[] };
  }
  const bad = items.findIndex((x) => !isObject(x) && x !== null);
  if (bad !== -1) {
    throw new KestrelError(
      'E_BAD_INPUT_FILE',
      `${file}: not a table: item ${bad}${where} is ${describe(items[bad])}, not an object like the others`,
      { file, hint: `LOAD reads ${SHAPES}; a list of plain values needs all items to be strings or numbers` },
    );
  }
  const objects = present as Record<string, unknown>[];
  return { columns: columnsOf(objects), rows: objects.map(withoutNulls) };
}

/**
 * NDJSON when the text is several lines and its first non-blank line is a JSON object on its own: every
 * non-blank line must then be an object (E_BAD_INPUT_FILE at the first that is not). Otherwise undefined.
 */
function parseNdjson(text: string, file: string): LoadedTable | undefined {
  const lines = text.split('\n');
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first === -1 || !lines.slice(first + 1).some((l) => l.trim() !== '')) return undefined;
  try {
    if (!isObject(JSON.parse(lines[first]))) return undefined;
  } catch {
    return undefined;
  }
  const rows: Row[] = [];
  let offset = 0;
  for (const [i, line] of lines.entries()) {
    const lineOffset = offset;
    offset += line.length + 1;
    if (line.trim() === '') continue;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch (e) {
      throw syntaxError(line, e as Error, file, lineOffset, text, 'one JSON object per line (NDJSON)');
    }
    if (!isObject(v)) {
      throw new KestrelError('E_BAD_INPUT_FILE', `${file}:${i + 1}: found ${describe(v)} where NDJSON needs an object`, {
        file,
        line: i + 1,
        column: 1,
        hint: 'each line of an NDJSON file is one JSON object',
      });
    }
    rows.push(withoutNulls(v));
  }
  return { columns: columnsOf(rows), rows };
}

/** E_BAD_INPUT_FILE at the line and column of a JSON syntax error in `part`, which starts at `base` in `whole`. */
function syntaxError(part: string, e: Error, file: string, base: number, whole = part, shape?: string): KestrelError {
  const reported = POSITION.exec(e.message);
  const offset = reported ? Number(reported[1]) : jsonErrorOffset(part);
  const at = base + (offset < 0 ? part.length : offset);
  const reason = reported
    ? e.message.slice(0, reported.index)
    : offset < 0 || offset >= part.length
      ? 'Unexpected end of JSON input'
      : `Unexpected character ${JSON.stringify(part[offset])}`;
  const { line, column, excerpt } = locate(whole, at);
  return new KestrelError('E_BAD_INPUT_FILE', `${file}:${line}:${column}: invalid JSON: ${reason}`, {
    file,
    line,
    column,
    excerpt,
    hint: shape ? `the file reads as ${shape}; this line is not valid JSON` : `the file is truncated or not JSON; LOAD reads ${SHAPES}`,
  });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'an array';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'an object';
  return `a ${typeof v} (${JSON.stringify(v).slice(0, 40)})`;
}

/** A JSON array of objects, two-space indented; every row names every column, null where it has no value. */
export function formatJson(columns: readonly string[], rows: readonly (readonly AttrValue[])[]): string {
  const objects = rows.map((r) => Object.fromEntries(columns.map((c, j) => [c, jsonValue(r[j])])));
  return `${JSON.stringify(objects, null, 2)}\n`;
}

function jsonValue(v: AttrValue | undefined): AttrValue {
  if (v === undefined) return null;
  if (typeof v === 'number' && !Number.isFinite(v)) return null;
  return v;
}
