import type { QueryFilter, QueryScalar, SourceQuery } from '../../src/model/source-query';
import { mappingFor } from './mapping-files';

/** False when a line cannot hold a record the query needs; true when it may. */
export type LineTest = (text: string) => boolean;

/**
 * Printable ASCII a JSON writer never escapes: no quote, backslash or slash, and no `<`, `>`, `&` (Go's encoder,
 * winlogbeat's, writes them as \u escapes).
 */
const PLAIN = /^[\x20-\x7e]+$/;
const ESCAPED = /["\\/<>&]/;
/** A LIKE pattern's literal part shorter than this says too little to be worth a search. */
const SHORTEST_PART = 3;
/** More values than this make a search slower than the parse it would save. */
const MOST_VALUES = 1000;

/**
 * A test on a line's text, before it is parsed, for a scan of a file the session has read by query before
 * (docs/DECISIONS.md 48): that scan taught the store every process and indexed every record, so this one needs
 * only the records that can show an entity the GET selects. An entity matches `name = 'cmd.exe'` through a
 * record that holds that value, and when every field the value can come from keeps its text (a name, a basename,
 * lower-cased), that record's line holds the text, in some case: a line without it is passed over unparsed. The
 * GET's prefetch then brings the entities' other records. Comparisons it cannot judge so (numbers, paths through
 * references, negations, values JSON would escape) keep every line; undefined when none can be judged.
 */
export function rawFilter(query: SourceQuery): LineTest | undefined {
  return query.where && compile(query.where, query.entityType);
}

function compile(filter: QueryFilter, entityType: string): LineTest | undefined {
  if (filter.kind === 'comparison') {
    if (filter.entityType !== entityType || filter.attribute.includes('.') || !keepsText(entityType, filter.attribute)) return undefined;
    const parts = needles(filter.op, filter.value);
    if (!parts) return undefined;
    const search = new RegExp(parts.map(escapeRegExp).join('|'), 'i');
    return (text) => search.test(text);
  }
  const left = compile(filter.left, entityType);
  const right = compile(filter.right, entityType);
  if (filter.kind === 'or') return left && right && ((text) => left(text) || right(text));
  if (!left || !right) return left ?? right;
  return (text) => left(text) && right(text);
}

/** The texts one of which a line must hold for the comparison to hold of a record in it; undefined when there are none such. */
function needles(op: string, value: QueryScalar | QueryScalar[]): string[] | undefined {
  if (op === '=' || op === 'IN') {
    const values = Array.isArray(value) ? value : [value];
    return values.length > 0 && values.length <= MOST_VALUES && values.every(isPlain) ? (values as string[]) : undefined;
  }
  if (op === 'LIKE' && typeof value === 'string') {
    const longest = value.split(/[%_]/).filter(isPlain).sort((a, b) => b.length - a.length)[0];
    return longest !== undefined && longest.length >= SHORTEST_PART ? [longest] : undefined;
  }
  return undefined;
}

function isPlain(v: QueryScalar): v is string {
  return typeof v === 'string' && PLAIN.test(v) && !ESCAPED.test(v);
}

/** Both formats a line may be in must keep the attribute's text. */
function keepsText(entityType: string, attribute: string): boolean {
  return mappingFor('ecs').keepsText(entityType, attribute) && mappingFor('otrf').keepsText(entityType, attribute);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
