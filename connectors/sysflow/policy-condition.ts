/**
 * Conditions of sf-processor's Falco-like policy language, parsed to a tree: `not` binds tighter than `and`,
 * `and` tighter than `or`. Operands are kept as written (an attribute, a value, a list or macro name); what
 * they mean is decided when the policy is compiled.
 */
export type Condition =
  | { kind: 'and' | 'or'; items: Condition[] }
  | { kind: 'not'; item: Condition }
  | { kind: 'ref'; name: string }
  | { kind: 'compare'; op: CompareOp; left: string; right: string }
  | { kind: 'list'; op: 'in' | 'pmatch'; left: string; items: string[] }
  | { kind: 'exists'; attr: string };

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'contains' | 'icontains' | 'startswith' | 'endswith';

type Token = { kind: 'punct' | 'op' | 'atom'; text: string; quoted?: boolean };

const WORD_OPS = new Set(['contains', 'icontains', 'startswith', 'endswith']);
const TOKEN = /\s*(?:([(),])|(!=|<=|>=|==|=|<|>)|("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|([^\s(),=<>!"']+))/y;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (!m) {
      if (text.slice(at).trim() === '') break;
      throw new Error(`unexpected ${JSON.stringify(text.slice(at).trim().slice(0, 20))}`);
    }
    if (m[1]) tokens.push({ kind: 'punct', text: m[1] });
    else if (m[2]) tokens.push({ kind: 'op', text: m[2] === '==' ? '=' : m[2] });
    else if (m[3]) tokens.push({ kind: 'atom', text: m[3].slice(1, -1), quoted: true });
    else if (m[4]) tokens.push({ kind: 'atom', text: m[4] });
  }
  return tokens;
}

/** Parses one condition; throws an Error saying what is wrong where. */
export function parseCondition(text: string): Condition {
  const tokens = tokenize(text);
  let i = 0;
  const peek = () => tokens[i];
  const isWord = (t: Token | undefined, w: string) => t?.kind === 'atom' && !t.quoted && t.text.toLowerCase() === w;
  const expect = (text: string) => {
    if (peek()?.text !== text || peek()?.kind !== 'punct') throw new Error(`expected "${text}" at ${describe(peek())}`);
    i++;
  };
  const atom = (): string => {
    const t = peek();
    if (t?.kind !== 'atom') throw new Error(`expected a value at ${describe(t)}`);
    i++;
    return t.text;
  };

  const or = (): Condition => joined('or', and);
  const and = (): Condition => joined('and', unary);
  function joined(kind: 'and' | 'or', next: () => Condition): Condition {
    const items = [next()];
    while (isWord(peek(), kind)) {
      i++;
      items.push(next());
    }
    return items.length === 1 ? items[0] : { kind, items };
  }
  function unary(): Condition {
    if (isWord(peek(), 'not')) {
      i++;
      return { kind: 'not', item: unary() };
    }
    if (peek()?.kind === 'punct' && peek().text === '(') {
      i++;
      const inner = or();
      expect(')');
      return inner;
    }
    return term();
  }
  function term(): Condition {
    const left = atom();
    const t = peek();
    if (t?.kind === 'op') {
      i++;
      return { kind: 'compare', op: t.text as CompareOp, left, right: atom() };
    }
    if (t && !t.quoted && t.kind === 'atom') {
      const word = t.text.toLowerCase();
      if (WORD_OPS.has(word)) {
        i++;
        return { kind: 'compare', op: word as CompareOp, left, right: atom() };
      }
      if (word === 'in' || word === 'pmatch') {
        i++;
        expect('(');
        const items = [atom()];
        while (peek()?.text === ',' && peek().kind === 'punct') {
          i++;
          items.push(atom());
        }
        expect(')');
        return { kind: 'list', op: word, left, items };
      }
      if (word === 'exists') {
        i++;
        return { kind: 'exists', attr: left };
      }
    }
    return { kind: 'ref', name: left };
  }

  const tree = or();
  if (i < tokens.length) throw new Error(`unexpected ${describe(peek())}`);
  return tree;
}

function describe(t: Token | undefined): string {
  return t ? JSON.stringify(t.text) : 'the end';
}
