/**
 * Table files for LOAD and SAVE: CSV, JSON and parquet, chosen by suffix (case-insensitive):
 *
 * | suffix | read | write |
 * |---|---|---|
 * | `.csv` | header row, per-column types (`table-files/csv.ts`) | strings quoted, numbers bare, lists as JSON |
 * | `.json` | array of objects, `{"key": [objects]}`, columns of arrays, one object, NDJSON; an array of scalars as `values` | array of objects, pretty |
 * | `.parquet` | any parquet parquetjs decodes | SNAPPY-compressed parquet |
 * | `.parquet.gz` | a parquet file, or a gzip of one (sniffed) | GZIP-compressed parquet (a plain parquet file, as Kestrel 1.x and pandas write it) |
 * | `.csv.gz`, `.json.gz` | a gzip of the above (or the plain file) | gzip of the above |
 *
 * Any format is read through gzip when its bytes start with the gzip magic.
 *
 * Rows come back as attribute maps where a null or empty cell is an absent attribute, so the same table
 * read from any format gives the same rows. Errors are KestrelErrors naming the file: E_UNSUPPORTED_FORMAT
 * (unknown suffix), E_BAD_INPUT_FILE (missing, unreadable or malformed; with line and column where known),
 * E_SAVE_FAILED (the write failed; nothing is left behind).
 */
import { gzipSync } from 'node:zlib';
import { KestrelError } from '../model/errors';
import type { AttrValue } from '../model/observation';
import { parseCsv, formatCsv } from './table-files/csv';
import { formatOf, resolveTablePath, type TableFormat } from './table-files/formats';
import { gunzipIfGzip, readBytes, utf8Text, writeAtomically } from './table-files/io';
import { formatJson, parseJsonTable } from './table-files/json';
import { readParquet, writeParquet } from './table-files/parquet';
import type { Row, LoadedTable } from './table-files/table';

export type { Row, LoadedTable } from './table-files/table';
export { formatOf, TABLE_SUFFIXES, type TableFormat } from './table-files/formats';

/** What readTable read: the table and the absolute path of its file. */
export interface TableData extends LoadedTable {
  file: string;
  format: TableFormat;
}

/**
 * Reads the table at `path` (relative paths from `baseDir`, the huntflow's folder; a `file://` prefix is
 * allowed). The format comes from the suffix; see the module comment for what each accepts.
 */
export async function readTable(path: string, baseDir: string): Promise<TableData> {
  const format = formatOf(path);
  const file = resolveTablePath(path, baseDir);
  const bytes = gunzipIfGzip(await readBytes(file), file);
  let table: LoadedTable;
  switch (format) {
    case 'csv':
    case 'csv.gz':
      table = parseCsv(textOf(bytes, file), file);
      break;
    case 'json':
    case 'json.gz':
      table = parseJsonTable(textOf(bytes, file), file);
      break;
    case 'parquet':
    case 'parquet.gz':
      table = await readParquet(bytes, file);
      break;
  }
  return { ...table, file, format };
}

/**
 * Writes `rows` (each aligned with `columns`; null and undefined cells are empty) to `path` (relative paths
 * from `baseDir`) in the format of its suffix, replacing any file there. The folder must exist. The file is
 * written to a temporary file in that folder and renamed, so a failure leaves no file and no partial file.
 * Returns the absolute path written.
 */
export async function writeTable(path: string, baseDir: string, columns: string[], rows: AttrValue[][]): Promise<string> {
  const format = formatOf(path);
  const file = resolveTablePath(path, baseDir);
  checkColumns(columns, rows, file, format);
  await writeAtomically(file, async () => {
    switch (format) {
      case 'csv':
        return Buffer.from(formatCsv(columns, rows), 'utf8');
      case 'csv.gz':
        return gzipSync(Buffer.from(formatCsv(columns, rows), 'utf8'));
      case 'json':
        return Buffer.from(formatJson(columns, rows), 'utf8');
      case 'json.gz':
        return gzipSync(Buffer.from(formatJson(columns, rows), 'utf8'));
      case 'parquet':
        return writeParquet(columns, rows, 'SNAPPY');
      case 'parquet.gz':
        return writeParquet(columns, rows, 'GZIP');
    }
  });
  return file;
}

function checkColumns(columns: readonly string[], rows: readonly (readonly AttrValue[])[], file: string, format: TableFormat): void {
  const fail = (why: string, hint?: string) => {
    throw new KestrelError('E_SAVE_FAILED', `${file}: cannot save: ${why}`, { file, ...(hint ? { hint } : {}) });
  };
  if (columns.length === 0) fail('the table has no columns', 'a variable with no attributes has nothing to save');
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c)) fail(`the column "${c}" appears twice`);
    seen.add(c);
  }
  const comma = format.startsWith('parquet') ? columns.find((c) => c.includes(',')) : undefined;
  if (comma !== undefined) {
    fail(`parquet cannot hold the column name "${comma}": the parquet library does not read back names with a comma`, 'save to .csv or .json, or rename the column');
  }
  const long = rows.findIndex((r) => r.length > columns.length);
  if (long !== -1) fail(`row ${long} has ${rows[long].length} cells for ${columns.length} columns`);
}

function textOf(bytes: Buffer, file: string): string {
  if (bytes.includes(0)) {
    throw new KestrelError('E_BAD_INPUT_FILE', `${file}: binary data where text was expected`, {
      file,
      hint: 'a .csv or .json file is UTF-8 text; parquet files end in .parquet or .parquet.gz',
    });
  }
  return utf8Text(bytes);
}

/** For the compiler's use: the rows of a table in `columns` order, as writeTable takes them. */
export function rowsAsArrays(columns: readonly string[], rows: readonly Row[]): AttrValue[][] {
  return rows.map((r) => columns.map((c) => (c in r ? r[c] : null)));
}
