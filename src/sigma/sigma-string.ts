/**
 * A Sigma string value as literal text and wildcards (`*` any run, `?` one character); `\` escapes `*`, `?`
 * and itself, and stands for itself before anything else (the specification's rule, as pySigma reads it).
 */
export const STAR = Symbol('*');
export const ONE = Symbol('?');
export type Part = string | typeof STAR | typeof ONE;

export function parseSigmaString(s: string): Part[] {
  const parts: Part[] = [];
  let text = '';
  const flush = () => {
    if (text) parts.push(text);
    text = '';
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') {
      const next = s[i + 1];
      if (next === '*' || next === '?' || next === '\\') {
        text += next;
        i++;
      } else {
        text += c;
      }
    } else if (c === '*' || c === '?') {
      flush();
      parts.push(c === '*' ? STAR : ONE);
    } else {
      text += c;
    }
  }
  flush();
  return parts;
}

export function hasWildcards(parts: readonly Part[]): boolean {
  return parts.some((p) => typeof p !== 'string');
}

export function literal(parts: readonly Part[]): string {
  return parts.map((p) => (typeof p === 'string' ? p : '')).join('');
}

/** The value as Sigma writes it, wildcards and escapes included (for EXPLAIN). */
export function sigmaText(parts: readonly Part[]): string {
  return parts.map((p) => (p === STAR ? '*' : p === ONE ? '?' : p.replace(/[\\*?]/g, '\\$&'))).join('');
}

/** A test of a string against the pattern: fast paths for equality, prefix, suffix and substring. */
export function patternTest(parts: readonly Part[], cased: boolean): (s: string) => boolean {
  const fold = (t: string) => (cased ? t : t.toLowerCase());
  const texts = parts.filter((p): p is string => typeof p === 'string').map(fold);
  const shape = parts.map((p) => (typeof p === 'string' ? 'T' : p === STAR ? '*' : '?')).join('');
  const [a] = texts;
  switch (shape) {
    case '':
      return (s) => s === '';
    case 'T':
      return (s) => s.length === a.length && fold(s) === a;
    case 'T*':
      return (s) => fold(s).startsWith(a);
    case '*T':
      return (s) => fold(s).endsWith(a);
    case '*T*':
      return (s) => fold(s).includes(a);
    case '*':
      return () => true;
  }
  const source = parts.map((p) => (p === STAR ? '[\\s\\S]*' : p === ONE ? '[\\s\\S]' : fold(p).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))).join('');
  const re = new RegExp(`^${source}$`, cased ? '' : 'i');
  return (s) => re.test(s);
}
