const LITERALS: Record<string, string> = { t: 'true', f: 'false', n: 'null' };
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const HEX = /[0-9a-fA-F]/;

/**
 * Offset of the first JSON syntax error in `text`, or -1 if there is none. JSON.parse gives no position for
 * some errors ("Unexpected token 'x', ... is not valid JSON"); this finds it. Iterative, so deep nesting is safe.
 */
export function jsonErrorOffset(text: string): number {
  const closers: string[] = [];
  let i = skipSpace(text, 0);
  for (;;) {
    i = scanValue(text, i);
    if (i < 0) return -i - 1;
    if (text[i] === '[' || text[i] === '{') {
      const closer = text[i] === '[' ? ']' : '}';
      i = skipSpace(text, i + 1);
      if (text[i] === closer) i = skipSpace(text, i + 1);
      else {
        closers.push(closer);
        if (closer === '}' && (i = scanKey(text, i)) < 0) return -i - 1;
        continue;
      }
    }
    for (;;) {
      if (closers.length === 0) return i < text.length ? i : -1;
      const closer = closers[closers.length - 1];
      if (text[i] === closer) {
        closers.pop();
        i = skipSpace(text, i + 1);
      } else if (text[i] === ',') {
        i = skipSpace(text, i + 1);
        if (closer === '}' && (i = scanKey(text, i)) < 0) return -i - 1;
        break;
      } else return i;
    }
  }
}

/**
 * The scanners return the offset past what they read and the spaces after it, or -(error offset)-1.
 * scanValue stops at an opening bracket, which the caller descends into.
 */
function scanValue(text: string, i: number): number {
  const c = text[i];
  if (c === '[' || c === '{') return i;
  if (c === '"') return scanString(text, i);
  const literal = LITERALS[c];
  if (literal !== undefined) {
    for (let k = 1; k < literal.length; k++) if (text[i + k] !== literal[k]) return -(i + k) - 1;
    return skipSpace(text, i + literal.length);
  }
  return scanNumber(text, i);
}

function scanNumber(text: string, i: number): number {
  let k = text[i] === '-' ? i + 1 : i;
  if (!isDigit(text, k)) return -k - 1;
  k = text[k] === '0' ? k + 1 : skipDigits(text, k);
  if (text[k] === '.') {
    if (!isDigit(text, ++k)) return -k - 1;
    k = skipDigits(text, k);
  }
  if (text[k] === 'e' || text[k] === 'E') {
    if (text[++k] === '+' || text[k] === '-') k++;
    if (!isDigit(text, k)) return -k - 1;
    k = skipDigits(text, k);
  }
  return skipSpace(text, k);
}

function isDigit(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 0x30 && c <= 0x39;
}

function skipDigits(text: string, i: number): number {
  while (isDigit(text, i)) i++;
  return i;
}

function scanKey(text: string, i: number): number {
  if (text[i] !== '"') return -i - 1;
  i = scanString(text, i);
  if (i < 0) return i;
  if (text[i] !== ':') return -i - 1;
  return skipSpace(text, i + 1);
}

function scanString(text: string, i: number): number {
  for (let k = i + 1; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x22) return skipSpace(text, k + 1);
    if (c < 0x20) return -k - 1;
    if (c === 0x5c) {
      const e = text[k + 1];
      if (e === 'u') {
        for (let h = k + 2; h < k + 6; h++) if (!HEX.test(text[h] ?? '')) return -h - 1;
        k += 5;
      } else if (ESCAPES.has(e)) k += 1;
      else return -(k + 1) - 1;
    }
  }
  return -text.length - 1;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
    i++;
  }
  return i;
}

const EXCERPT_RADIUS = 60;

/** The 1-based line and column of an offset, and an excerpt of its line with a caret under it. */
export function locate(text: string, offset: number): { line: number; column: number; excerpt: string } {
  let line = 1;
  let lineStart = 0;
  for (let nl = text.indexOf('\n'); nl !== -1 && nl < offset; nl = text.indexOf('\n', nl + 1)) {
    line++;
    lineStart = nl + 1;
  }
  const lineEnd = text.indexOf('\n', offset);
  const from = Math.max(lineStart, offset - EXCERPT_RADIUS);
  const to = Math.min(lineEnd === -1 ? text.length : lineEnd, offset + EXCERPT_RADIUS);
  const excerpt = `${text.slice(from, to).replace(/\r$/, '')}\n${' '.repeat(offset - from)}^`;
  return { line, column: offset - lineStart + 1, excerpt };
}
