import type { Node } from 'ohm-js';
import type { Loc } from './ast';

let lastSource: string | undefined;
let lastLineStarts: number[] = [];

function lineStarts(source: string): number[] {
  if (source !== lastSource) {
    lastSource = source;
    lastLineStarts = [0];
    for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) lastLineStarts.push(i + 1);
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

export function locOf(node: Node): Loc {
  const { sourceString, startIdx, endIdx } = node.source;
  return { ...position(sourceString, startIdx), start: startIdx, end: endIdx };
}
