import { spreadsheetText } from '../../src/model/spreadsheet-text';
import type { CellValue } from './node-columns';

/**
 * One RFC 4180 field: quoted when it holds a quote, comma, CR or LF (quotes doubled); strings pass through
 * `spreadsheetText` (no formulas, no NUL). Numbers are bare.
 */
export function csvCell(v: CellValue): string {
  if (v === undefined) return '';
  if (typeof v === 'number') return String(v);
  const text = spreadsheetText(v);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows as CSV text: CRLF after every row. */
export function csvRows(rows: readonly (readonly CellValue[])[]): string {
  return rows.map((r) => `${r.map(csvCell).join(',')}\r\n`).join('');
}
