/**
 * The source line with a caret under the column:
 *
 *     3 | tasks = FIDN process CREATED BY scheduler
 *       |         ^
 *
 * Tabs before the column are kept under the line so the caret lines up however tabs render.
 */
export function excerpt(source: string, line: number, column: number): string {
  const text = (source.split('\n')[line - 1] ?? '').replace(/\r$/, '');
  const gutter = String(line);
  const padding = text.slice(0, column - 1).replace(/[^\t]/g, ' ');
  return `${gutter} | ${text}\n${' '.repeat(gutter.length)} | ${padding}^`;
}
