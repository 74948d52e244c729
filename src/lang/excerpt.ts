import { lineText } from './position';

/** How much of a long line an excerpt shows on each side of the caret. */
const CONTEXT_CHARS = 80;

/**
 * The source line with a caret under the column:
 *
 *     3 | tasks = FIDN process CREATED BY scheduler
 *       |         ^
 *
 * Tabs before the column are kept under the line so the caret lines up however tabs render. A long line
 * is cut to the text around the column, each cut marked with `…`.
 */
export function excerpt(source: string, line: number, column: number): string {
  const text = lineText(source, line);
  const from = Math.max(0, column - 1 - CONTEXT_CHARS);
  const to = Math.min(text.length, column - 1 + CONTEXT_CHARS);
  const before = from > 0 ? '…' : '';
  const shown = `${before}${text.slice(from, to)}${to < text.length ? '…' : ''}`;
  const gutter = String(line);
  const padding = (before + text.slice(from, column - 1)).replace(/[^\t]/g, ' ');
  return `${gutter} | ${shown}\n${' '.repeat(gutter.length)} | ${padding}^`;
}
