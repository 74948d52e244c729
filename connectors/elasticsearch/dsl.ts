import type { estypes } from '@elastic/elasticsearch';
import type { QueryComparison, QueryFilter, QueryOp, QueryScalar, SourceQuery } from '../../src/model/source-query';
import { likeToWildcard } from './like-wildcard';
import { regexToLucene } from './regex-lucene';

export type Query = estypes.QueryDslQueryContainer;
/** The document fields that hold an entity attribute, in every role the entity plays. */
export type FieldsOf = (entityType: string, attribute: string) => string[];

/** A clause Elasticsearch cannot be asked: it selects every document. */
const EVERYTHING = undefined;
export type Clause = Query | typeof EVERYTHING;

/**
 * The query DSL for a SourceQuery. It selects a superset of the documents that hold a matching entity: a
 * comparison it cannot translate (an attribute with no field, CIDR subsets, a regular expression Lucene cannot
 * say) selects every document, so inside AND it drops out, and it makes a whole OR select everything.
 */
export function compileQuery(query: SourceQuery, fieldsOf: FieldsOf, timeField: string): Query {
  const clauses: Query[] = [];
  const where = query.where && compileFilter(query.where, (c) => compileComparison(c.op, c.value, fieldsOf(c.entityType, c.attribute)));
  if (where) clauses.push(where);
  if (query.start !== undefined || query.stop !== undefined) {
    clauses.push({
      range: {
        [timeField]: {
          ...(query.start !== undefined ? { gte: query.start } : {}),
          ...(query.stop !== undefined ? { lt: query.stop } : {}),
          format: 'epoch_millis',
        },
      },
    });
  }
  if (clauses.length === 0) return { match_all: {} };
  return clauses.length === 1 ? clauses[0] : { bool: { filter: clauses } };
}

/** A WHERE as a query, each comparison as `compare` says (undefined: every document); undefined when it selects everything. */
export function compileFilter(filter: QueryFilter, compare: (c: QueryComparison) => Clause): Clause {
  if (filter.kind === 'comparison') return compare(filter);
  const left = compileFilter(filter.left, compare);
  const right = compileFilter(filter.right, compare);
  if (filter.kind === 'and') {
    const parts = [left, right].filter((c): c is Query => c !== EVERYTHING).flatMap((c) => flatten(c, 'filter'));
    return parts.length === 0 ? EVERYTHING : parts.length === 1 ? parts[0] : { bool: { filter: parts } };
  }
  if (!left || !right) return EVERYTHING;
  return anyOf([...flatten(left, 'should'), ...flatten(right, 'should')]);
}

/** The clauses of a nested AND (or OR) that can join their parent's list. */
function flatten(q: Query, occur: 'filter' | 'should'): Query[] {
  const bool = (q as { bool?: estypes.QueryDslBoolQuery }).bool;
  if (!bool || Object.keys(bool).some((k) => k !== occur && k !== 'minimum_should_match')) return [q];
  const list = bool[occur];
  return Array.isArray(list) ? list : [q];
}

export function anyOf(queries: Query[]): Query {
  return queries.length === 1 ? queries[0] : { bool: { should: queries, minimum_should_match: 1 } };
}

/** Whether some field holds a value that makes the comparison true; `negate` builds the NOT forms per field. */
function perField(fields: string[], clause: (field: string) => Query, negate = false): Query {
  return anyOf(fields.map((f) => (negate ? { bool: { must_not: [clause(f)] } } : clause(f))));
}

/** A comparison that holds on any of the document fields; undefined (every document) when it cannot be said. */
export function compileComparison(given: QueryOp, value: QueryScalar | QueryScalar[], fields: string[]): Clause {
  if (fields.length === 0) return EVERYTHING;
  const op = Array.isArray(value) ? (given === '=' ? 'IN' : given === '!=' ? 'NOT IN' : given) : given;
  const exists = (field: string): Query => ({ exists: { field } });
  switch (op) {
    case '=':
    case '!=':
      // An entity without the attribute has it null in every record; one with it may lack it in some role.
      if (value === null) return perField(fields, exists, op === '=');
      return perField(fields, (field) => ({ term: { [field]: value as string | number | boolean } }), op === '!=');
    case 'IN':
    case 'NOT IN':
      return compileIn(fields, Array.isArray(value) ? value : [value], op === 'NOT IN');
    case '<':
    case '<=':
    case '>':
    case '>=': {
      if (value === null || Array.isArray(value) || typeof value === 'boolean') return EVERYTHING;
      const bound = { '<': 'lt', '<=': 'lte', '>': 'gt', '>=': 'gte' }[op];
      return perField(fields, (field) => ({ range: { [field]: { [bound]: value } } }));
    }
    case 'LIKE':
    case 'NOT LIKE':
      // Kestrel's LIKE ignores case, as SQLite does.
      if (typeof value !== 'string') return EVERYTHING;
      return perField(fields, (field) => ({ wildcard: { [field]: { value: likeToWildcard(value), case_insensitive: true } } }), op === 'NOT LIKE');
    case 'MATCHES':
    case 'NOT MATCHES': {
      const regexp = typeof value === 'string' ? regexToLucene(value) : undefined;
      if (regexp === undefined) return EVERYTHING;
      return perField(fields, (field) => ({ regexp: { [field]: { value: regexp } } }), op === 'NOT MATCHES');
    }
    default:
      return EVERYTHING;
  }
}

function compileIn(fields: string[], values: QueryScalar[], negated: boolean): Query {
  const present = values.filter((v): v is string | number | boolean => v !== null);
  const withNull = present.length < values.length;
  return perField(fields, (field) => {
    const matches: Query[] = present.length ? [{ terms: { [field]: present } }] : [];
    if (withNull) matches.push({ bool: { must_not: [{ exists: { field } }] } });
    return anyOf(matches);
  }, negated);
}
