let lastSource: string | undefined;
let lastLineStarts: number[] = [];

/** The offset each line starts at; `\n`, `\r\n` and a bare `\r` each end a line. */
export function lineStarts(source: string): number[] {
  if (source !== lastSource) {
    lastSource = source;
    lastLineStarts = [0];
    const breaks = /\r\n?|\n/g;
    for (let match = breaks.exec(source); match; match = breaks.exec(source)) {
      lastLineStarts.push(match.index + match[0].length);
    }
  }
  return lastLineStarts;
}

/** 1-based line and column of a 0-based offset. */
export function position(source: string, offset: number): { line: number; column: number } {
  const starts = lineStarts(source);
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (starts[middle] <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - starts[low] + 1 };
}

/** The text of a 1-based line, without its line break. */
export function lineText(source: string, line: number): string {
  const starts = lineStarts(source);
  if (line < 1 || line > starts.length) return '';
  const end = line < starts.length ? starts[line] : source.length;
  return source.slice(starts[line - 1], end).replace(/\r?\n$|\r$/, '');
}
