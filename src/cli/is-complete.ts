import { parse } from '../lang/parse';

/**
 * Whether an entry can run as it is (Jupyter's is_complete statuses):
 * - `complete`: it parses;
 * - `incomplete`: it fails only because the input ran out (an open bracket or JSON list, a trailing WHERE,
 *   AND, comma, `x =`, a GET still waiting for its WHERE): another line may finish it;
 * - `invalid`: it fails before its end, so no further line can fix it. A string left open is invalid too:
 *   Kestrel strings never span lines, so the next line cannot close it.
 */
export type Completeness = 'complete' | 'incomplete' | 'invalid';

export function completeness(text: string): Completeness {
  const parsed = parse(text, '<repl>');
  if (parsed.ok) return 'complete';
  const { line, column } = parsed.diagnostic;
  if (line === undefined) return 'invalid';
  return restIsBlank(text, offsetOf(text, line, column ?? 1)) ? 'incomplete' : 'invalid';
}

/** True when the entry should run now: it parses, or it is wrong in a way more input cannot fix. */
export function isComplete(text: string): boolean {
  return completeness(text) !== 'incomplete';
}

/** 0-based offset of a 1-based line and column (lines end at `\n`, as the parser counts them). */
function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return offset + column - 1;
}

/** Only spaces and comments from `offset` on: the parser stopped because the input ended. */
function restIsBlank(text: string, offset: number): boolean {
  return /^(?:\s|#[^\n]*)*$/.test(text.slice(offset));
}
