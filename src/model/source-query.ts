/**
 * What a GET asks a data source for, in terms of entities (not of any source's fields): the entity type,
 * the WHERE with every reference already replaced by its values, and the time window. Connectors that
 * filter at the source translate it into their native query (Elasticsearch DSL, SQL); a translation may
 * drop what it cannot express as long as what it sends matches a superset (the engine filters again).
 */
export type QueryOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'IN' | 'NOT IN' | 'LIKE' | 'NOT LIKE' | 'MATCHES' | 'NOT MATCHES' | 'ISSUBSET' | 'NOT ISSUBSET' | 'ISSUPERSET' | 'NOT ISSUPERSET';

export type QueryScalar = string | number | boolean | null;

export interface QueryComparison {
  kind: 'comparison';
  /** The entity type the attribute belongs to (the GET's type unless the WHERE names another). */
  entityType: string;
  /** A path as Kestrel writes it: `name`, `parent_ref.name`, `hashes.'SHA-256'` stays `hashes.SHA-256`. */
  attribute: string;
  op: QueryOp;
  /** A list for IN / NOT IN (and for = / != against a reference with several values, turned into IN / NOT IN). */
  value: QueryScalar | QueryScalar[];
}

export type QueryFilter = QueryComparison | { kind: 'and' | 'or'; left: QueryFilter; right: QueryFilter };

export interface SourceQuery {
  entityType: string;
  where?: QueryFilter;
  /** Epoch milliseconds, [start, stop). */
  start?: number;
  stop?: number;
}

/** A query as a source receives it, for EXPLAIN: the statement and its parameters, never values spliced in. */
export interface NativeQuery {
  language: string;
  statement: string;
  parameters?: unknown[];
}
