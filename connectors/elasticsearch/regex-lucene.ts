/** JavaScript's `\s`, spelt out: Lucene has no such class. */
const SPACES = '\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';
const CLASSES: Readonly<Record<string, string>> = { d: '0-9', w: '0-9A-Za-z_', s: SPACES };
const CONTROL: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', '0': '\0' };
/** Escapes that Lucene cannot say: word boundaries, backreferences, code points, properties, named groups. */
const UNTRANSLATABLE = /[bBxucpPk1-9]/;
const QUANTIFIER = /^\{\d+(?:,\d*)?\}/;

class Untranslatable extends Error {}

/**
 * MATCHES' pattern (a JavaScript regular expression, searched anywhere in the value) as a Lucene regexp (which
 * must match the whole value), or undefined when it uses what Lucene cannot say: lookaround, backreferences,
 * `\b`, anchors inside the pattern, `\D`/`\W`/`\S` inside a class. Every literal character is escaped, so
 * Lucene's optional operators (`~ & @ < > #`) never apply.
 */
export function regexToLucene(pattern: string): string | undefined {
  let body = pattern;
  const anchoredStart = body.startsWith('^');
  if (anchoredStart) body = body.slice(1);
  const anchoredEnd = /(^|[^\\])(\\\\)*\$$/.test(body);
  if (anchoredEnd) body = body.slice(0, -1);
  try {
    const { lucene, topLevelAlternation } = translate(body);
    if (topLevelAlternation && (anchoredStart || anchoredEnd)) return undefined;
    const inner = topLevelAlternation ? `(${lucene})` : lucene;
    return `${anchoredStart ? '' : '.*'}${inner}${anchoredEnd ? '' : '.*'}`;
  } catch (e) {
    if (e instanceof Untranslatable) return undefined;
    throw e;
  }
}

function translate(body: string): { lucene: string; topLevelAlternation: boolean } {
  let out = '';
  let depth = 0;
  let topLevelAlternation = false;
  let i = 0;
  while (i < body.length) {
    const c = body[i];
    if (c === '\\') {
      out += escapeOutside(body[i + 1]);
      i += 2;
    } else if (c === '[') {
      const end = classEnd(body, i);
      out += charClass(body.slice(i + 1, end));
      i = end + 1;
    } else if (c === '(') {
      if (body[i + 1] === '?' && body[i + 2] !== ':') throw new Untranslatable();
      out += '(';
      depth++;
      i += body[i + 1] === '?' ? 3 : 1;
    } else if (c === ')') {
      out += ')';
      depth--;
      i++;
    } else if (c === '|') {
      if (depth === 0) topLevelAlternation = true;
      out += '|';
      i++;
    } else if (c === '*' || c === '+' || c === '?' || (c === '{' && QUANTIFIER.test(body.slice(i)))) {
      const quantifier = c === '{' ? QUANTIFIER.exec(body.slice(i))![0] : c;
      out += quantifier;
      i += quantifier.length;
      // A lazy quantifier matches the same values as a greedy one.
      if (body[i] === '?') i++;
    } else if (c === '.') {
      out += '.';
      i++;
    } else if (c === '^' || c === '$') {
      throw new Untranslatable();
    } else {
      out += literal(c);
      i++;
    }
  }
  return { lucene: out, topLevelAlternation };
}

function escapeOutside(c: string | undefined): string {
  if (c === undefined || UNTRANSLATABLE.test(c)) throw new Untranslatable();
  const lower = c.toLowerCase();
  if (Object.hasOwn(CLASSES, lower)) return `[${c === lower ? '' : '^'}${classText(CLASSES[lower])}]`;
  return literal(CONTROL[c] ?? c);
}

/** The index of the `]` closing the class opened at `start`. */
function classEnd(body: string, start: number): number {
  let i = start + 1;
  if (body[i] === '^') i++;
  if (body[i] === ']') throw new Untranslatable(); // [] and [^] match nothing or anything in JS, neither in Lucene
  for (; i < body.length; i++) {
    if (body[i] === '\\') i++;
    else if (body[i] === ']') return i;
  }
  throw new Untranslatable();
}

function charClass(inside: string): string {
  const negated = inside.startsWith('^');
  const members = negated ? inside.slice(1) : inside;
  const items: string[] = [];
  for (let i = 0; i < members.length; i++) {
    const c = members[i];
    if (c === '\\') {
      const e = members[++i];
      if (Object.hasOwn(CLASSES, e)) items.push(classText(CLASSES[e]));
      else if (e === 'b') items.push(literal('\b'));
      else if (UNTRANSLATABLE.test(e) || Object.hasOwn(CLASSES, e.toLowerCase())) throw new Untranslatable();
      else items.push(literal(CONTROL[e] ?? e));
    } else if (c === '-' && i > 0 && i < members.length - 1) {
      items.push('-');
    } else items.push(literal(c));
  }
  return `[${negated ? '^' : ''}${items.join('')}]`;
}

/** A class body written with `-` ranges, its other characters escaped. */
function classText(members: string): string {
  return [...members].map((c, i, all) => (c === '-' && i > 0 && i < all.length - 1 ? '-' : literal(c))).join('');
}

function literal(c: string): string {
  return /[A-Za-z0-9]/.test(c) || c.charCodeAt(0) > 127 || c.charCodeAt(0) < 32 ? c : `\\${c}`;
}
