import type { GraphStore } from '../../graph/graph-store';
import { COMMANDS, KEYWORDS, RELATIONS } from '../lang/keywords';
import { KNOWN_ENTITY_TYPES as STIX_TYPES, referenceType, standardAttributes } from '../model/entity-types';
import { OCSF_ENTITY_TYPES } from '../model/kestrel2/entity-types';
import { isComplete } from './is-complete';

/** Entity types to complete: STIX's, and OCSF's that are not (Kestrel 2). */
const KNOWN_ENTITY_TYPES = [...new Set([...STIX_TYPES, ...Object.keys(OCSF_ENTITY_TYPES)])];

/** What completion draws from. Plain data, so that a Jupyter kernel can build and reuse it. */
export interface Vocabulary {
  /** Keywords, upper-case (`KEYWORDS` of the grammar). */
  keywords: readonly string[];
  /** Variables of the session. */
  variables: readonly string[];
  /** The entity type of each variable, when known. */
  variableTypes?: Readonly<Record<string, string>>;
  /** Entity types to offer after GET, FIND and NEW. */
  entityTypes: readonly string[];
  /** Attribute (and reference) names seen in the data, per entity type. */
  attributes: Readonly<Record<string, readonly string[]>>;
  /** REPL commands (`.help`, …), completed at the start of an entry. */
  metaCommands?: readonly string[];
}

/** `text.slice(start, end)` is the fragment being completed; each match replaces it. */
export interface Completion {
  matches: string[];
  start: number;
  end: number;
}

const TIME_UNITS = new Set(['DAYS', 'DAY', 'D', 'HOURS', 'HOUR', 'H', 'MINUTES', 'MINUTE', 'M', 'SECONDS', 'SECOND', 'S']);
const TRANSFORMS = ['TIMESTAMPED', 'ADDOBSID', 'RECORDS'];
const RESULT_COMMANDS = ['FIND', 'GET', 'GROUP', 'JOIN', 'LOAD', 'NEW', 'SORT'];
/** What may follow a condition of a WHERE. */
const AFTER_CONDITION = ['AND', 'OR', 'ATTR', 'SORT', 'LIMIT', 'OFFSET', 'START', 'STOP', 'LAST'];
const OPERATOR_KEYWORDS = ['NOT', 'IN', 'LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET', 'IS'];
const COMPARISONS = new Set(['=', '==', '!=', '<', '<=', '>', '>=', 'IN', 'LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET']);
/** Commands whose next word is a variable. */
const TAKES_VARIABLE = new Set(['DISP', 'INFO', 'EXPLAIN', 'DESCRIBE', 'FROM', 'GROUP', 'JOIN', 'ON', 'SAVE']);
/** Commands whose first operand is the variable a WHERE, ATTR or BY refers to. */
const EXPRESSION_HEADS = new Set(['DISP', 'INFO', 'SORT', 'GROUP', 'DESCRIBE', 'EXPLAIN']);

interface Token {
  kind: 'word' | 'number' | 'string' | 'punct' | 'newline';
  text: string;
}

interface Scan {
  tokens: Token[];
  /** The text ends inside a string or a comment: nothing to complete there. */
  open: boolean;
}

function scan(src: string): Scan {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === '\n') {
      tokens.push({ kind: 'newline', text: c });
      i++;
    } else if (/\s/.test(c)) {
      i++;
    } else if (c === '#') {
      const end = src.indexOf('\n', i);
      if (end < 0) return { tokens, open: true };
      i = end;
    } else if (c === "'" || c === '"' || (c === 'r' && (src[i + 1] === "'" || src[i + 1] === '"'))) {
      const start = i;
      const quote = c === 'r' ? src[++i] : c;
      i++;
      while (i < src.length && src[i] !== quote && src[i] !== '\n') i += src[i] === '\\' ? 2 : 1;
      if (i >= src.length) return { tokens, open: true };
      if (src[i] === quote) i++;
      tokens.push({ kind: 'string', text: src.slice(start, i) });
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(src.slice(i)) as RegExpExecArray;
      tokens.push({ kind: 'word', text: m[0] });
      i += m[0].length;
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9][0-9.]*/.exec(src.slice(i)) as RegExpExecArray;
      tokens.push({ kind: 'number', text: m[0] });
      i += m[0].length;
    } else {
      const two = src.slice(i, i + 2);
      const text = ['==', '!=', '<=', '>='].includes(two) ? two : c;
      tokens.push({ kind: 'punct', text });
      i += text.length;
    }
  }
  return { tokens, open: false };
}

const upper = (t: Token | undefined): string => (t === undefined ? '' : t.kind === 'word' ? t.text.toUpperCase() : t.text);

type Style = 'upper' | 'lower' | 'title';

function styleOf(word: string): Style {
  if (word === word.toUpperCase()) return 'upper';
  if (word.length > 1 && word[0] === word[0].toUpperCase() && word.slice(1) === word.slice(1).toLowerCase()) return 'title';
  return 'lower';
}

