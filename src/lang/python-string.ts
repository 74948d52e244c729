const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
};

/**
 * The value of a string literal as Python reads it: `r'…'` keeps every backslash; otherwise
 * escapes are decoded and an unknown escape (`\d`) keeps its backslash.
 */
export function decodeString(literal: string): string {
  if (literal.startsWith('r')) return literal.slice(2, -1);
  return literal
    .slice(1, -1)
    .replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|[\s\S])/g, (escape, code: string) => {
      if (code in SIMPLE_ESCAPES) return SIMPLE_ESCAPES[code];
      const codePoint = /^[0-7]+$/.test(code) ? parseInt(code, 8) : code.length > 1 ? parseInt(code.slice(1), 16) : NaN;
      return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : escape;
    });
}
