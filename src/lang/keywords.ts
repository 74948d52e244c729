import { grammar } from './grammar';

/** Every keyword of the language, upper-case, in grammar order: the descriptions of the kw… rules. */
export const KEYWORDS: readonly string[] = Object.entries(grammar.rules)
  .filter(([name]) => name.startsWith('kw'))
  .map(([, rule]) => rule.description);

/** Keywords that start a statement. */
export const COMMANDS: readonly string[] = [
  'FIND', 'GET', 'GROUP', 'JOIN', 'LOAD', 'NEW', 'SORT', 'TRACK', 'APPLY', 'DISP', 'INFO', 'SAVE', 'DESCRIBE', 'EXPLAIN',
];

/**
 * The FIND relations (Kestrel 1.x's, WRITTEN, READ, DELETED through event records, and Kestrel 2's UPDATED,
 * RESPONDED, ORIGINATED). The grammar accepts any word; the compiler checks it.
 */
export const RELATIONS: readonly string[] = [
  'CREATED', 'ACCEPTED', 'LOADED', 'OWNED', 'CONTAINED', 'WRITTEN', 'READ', 'DELETED', 'UPDATED', 'RESPONDED', 'ORIGINATED', 'LINKED',
];