/** A keyword in the user's casing: the fragment kept as typed, the rest upper-case after an upper-case fragment. */
function cased(keyword: string, fragment: string, style: Style): string {
  if (fragment) return fragment + (styleOf(fragment) === 'upper' ? keyword.slice(fragment.length) : keyword.slice(fragment.length).toLowerCase());
  if (style === 'upper') return keyword;
  if (style === 'title') return keyword[0] + keyword.slice(1).toLowerCase();
  return keyword.toLowerCase();
}

/**
 * Completion candidates at `cursor` in `text` (an entry, possibly several lines): keywords in the user's
 * casing, variables, entity types after GET/FIND/NEW, attribute names after WHERE/AND/OR/ATTR/BY and
 * after `var.`, relations after `FIND type`. Pure: everything it knows comes from the vocabulary.
 */
export function complete(text: string, cursor: number, vocabulary: Vocabulary): Completion {
  const prefix = text.slice(0, cursor);
  const none: Completion = { matches: [], start: cursor, end: cursor };

  const meta = /^\s*(\.[A-Za-z]*)$/.exec(prefix);
  if (meta) {
    const fragment = meta[1];
    return { matches: (vocabulary.metaCommands ?? []).filter((m) => m.startsWith(fragment)), start: cursor - fragment.length, end: cursor };
  }

  const fragment = /[A-Za-z_][A-Za-z0-9_-]*$/.exec(prefix)?.[0] ?? '';
  const start = cursor - fragment.length;
  const before = prefix.slice(0, start);
  if (!fragment && /[0-9A-Za-z_]$/.test(before)) return none;
  const { tokens, open } = scan(before);
  if (open) return none;

  const variables = vocabulary.variables;
  const typeOf = (name: string): string | undefined => vocabulary.variableTypes?.[name];
  const isVariable = (t: Token | undefined): boolean => t?.kind === 'word' && variables.includes(t.text);
  const attributesOf = (type: string | undefined): readonly string[] => {
    if (type === undefined) return [...new Set(Object.values(vocabulary.attributes).flat())];
    return vocabulary.attributes[type] ?? standardAttributes(type);
  };

  const lastKeyword = [...tokens].reverse().find((t) => t.kind === 'word' && KEYWORDS.includes(t.text.toUpperCase()));
  const style = lastKeyword ? styleOf(lastKeyword.text) : 'upper';
  const keywords = (list: readonly string[]): string[] =>
    list.filter((k) => k.startsWith(fragment.toUpperCase())).map((k) => cased(k, fragment, style));
  const names = (list: readonly string[]): string[] => list.filter((n) => n.startsWith(fragment));
  const result = (...groups: string[][]): Completion => {
    const matches = [...new Set(groups.flatMap((g) => [...g].sort()))];
    return { matches, start, end: cursor };
  };

  // `var.` and `ref.`: attributes of the variable's type, or of the type the reference points to.
  if (before.endsWith('.')) {
    if (!/[A-Za-z0-9_\]]\.$/.test(before)) return none;
    const path: string[] = [];
    let i = tokens.length - 1;
    while (tokens[i]?.text === '.' && tokens[i - 1]?.kind === 'word') {
      path.unshift(tokens[i - 1].text);
      i -= 2;
    }
    if (!path.length) return none;
    if (path.length === 1 && variables.includes(path[0])) return result(names(attributesOf(typeOf(path[0]))));
    const target = referenceType(path[path.length - 1]);
    return target ? result(names(attributesOf(target))) : none;
  }

  const lineStart = tokens.map((t) => t.kind).lastIndexOf('newline') + 1;
  const onLine = tokens.slice(lineStart);
  const significant = tokens.filter((t) => t.kind !== 'newline');
  const [l, p, q, r] = [1, 2, 3, 4].map((k) => significant[significant.length - k]);
  const li = tokens.lastIndexOf(l as Token);
  const startsStatement = (i: number): boolean => i === 0 || tokens[i - 1]?.kind === 'newline';
  const L = upper(l);
  const P = upper(p);
  const Q = upper(q);

  /** The entity type a WHERE, ATTR or BY at the end refers to: the nearest GET/FIND/NEW type or variable. */
  const anchorType = (): string | undefined => {
    for (let i = tokens.length - 1; i >= 0; i--) {
      const k = upper(tokens[i]);
      const next = tokens[i + 1];
      if ((k === 'GET' || k === 'FIND' || k === 'NEW') && next?.kind === 'word') return next.text;
      if (EXPRESSION_HEADS.has(k) && next) {
        const v = TRANSFORMS.includes(upper(next)) && tokens[i + 2]?.text === '(' ? tokens[i + 3] : next;
        if (isVariable(v)) return typeOf(v.text);
      }
      const statementStart = i < 2 || tokens[i - 2].kind === 'newline';
      if (k === '=' && statementStart && tokens[i - 1]?.kind === 'word' && isVariable(next)) return typeOf(next.text);
    }
    return undefined;
  };
  const attributes = (): Completion => result(names(attributesOf(anchorType())));

  // The start of a statement: a command, or a variable to assign or display.
  const previous = text.slice(0, before.lastIndexOf('\n') + 1);
  if (!onLine.length && (!previous.trim() || isComplete(previous))) return result(names(variables), keywords(COMMANDS));

  if (L === 'GET' || L === 'NEW' || L === 'FIND') return result(names(vocabulary.entityTypes));
  if (L === 'AS' && upper(onLine[0]) === 'LOAD') return result(names(vocabulary.entityTypes));
  if (P === 'FIND' && l?.kind === 'word') return result(keywords(RELATIONS));
  if (Q === 'FIND' && p?.kind === 'word') return result(names(variables), keywords(['BY']));
  if (L === 'BY' && upper(r) === 'FIND') return result(names(variables));
  if (L === 'WHERE' || L === 'AND' || L === 'OR' || L === 'ATTR' || L === 'BY') return attributes();
  if (L === '(') {
    if (['WHERE', 'AND', 'OR', '('].includes(P)) return attributes();
    if (TRANSFORMS.includes(P)) return result(names(variables));
    return none;
  }
  if (L === '[') return P === 'WHERE' ? attributes() : none;
  if (L === ',') {
    // Which list the comma continues: the nearest keyword over names, paths and commas.
    for (let i = significant.length - 2; i >= 0; i--) {
      const k = upper(significant[i]);
      if (k === 'ATTR' || k === 'BY') return attributes();
      if (k === 'JOIN' || k === 'ON') return result(names(variables));
      if (significant[i].kind !== 'word' && !['.', ',', '[', '*', ']'].includes(k)) break;
    }
    return none;
  }
  if (L === 'DISP') return result(names(variables), keywords(TRANSFORMS));
  if (TAKES_VARIABLE.has(L) || L === '+') return result(names(variables));
  if (L === 'SORT') {
    // `SORT x BY a` (a command) versus `… SORT BY a` (a clause of an expression).
    return startsStatement(li) || P === '=' ? result(names(variables)) : result(keywords(['BY']));
  }
  if (L === '=' && p?.kind === 'word' && startsStatement(li - 1)) {
    return result(names(variables), keywords([...RESULT_COMMANDS, ...TRANSFORMS]));
  }
  if (COMPARISONS.has(L)) return result(names(variables));
  if (L === 'IS') return result(keywords(['NOT', 'NULL']));
  if (L === 'NOT') return result(keywords(P === 'IS' ? ['NULL'] : OPERATOR_KEYWORDS.filter((k) => k !== 'NOT' && k !== 'IS')));
  if (P === 'LAST' && l?.kind === 'number') return result(keywords([...TIME_UNITS]));
  if (['LIMIT', 'OFFSET', 'START', 'STOP', 'LAST'].includes(L)) return none;

  // Right after an attribute in a WHERE: an operator.
  let clauseStart = significant.length;
  while (clauseStart > 0 && !['WHERE', 'AND', 'OR', '(', '['].includes(upper(significant[clauseStart - 1]))) clauseStart--;
  const clause = significant.slice(clauseStart);
  const inWhere = significant.some((t) => upper(t) === 'WHERE');
  if (inWhere && clause.length % 2 === 1 && clause.every((t, i) => (i % 2 === 0 ? t.kind === 'word' : t.text === '.'))) {
    return result(keywords(OPERATOR_KEYWORDS));
  }
  // After a whole comparison: the next condition, or the clauses that may follow a WHERE.
  if (inWhere && clause.length >= 3 && clause.some((t) => COMPARISONS.has(upper(t)) || upper(t) === 'NULL')) {
    return result(keywords(AFTER_CONDITION));
  }

  return result(names(variables), keywords(vocabulary.keywords.filter((k) => !TIME_UNITS.has(k))));
}

/** The vocabulary of a session's store: entity types (seen, then the STIX standard ones) and attributes seen per type. */
export async function buildVocabulary(
  store: GraphStore,
  variables: readonly string[],
  variableTypes: Readonly<Record<string, string>> = {},
  metaCommands?: readonly string[],
): Promise<Vocabulary> {
  const seen = await store.entityTypes();
  const attributes: Record<string, string[]> = {};
  for (const type of seen) {
    attributes[type] = [...new Set([...(await store.attributeNames(type)), ...(await store.edgeNames(type))])].sort();
  }
  return {
    keywords: KEYWORDS,
    variables: [...variables],
    variableTypes: { ...variableTypes },
    entityTypes: [...new Set([...seen, ...KNOWN_ENTITY_TYPES])],
    attributes,
    metaCommands,
  };
}

/** The vocabulary before any block ran: keywords and the standard entity types. */
export function emptyVocabulary(metaCommands?: readonly string[]): Vocabulary {
  return { keywords: KEYWORDS, variables: [], variableTypes: {}, entityTypes: [...KNOWN_ENTITY_TYPES], attributes: {}, metaCommands };
}
