import type { Cell } from '../engine/display';

export interface TableOptions {
  /** Total width to fit; long cells are cut with an ellipsis. Infinity keeps every cell whole. */
  width: number;
}

export function cellText(c: Cell): string {
  if (c === null || c === undefined) return '';
  if (typeof c === 'object') return Array.isArray(c) ? c.map(cellText).join(', ') : JSON.stringify(c);
  return String(c);
}

/** Control characters from hostile data must not drive the terminal. */
export function printable(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (ch) => (ch === '\t' ? ' ' : `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`));
}

function cut(s: string, width: number): string {
  return s.length <= width ? s : `${s.slice(0, Math.max(0, width - 1))}…`;
}

/** Columns share the width; a column narrower than its share gives the rest to the wider ones. */
function columnWidths(natural: number[], total: number): number[] {
  const gaps = 2 * (natural.length - 1);
  let budget = Math.max(natural.length * 6, total - gaps);
  const widths = natural.map(() => 0);
  let open = natural.map((_, i) => i);
  while (open.length) {
    const share = Math.floor(budget / open.length);
    const fits = open.filter((i) => natural[i] <= share);
    if (!fits.length) {
      for (const i of open) widths[i] = Math.max(6, share);
      break;
    }
    for (const i of fits) {
      widths[i] = natural[i];
      budget -= natural[i];
    }
    open = open.filter((i) => !fits.includes(i));
  }
  return widths;
}

export function formatTable(columns: string[], rows: Cell[][], options: TableOptions): string {
  const text = [columns.map(printable), ...rows.map((r) => r.map((c) => printable(cellText(c))))];
  const natural = columns.map((_, i) => Math.max(...text.map((r) => r[i].length)));
  const widths = options.width === Infinity ? natural : columnWidths(natural, options.width);
  return text
    .map((r) => r.map((c, i) => (i === r.length - 1 ? cut(c, widths[i]) : cut(c, widths[i]).padEnd(widths[i]))).join('  ').trimEnd())
    .join('\n');
}
