/** What JavaScript's `\s` matches (ECMAScript WhiteSpace and LineTerminator), as bracket-expression content. */
const JS_SPACE = ' \t\n\v\f\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';

const OUTSIDE_CLASS: Record<string, string> = {
  d: '[0-9]', D: '[^0-9]', w: '[A-Za-z0-9_]', W: '[^A-Za-z0-9_]', s: `[${JS_SPACE}]`, S: `[^${JS_SPACE}]`,
  t: '\\t', n: '\\n', r: '\\r', f: '\\f', v: '\\v',
};
const IN_CLASS: Record<string, string> = { t: '\\t', n: '\\n', r: '\\r', f: '\\f', v: '\\v' };
/** PostgreSQL rejects repetition counts above RE_DUPMAX. */
const MAX_REPEAT = 255;
const BOUND = /^\{(\d+)(,(\d*))?\}/;

/**
 * A PostgreSQL advanced regular expression that matches exactly what the JavaScript pattern (no flags) matches,
 * or undefined when the pattern uses what the two read differently (word boundaries, lookarounds, back-references,
 * named groups, \u and \x escapes, class shorthands inside brackets) or is not a valid JavaScript pattern.
 */
export function posixRegex(pattern: string): string | undefined {
  try {
    new RegExp(pattern);
  } catch {
    return undefined;
  }
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const next = pattern[++i];
      const translated = OUTSIDE_CLASS[next] ?? literalEscape(next);
      if (translated === undefined) return undefined;
      out += translated;
    } else if (c === '[') {
      const end = classEnd(pattern, i);
      const body = end === undefined ? undefined : bracketBody(pattern.slice(i + 1, end));
      if (body === undefined) return undefined;
      out += `[${body}]`;
      i = end as number;
    } else if (c === '(') {
      if (pattern[i + 1] !== '?') out += '(';
      else if (pattern[i + 2] === ':') {
        out += '(?:';
        i += 2;
      } else return undefined;
    } else if (c === '{') {
      const bound = BOUND.exec(pattern.slice(i));
      if (!bound) out += '\\{';
      else if (Number(bound[1]) > MAX_REPEAT || Number(bound[3] || 0) > MAX_REPEAT) return undefined;
      else {
        out += bound[0];
        i += bound[0].length - 1;
      }
    } else if (c === '}' || c === ']') out += `\\${c}`;
    else out += c;
  }
  return out;
}

/** `\` and a character that is not a letter or digit stands for that character in both dialects. */
function literalEscape(c: string): string | undefined {
  return /[A-Za-z0-9]/.test(c) ? undefined : `\\${c}`;
}

/** The index of the `]` that closes the class opened at `start`. */
function classEnd(pattern: string, start: number): number | undefined {
  for (let i = start + 1; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === ']') return i;
  }
  return undefined;
}

function bracketBody(body: string): string | undefined {
  const negated = body.startsWith('^');
  const items = negated ? body.slice(1) : body;
  // JavaScript's [] matches nothing and [^] anything; PostgreSQL would read the ] as a member.
  if (items === '') return undefined;
  let out = negated ? '^' : '';
  for (let i = 0; i < items.length; i++) {
    const c = items[i];
    if (c === '\\') {
      const next = items[++i];
      const translated = IN_CLASS[next] ?? literalEscape(next);
      if (translated === undefined) return undefined;
      out += translated;
    } else if (c === '[') out += '\\[';
    else out += c;
  }
  return out;
}
