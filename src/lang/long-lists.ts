import type { Value } from './ast';
import { skipQuotedOrComment } from './nesting';
import { position } from './position';
import { decodeString } from './python-string';

/** Lists of this many numbers and strings or more are read here: Ohm's time and memory grow fast with them (IOC lists). */
const LONG_LIST = 200;

/** One list item (a number or a string literal, on one line), then what follows it: `,` or a closing bracket. */
const ITEM = /[ \t\r\n]*(-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|r?'(?:[^'\\\r\n]|\\[^\r\n])*'|r?"(?:[^"\\\r\n]|\\[^\r\n])*")[ \t\r\n]*([,)\]])/y;

/** A list that is a comparison's value follows its operator (`IN`, `=`, …), not NEW or ATTR. */
const AFTER_OPERATOR = /(?:(?:^|[^A-Za-z0-9_])in|[=<>])[ \t\r\n]*$/i;

interface LongList {
  /** Offset of its opening bracket. */
  open: number;
  items: { start: number; end: number }[];
}

/** Where the cut text lost characters: at an offset of the cut text, how many. */
interface Cut {
  at: number;
  removed: number;
}

/** The offset in the source of an offset in the cut text; an end offset (exclusive) at a cut stays before it. */
export type ToSource = (offset: number, isEnd: boolean) => number;

/**
 * The source with each long list of literals cut to its first item, the lists cut (for `restoreLongLists` to put
 * back into the AST), and how offsets in the cut text map back to the source.
 */
export function cutLongLists(source: string): { text: string; lists: LongList[]; toSource: ToSource } {
  const lists: LongList[] = [];
  const cuts: Cut[] = [];
  const pieces: string[] = [];
  let copied = 0;
  let removed = 0;
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    const skipped = skipQuotedOrComment(source, i);
    if (skipped !== i) {
      i = skipped;
    } else if ((char === '(' || char === '[') && AFTER_OPERATOR.test(source.slice(Math.max(0, i - 12), i))) {
      const list = literalList(source, i);
      if (!list || list.items.length < LONG_LIST) continue;
      const from = list.items[0].end;
      pieces.push(source.slice(copied, from));
      cuts.push({ at: from - removed, removed: list.close - from });
      removed += list.close - from;
      copied = list.close;
      lists.push({ open: i, items: list.items });
      i = list.close;
    }
  }
  pieces.push(source.slice(copied));
  const toSource: ToSource = (offset, isEnd) => {
    let shift = 0;
    for (const cut of cuts) if (isEnd ? cut.at < offset : cut.at <= offset) shift += cut.removed;
    return offset + shift;
  };
  return { text: lists.length ? pieces.join('') : source, lists, toSource };
}

/** The items of a bracketed list of literals opening at `open`, and the offset of its closing bracket. */
function literalList(source: string, open: number): { items: LongList['items']; close: number } | undefined {
  const closing = source[open] === '(' ? ')' : ']';
  const items: LongList['items'] = [];
  ITEM.lastIndex = open + 1;
  for (;;) {
    const m = ITEM.exec(source);
    if (!m) return undefined;
    const start = m.index + m[0].indexOf(m[1]);
    items.push({ start, end: start + m[1].length });
    if (m[2] === closing) return { items, close: ITEM.lastIndex - 1 };
    if (m[2] !== ',') return undefined;
  }
}

/**
 * Puts the cut lists back: each list value of the AST that opens where a cut list did gets all its items. Returns
 * whether every cut list was found (if not, the source is to be parsed uncut).
 */
export function restoreLongLists(ast: unknown, source: string, lists: readonly LongList[]): boolean {
  const byOpen = new Map(lists.map((l) => [l.open, l]));
  let restored = 0;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
    } else if (node !== null && typeof node === 'object') {
      const value = node as Value;
      const cut = value.kind === 'list' ? byOpen.get(value.loc.start) : undefined;
      if (cut && value.kind === 'list') {
        value.items = cut.items.map(({ start, end }) => literal(source, start, end));
        restored++;
      } else {
        Object.values(node).forEach(visit);
      }
    }
  };
  visit(ast);
  return restored === lists.length;
}

function literal(source: string, start: number, end: number): Value {
  const text = source.slice(start, end);
  const value = text.endsWith("'") || text.endsWith('"') ? decodeString(text) : Number(text);
  return { kind: 'literal', value, loc: { ...position(source, start), start, end } };
}
