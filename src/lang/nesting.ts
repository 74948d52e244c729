/** Nesting that always parses; Ohm's limit depends on the stack, somewhere above this. */
export const SAFE_NESTING = 100;

const OPENING = new Set(['(', '[', '{']);
const CLOSING = new Set([')', ']', '}']);

/**
 * The offset of the first bracket that nests deeper than SAFE_NESTING levels, skipping quoted text and
 * comments; undefined when none does.
 */
export function tooDeepAt(source: string): number | undefined {
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    const skipped = skipQuotedOrComment(source, i);
    if (skipped !== i) {
      i = skipped;
    } else if (OPENING.has(char)) {
      if (++depth > SAFE_NESTING) return i;
    } else if (CLOSING.has(char)) {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}

/**
 * Where a comment or a quoted string that starts at `i` ends (the line break after a comment, the closing quote, or
 * the end of the line of an unterminated string); `i` itself when neither starts there.
 */
export function skipQuotedOrComment(source: string, i: number): number {
  const char = source[i];
  if (char === '#') {
    while (i < source.length && source[i] !== '\n' && source[i] !== '\r') i++;
  } else if (char === "'" || char === '"') {
    for (i++; i < source.length && source[i] !== char && source[i] !== '\n' && source[i] !== '\r'; i++) {
      if (source[i] === '\\') i++;
    }
  }
  return i;
}
