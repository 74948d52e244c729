import type { Condition } from './rule';
import { badRule, unsupported } from './sigma-error';

const TOKEN = /\s*(\(|\)|\||[^\s()|]+)/y;

/**
 * A detection condition (`selection and not 1 of filter_*`) to a tree. Precedence as the specification
 * gives it: `not` binds tightest, then `and`, then `or`. `x of` patterns resolve against `names` here, so
 * a pattern that matches nothing is an error at compile time, not a silent false.
 */
export function parseCondition(text: string, names: readonly string[], file?: string): Condition {
  const tokens: string[] = [];
  let end = 0;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    tokens.push(m[1]);
    end = TOKEN.lastIndex;
  }
  if (text.slice(end).trim()) throw badRule(`condition ${JSON.stringify(text)} does not tokenize`, file);
  if (tokens.includes('|')) throw unsupported('aggregation', `condition ${JSON.stringify(text)} aggregates (\`| count() …\`): aggregations are not evaluated`, file);
  if (tokens.some((t) => t.toLowerCase() === 'near')) throw unsupported('near', `condition ${JSON.stringify(text)} uses \`near\`, a temporal correlation`, file);
  let i = 0;
  const peek = () => tokens[i]?.toLowerCase();
  const fail = (what: string): never => {
    throw badRule(`condition ${JSON.stringify(text)}: ${what}`, file);
  };

  const orExpr = (): Condition => {
    const items = [andExpr()];
    while (peek() === 'or') {
      i++;
      items.push(andExpr());
    }
    return items.length === 1 ? items[0] : { kind: 'or', items };
  };
  const andExpr = (): Condition => {
    const items = [notExpr()];
    while (peek() === 'and') {
      i++;
      items.push(notExpr());
    }
    return items.length === 1 ? items[0] : { kind: 'and', items };
  };
  const notExpr = (): Condition => {
    if (peek() === 'not') {
      i++;
      return { kind: 'not', item: notExpr() };
    }
    return atom();
  };
  const atom = (): Condition => {
    const t = tokens[i];
    if (t === undefined) return fail('ends too early');
    if (t === '(') {
      i++;
      const inner = orExpr();
      if (tokens[i] !== ')') fail('a parenthesis is not closed');
      i++;
      return inner;
    }
    const lower = t.toLowerCase();
    if (tokens[i + 1]?.toLowerCase() === 'of') {
      if (lower !== '1' && lower !== 'all' && lower !== 'any') throw unsupported(`${t} of`, `condition ${JSON.stringify(text)}: only \`1 of\` and \`all of\` exist`, file);
      const pattern = tokens[i + 2];
      if (pattern === undefined || pattern === '(' || pattern === ')') fail(`\`${t} of\` needs a name pattern or \`them\``);
      i += 3;
      return ofExpr(lower === 'all' ? 'all' : '1', pattern);
    }
    if (['and', 'or', 'of', ')'].includes(lower)) fail(`unexpected \`${t}\``);
    i++;
    if (!names.includes(t)) fail(`\`${t}\` names no search identifier of the detection`);
    return { kind: 'ref', name: t };
  };
  const ofExpr = (quantifier: '1' | 'all', pattern: string): Condition => {
    const matched = pattern.toLowerCase() === 'them' ? names.filter((n) => !n.startsWith('_')) : names.filter((n) => wildcard(pattern).test(n));
    if (!matched.length) fail(`\`${quantifier} of ${pattern}\` matches no search identifier`);
    return { kind: 'of', quantifier, pattern, names: matched };
  };

  const tree = orExpr();
  if (i < tokens.length) fail(`unexpected \`${tokens[i]}\``);
  return tree;
}

function wildcard(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
}
