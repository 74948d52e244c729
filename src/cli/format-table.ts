import type { Cell } from '../engine/display';

export interface TableOptions {
  /** Total width to fit; long cells are cut with an ellipsis (times and numbers never). Infinity keeps every cell whole. */
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

/** The width tables fit: the terminal's, else `$COLUMNS` (stdout piped), else 120. */
export function terminalWidth(out: { columns?: number }, env: NodeJS.ProcessEnv = process.env): number {
  const columns = Number(env.COLUMNS);
  return out.columns || (Number.isInteger(columns) && columns > 0 ? columns : 120);
}

/** Cuts the middle out: the start and the end (a path's file name, a command's last arguments) both stay. */
function cut(s: string, width: number): string {
  if (s.length <= width) return s;
  const head = Math.floor((width - 1) / 2);
  return `${s.slice(0, head)}…${s.slice(s.length - (width - 1 - head))}`;
}

const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)?$/;

/** Numbers and timestamps (a pid, a GROUP bin) mean nothing cut: their columns keep their width. */
function whole(c: Cell): boolean {
  return c === null || typeof c === 'number' || typeof c === 'boolean' || (typeof c === 'string' && TIMESTAMP.test(c));
}

/** Columns share the width; a column narrower than its share gives the rest to the wider ones. */
function columnWidths(natural: number[], fixed: boolean[], total: number): number[] {
  const widths = natural.map((n, i) => (fixed[i] ? n : 0));
  let open = natural.map((_, i) => i).filter((i) => !fixed[i]);
  const gaps = 2 * (natural.length - 1);
  let budget = Math.max(open.length * 6, total - gaps - widths.reduce((a, b) => a + b, 0));
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
  const fixed = columns.map((_, i) => rows.every((r) => whole(r[i])));
  const widths = options.width === Infinity ? natural : columnWidths(natural, fixed, options.width);
  return text
    .map((r) => r.map((c, i) => (i === r.length - 1 ? cut(c, widths[i]) : cut(c, widths[i]).padEnd(widths[i]))).join('  ').trimEnd())
    .join('\n');
}
