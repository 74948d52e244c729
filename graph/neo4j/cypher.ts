import type { Direction, RecordScope } from '../graph-store';
import { edgeType, typeLabel } from './names';
import { INDEXED_ATTRIBUTES } from './schema';

/** One Cypher statement: the text is built from constants and `names.ts` only; every value is in `params`. */
export interface CypherQuery {
  text: string;
  params: Record<string, unknown>;
}

export interface EntityRow {
  id: string;
  type: string;
  seq: number | null;
  /** JSON of the merged attributes, and of the variants (null when there are none). */
  attrs: string;
  variants: string | null;
  name: unknown;
  pid: unknown;
  command_line: unknown;
  value: unknown;
}

export interface RecordRow {
  id: string;
  source: string;
  firstObserved: number | null;
  lastObserved: number | null;
  numberObserved: number;
  seq: number;
}

export interface MentionRow {
  record: string;
  entity: string;
  pos: number;
}

export interface EdgeRow {
  from: string;
  to: string;
  seq: number;
}

export interface TypeRow {
  name: string;
  seq: number | null;
  attributes: string[];
  edges: string[];
}

const SET_INDEXED = INDEXED_ATTRIBUTES.map((a) => `e.${a} = row.${a}`).join(', ');

/** Conditions on the record `r`; `bySource` false when the query already reached `r` from its sources. */
function scopeWhere(scope: RecordScope | undefined, bySource = true): CypherQuery {
  const conditions: string[] = [];
  const params: Record<string, unknown> = {};
  if (scope?.sources) {
    if (bySource) conditions.push('any(s IN r.sources WHERE s IN $sources)');
    params.sources = [...scope.sources];
  }
  if (scope?.start !== undefined) {
    conditions.push('r.firstObserved >= $start');
    params.start = scope.start;
  }
  if (scope?.stop !== undefined) {
    conditions.push('r.firstObserved < $stop');
    params.stop = scope.stop;
  }
  if (scope?.records) {
    conditions.push('r.id IN $records');
    params.records = [...scope.records];
  }
  return { text: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
}

/** `-[inside]->` or `<-[inside]-`, as the two halves around which the caller puts its nodes. */
function arrow(inside: string, direction: Direction): [string, string] {
  const rel = `-[${inside}]-`;
  return direction === 'out' ? [rel, '>'] : ['<', rel];
}

/**
 * Entities of a type. In a scope, ordered by the first record in the scope that mentions each (and its place in
 * that record): the order of a store that holds only the scope's records, whatever else is stored. Records of
 * given sources are reached from their `:DataSource` nodes.
 */
export function entityIdsQuery(type: string, scope?: RecordScope): CypherQuery {
  if (!scope) return { text: `MATCH (e:${typeLabel(type)}) RETURN e.id AS id ORDER BY e.seq`, params: {} };
  const where = scopeWhere(scope, false);
  const start = scope.sources ? 'UNWIND $sources AS src MATCH (:DataSource {uri: src})<-[:IN_SOURCE]-(r:Record)' : 'MATCH (r:Record)';
  return {
    text: `${start}-[m:MENTIONS]->(e:${typeLabel(type)}) ${where.text} `
      + 'WITH e, min([r.seq, m.pos]) AS first RETURN e.id AS id ORDER BY first[0], first[1]',
    params: where.params,
  };
}

export function entitiesQuery(ids: readonly string[]): CypherQuery {
  return {
    text: 'UNWIND $ids AS id MATCH (e:Entity {id: id}) RETURN e.id AS id, e.type AS type, e.attrs AS attrs, e.variants AS variants',
    params: { ids },
  };
}

/** Rows (id, to) in the order the edges were first made, as the embedded store keeps them. */
export function neighborsQuery(ids: readonly string[], edge: string, direction: Direction): CypherQuery {
  const [left, right] = arrow(`r:${edgeType(edge)}`, direction);
  return {
    text: `UNWIND $ids AS id MATCH (:Entity {id: id})${left}${right}(b:Entity) RETURN id, b.id AS to ORDER BY r.seq`,
    params: { ids },
  };
}

export function recordsOfQuery(ids: readonly string[], scope?: RecordScope): CypherQuery {
  const where = scopeWhere(scope);
  return {
    text: `UNWIND $ids AS id MATCH (:Entity {id: id})<-[:MENTIONS]-(r:Record) ${where.text} RETURN id, r.id AS record ORDER BY r.seq`,
    params: { ...where.params, ids },
  };
}

export function recordsQuery(ids: readonly string[]): CypherQuery {
  return {
    text: 'UNWIND $ids AS id MATCH (r:Record {id: id}) RETURN r.id AS id, r.sources AS sources, r.firstObserved AS firstObserved, r.lastObserved AS lastObserved, r.numberObserved AS numberObserved',
    params: { ids },
  };
}

/** Rows (id, entity) with a null entity for a record that mentions none of the type. */
export function mentionedByQuery(ids: readonly string[], type?: string): CypherQuery {
  const label = type === undefined ? 'Entity' : typeLabel(type);
  return {
    text: `UNWIND $ids AS id MATCH (r:Record {id: id}) OPTIONAL MATCH (r)-[m:MENTIONS]->(e:${label}) RETURN id, e.id AS entity ORDER BY m.pos`,
    params: { ids },
  };
}

export function typeCatalogueQuery(type: string): CypherQuery {
  return { text: 'MATCH (t:EntityType {name: $type}) RETURN t.attributes AS attributes, t.edges AS edges', params: { type } };
}

export function entityTypesQuery(): CypherQuery {
  return { text: 'MATCH (t:EntityType) RETURN t.name AS name, t.attributes AS attributes, t.edges AS edges ORDER BY t.seq', params: {} };
}

/** A source counts as held once its last batch is written (`loaded`), not when its first record is. */
export function hasSourceQuery(source: string): CypherQuery {
  return { text: 'OPTIONAL MATCH (s:DataSource {uri: $source}) RETURN coalesce(s.loaded, false) AS found', params: { source } };
}

export function existingRecordsQuery(ids: readonly string[]): CypherQuery {
  return { text: 'UNWIND $ids AS id MATCH (r:Record {id: id}) RETURN r.id AS id, r.sources AS sources', params: { ids } };
}

/**
 * Where the sequence numbers of new nodes and edges start. Nothing is ever deleted and batches are whole, so
 * the counts (read from the count store, not by a scan) are the next numbers an uninterrupted load would
 * hand out: entity edges are every relationship but mentions and source links.
 */
export function countsQuery(): CypherQuery {
  return {
    text: 'CALL { MATCH (e:Entity) RETURN count(e) AS entities } CALL { MATCH (r:Record) RETURN count(r) AS records } '
      + 'CALL { MATCH (t:EntityType) RETURN count(t) AS types } CALL { MATCH ()-[x]->() RETURN count(x) AS all } '
      + 'CALL { MATCH ()-[x:MENTIONS]->() RETURN count(x) AS mentions } CALL { MATCH ()-[x:IN_SOURCE]->() RETURN count(x) AS links } '
      + 'RETURN entities, records, types, all - mentions - links AS edges',
    params: {},
  };
}

/** Adds the names a type has not listed yet, in order (a retried or concurrent batch adds nothing twice). */
export function upsertTypesQuery(rows: readonly TypeRow[]): CypherQuery {
  return {
    text: 'UNWIND $rows AS row MERGE (t:EntityType {name: row.name}) ON CREATE SET t.seq = row.seq, t.attributes = [], t.edges = [] '
      + 'SET t.attributes = t.attributes + [n IN row.attributes WHERE NOT n IN t.attributes], '
      + 't.edges = t.edges + [n IN row.edges WHERE NOT n IN t.edges]',
    params: { rows },
  };
}

/** Entities of one type: created with their type label, then set to their merged state. */
export function upsertEntitiesQuery(type: string, rows: readonly EntityRow[]): CypherQuery {
  return {
    text: `UNWIND $rows AS row MERGE (e:Entity {id: row.id}) ON CREATE SET e:${typeLabel(type)}, e.type = row.type, e.seq = row.seq `
      + `SET e.attrs = row.attrs, e.variants = row.variants, ${SET_INDEXED}`,
    params: { rows },
  };
}

/** What setAttributes writes: attributes only (ids that are gone match nothing). */
export function updateAttributesQuery(rows: readonly EntityRow[]): CypherQuery {
  return { text: `UNWIND $rows AS row MATCH (e:Entity {id: row.id}) SET e.attrs = row.attrs, ${SET_INDEXED}`, params: { rows } };
}

/** Records, each linked to the source it was read from (its `:DataSource`, not yet marked loaded). */
export function upsertRecordsQuery(rows: readonly RecordRow[]): CypherQuery {
  return {
    text: 'UNWIND $rows AS row MERGE (s:DataSource {uri: row.source}) '
      + 'MERGE (r:Record {id: row.id}) ON CREATE SET r.sources = [row.source], r.firstObserved = row.firstObserved, '
      + 'r.lastObserved = row.lastObserved, r.numberObserved = row.numberObserved, r.seq = row.seq '
      + 'MERGE (r)-[:IN_SOURCE]->(s)',
    params: { rows },
  };
}

/** Another source that holds records already stored (a copy of a file): appended to their sources once. */
export function addRecordSourcesQuery(rows: readonly { id: string; source: string }[]): CypherQuery {
  return {
    text: 'UNWIND $rows AS row MATCH (r:Record {id: row.id}) MERGE (s:DataSource {uri: row.source}) MERGE (r)-[:IN_SOURCE]->(s) '
      + 'SET r.sources = CASE WHEN row.source IN r.sources THEN r.sources ELSE r.sources + row.source END',
    params: { rows },
  };
}

export function upsertMentionsQuery(rows: readonly MentionRow[]): CypherQuery {
  return {
    text: 'UNWIND $rows AS row MATCH (r:Record {id: row.record}) MATCH (e:Entity {id: row.entity}) MERGE (r)-[m:MENTIONS]->(e) ON CREATE SET m.pos = row.pos',
    params: { rows },
  };
}

/**
 * Edges of one name, between two nodes found by their unique ids: the MERGE checks the pair from the bound
 * nodes (Expand(Into)), never by scanning relationships. `seq` is the pair's (see pairSeqsQuery).
 */
export function upsertEdgesQuery(edge: string, rows: readonly EdgeRow[]): CypherQuery {
  return {
    text: 'UNWIND $rows AS row MATCH (a:Entity {id: row.from}) MATCH (b:Entity {id: row.to}) '
      + `MERGE (a)-[r:${edgeType(edge)}]->(b) ON CREATE SET r.seq = row.seq`,
    params: { rows },
  };
}

/**
 * The edges that already link pairs of stored entities, under any name: a load does not make them again, and
 * a new edge of another name takes the pair's oldest sequence number, so neighbours keep the order in which
 * each pair was first linked, as in the embedded store. Expanded from the start node, which the hint makes
 * the index seek.
 */
export function pairSeqsQuery(pairs: readonly { from: string; to: string }[]): CypherQuery {
  return {
    text: 'UNWIND $pairs AS p MATCH (a:Entity {id: p.from}) USING INDEX a:Entity(id) '
      + 'MATCH (a)-[old]->(b:Entity) WHERE b.id = p.to RETURN p.from AS from, p.to AS to, type(old) AS type, old.seq AS seq',
    params: { pairs },
  };
}

/**
 * Sources whose last batch is written: what `hasSource` answers from, with what reading them warned of (a hunt
 * that finds a source stored does not read it again, and says the same warnings as one that reads it).
 */
export function markSourcesLoadedQuery(sources: readonly { uri: string; warnings: readonly string[] }[]): CypherQuery {
  return { text: 'UNWIND $sources AS row MERGE (s:DataSource {uri: row.uri}) SET s.loaded = true, s.warnings = row.warnings', params: { sources } };
}

/** The warnings kept with a loaded source (none for one loaded before they were kept). */
export function sourceWarningsQuery(source: string): CypherQuery {
  return { text: 'MATCH (s:DataSource {uri: $source}) RETURN coalesce(s.warnings, []) AS warnings', params: { source } };
}

/**
 * The last edge of every path of 1 to `maxHops` edges (any length when undefined) from the start entities:
 * every edge a level-by-level walk to depth maxHops - 1 asks about. A variable-length bound cannot be a
 * parameter; it is a checked positive integer, never text.
 */
export function walkEdgesQuery(start: readonly string[], edge: string, direction: Direction, maxHops?: number): CypherQuery {
  if (maxHops !== undefined && !(Number.isSafeInteger(maxHops) && maxHops >= 1)) throw new RangeError(`bad walk depth ${maxHops}`);
  const [left, right] = arrow(`:${edgeType(edge)}*1..${maxHops ?? ''}`, direction);
  return {
    text: `UNWIND $start AS s MATCH p = (:Entity {id: s})${left}${right}(:Entity) WITH last(relationships(p)) AS x `
      + 'RETURN DISTINCT startNode(x).id AS from, endNode(x).id AS to, x.seq AS seq',
    params: { start },
  };
}
