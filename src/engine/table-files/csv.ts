import { CsvError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { KestrelError } from '../../model/errors';
import { spreadsheetText } from '../../model/spreadsheet-text';
import type { AttrValue } from '../../model/observation';
import type { Row, LoadedTable } from './table';

/** A cell as csv-parse saw it: its text and whether it was in quotes. */
interface Cell {
  v: string;
  q: boolean;
}

type ColumnKind = 'number' | 'boolean' | 'json' | 'string';

/** A number as a person or a CSV writer would spell it: no leading zeros ("007"), no hex, no "+", no "NaN". */
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const BOOLEAN = /^(?:true|false|True|False|TRUE|FALSE)$/;

/**
 * Rows of a CSV file with a header row. Empty cells are absent attributes. Types are inferred per column,
 * as pandas does: a column whose every non-empty cell is a number becomes numbers (but "007" and "0x1a" are
 * not numbers, and an integer past 2^53 keeps its digits as a string), true/false columns become booleans,
 * and a column of JSON arrays or objects (how SAVE writes lists) becomes those values. Unlike pandas, when
 * the file leaves some cell unquoted (header included), a quoted cell is a string: Kestrel and SAVE quote
 * strings only, so `"1001"` stays the string it was. In a file that quotes every cell, quotes say nothing.
 */
export function parseCsv(text: string, file: string): LoadedTable {
  let records: Cell[][];
  try {
    records = parse(text, {
      cast: (v: string, ctx: { quoting: boolean }) => ({ v, q: ctx.quoting }),
      skip_empty_lines: true,
    }) as unknown as Cell[][];
  } catch (e) {
    throw csvError(e, text, file);
  }
  if (records.length === 0) {
    throw new KestrelError('E_BAD_INPUT_FILE', `${file}: the CSV file is empty: a header row is required`, {
      file,
      hint: 'the first line names the columns, e.g. "type","name","pid"',
    });
  }
  const columns = header(records[0], file);
  const data = records.slice(1);
  const quotesMeanString = records.some((r) => r.some((c) => c.v !== '' && !c.q));
  const kinds = columns.map((_, j) => columnKind(data, j, quotesMeanString));
  const rows = data.map((r) => {
    const row: Row = {};
    columns.forEach((name, j) => {
      const cell = r[j];
      if (cell && cell.v !== '') row[name] = convert(cell.v, kinds[j]);
    });
    return row;
  });
  return { columns, rows };
}

function header(cells: Cell[], file: string): string[] {
  const names = cells.map((c, i) => (c.v === '' ? `Unnamed: ${i}` : c.v));
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) {
      throw new KestrelError('E_BAD_INPUT_FILE', `${file}:1: the header names column "${n}" twice`, {
        file,
        line: 1,
        hint: 'each column needs its own name',
      });
    }
    seen.add(n);
  }
  return names;
}

function columnKind(data: Cell[][], j: number, quotesMeanString: boolean): ColumnKind {
  let number = true;
  let boolean = true;
  let json = true;
  let any = false;
  for (const r of data) {
    const c = r[j];
    if (!c || c.v === '') continue;
    any = true;
    const bare = !(quotesMeanString && c.q);
    number &&= bare && NUMBER.test(c.v) && isSafeNumber(c.v);
    boolean &&= bare && BOOLEAN.test(c.v);
    json &&= isJsonContainer(c.v);
    if (!number && !boolean && !json) return 'string';
  }
  if (!any) return 'string';
  return number ? 'number' : boolean ? 'boolean' : json ? 'json' : 'string';
}

function isSafeNumber(s: string): boolean {
  const n = Number(s);
  if (!Number.isFinite(n)) return false;
  return /[.eE]/.test(s) || Number.isSafeInteger(n);
}

function isJsonContainer(s: string): boolean {
  const t = s.trim();
  if (!((t.startsWith('[') && t.endsWith(']')) || (t.startsWith('{') && t.endsWith('}')))) return false;
  try {
    const v: unknown = JSON.parse(t);
    return typeof v === 'object' && v !== null;
  } catch {
    return false;
  }
}

function convert(s: string, kind: ColumnKind): AttrValue {
  switch (kind) {
    case 'number':
      return Number(s);
    case 'boolean':
      return s.toLowerCase() === 'true';
    case 'json':
      return JSON.parse(s) as AttrValue;
    default:
      return s;
  }
}

function csvError(e: unknown, text: string, file: string): KestrelError {
  if (!(e instanceof CsvError)) {
    return new KestrelError('E_BAD_INPUT_FILE', `${file}: malformed CSV: ${(e as Error)?.message ?? String(e)}`, { file });
  }
  const info = e as CsvError & { lines?: number; bytes?: number };
  let line = info.lines ?? 1;
  let hint = 'check the quoting on that line: a quote inside a quoted field is written twice ("")';
  if ((e.code === 'CSV_QUOTE_NOT_CLOSED' || e.code === 'CSV_INVALID_CLOSING_QUOTE') && typeof info.bytes === 'number') {
    // csv-parse reports where it gave up (for an unclosed quote, the end of the file); the stray quote is in
    // the record that starts at `bytes`, which is the line to look at.
    line = lineAt(text, info.bytes);
    const until = info.lines ?? line;
    hint =
      e.code === 'CSV_QUOTE_NOT_CLOSED' ? `a quoted field on line ${line} is never closed; a quote inside a quoted field is written twice ("")`
      : until > line ? `a quoted field on line ${line} runs on to line ${until}: a quote is missing or not doubled ("")`
      : hint;
  } else if (e.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH') {
    const cells = (info as { record?: unknown[] }).record?.length ?? 0;
    const columns = (parse(text, { to_line: 1 }) as string[][])[0]?.length ?? 0;
    hint = cells < columns
      ? 'a row has fewer cells than the header has columns: the file may be cut short; write an empty cell as ,,'
      : 'a row has more cells than the header has columns; quote cells that contain commas';
  }
  const lines = text.split(/\r?\n/);
  const excerpt = lines[line - 1]?.slice(0, 200);
  return new KestrelError('E_BAD_INPUT_FILE', `${file}:${line}: malformed CSV: ${e.message}`, {
    file,
    line,
    ...(excerpt !== undefined ? { excerpt } : {}),
    hint,
  });
}

/** The 1-based line of the UTF-8 byte offset `bytes` in `text`. */
function lineAt(text: string, bytes: number): number {
  const head = Buffer.from(text, 'utf8').subarray(0, bytes).toString('utf8');
  let line = 1;
  for (let i = head.indexOf('\n'); i !== -1; i = head.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * CSV text: a header quoted only where it must be, then strings quoted and numbers and booleans bare (as
 * Kestrel's QUOTE_NONNUMERIC), lists and objects as JSON, null as an empty cell. The bare header tells
 * parseCsv that quotes mean strings, so even a table of strings like "1001" reads back as strings. Strings
 * and JSON pass through `spreadsheetText` (no formulas, no NUL).
 */
export function formatCsv(columns: readonly string[], rows: readonly (readonly AttrValue[])[]): string {
  const header = stringify([columns.map(spreadsheetText)]);
  const body = stringify(
    rows.map((r) => columns.map((_, j) => csvCell(r[j]))),
    { quoted_string: true, cast: { boolean: (b: boolean) => (b ? 'true' : 'false') } },
  );
  return header + body;
}

function csvCell(v: AttrValue | undefined): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'object') return spreadsheetText(JSON.stringify(v));
  return typeof v === 'string' ? spreadsheetText(v) : v;
}
