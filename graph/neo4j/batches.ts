import type { AttrValue } from '../../src/model/observation';
import {
  upsertEdgesQuery, upsertEntitiesQuery, upsertMentionsQuery, upsertRecordsQuery, upsertTypesQuery,
  type CypherQuery, type EdgeRow, type EntityRow, type MentionRow, type RecordRow, type TypeRow,
} from './cypher';
import { mergeAttributes, type EntityState } from './entity-merge';
import type { ResolvedRecord } from './resolved';
import { INDEXED_ATTRIBUTES, MAX_INDEXED_LENGTH } from './schema';

/** Records per write transaction: UNWIND statements of thousands of rows, a transaction of a few MB. */
export const DEFAULT_BATCH_SIZE = 5000;

/** The attribute and edge names seen on entities of a type, in first-seen order. */
export interface TypeState {
  seq: number | null;
  attributes: Set<string>;
  edges: Set<string>;
}

/** Where the sequence numbers of what this load creates start; advanced as they are handed out. */
export interface Sequences {
  entities: number;
  records: number;
  types: number;
  edges: number;
}

/**
 * What one write transaction holds: a run of records with their mentions and the edges they witnessed first,
 * and every entity or type they touched in its state after those records. Once a batch is committed the
 * database holds what the embedded store would hold after ingesting the same records; a failed batch
 * leaves nothing of itself.
 */
export interface Batch {
  types: TypeRow[];
  /** By entity type (a label cannot be a parameter). */
  entities: Map<string, EntityRow[]>;
  records: RecordRow[];
  mentions: MentionRow[];
  /** By edge name (a relationship type cannot be a parameter). */
  edges: Map<string, EdgeRow[]>;
  /** How many entities the batch creates. */
  created: number;
}

/** Edges between stored entities that the records' edges may repeat, read before planning. */
export interface StoredLinks {
  /** `from\0to` → the sequence number of the pair's oldest edge. */
  pairs: Map<string, number>;
  /** `from\0to\0name` of every stored edge among those pairs. */
  edges: Set<string>;
}

export const pairKey = (from: string, to: string): string => `${from}\u0000${to}`;
export const edgeKey = (from: string, to: string, name: string): string => `${from}\u0000${to}\u0000${name}`;

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function group<T>(map: Map<string, T[]>, key: string, row: T): void {
  const rows = map.get(key);
  if (rows) rows.push(row);
  else map.set(key, [row]);
}

function indexCopy(v: AttrValue | undefined): AttrValue {
  if (typeof v === 'string') return v.length <= MAX_INDEXED_LENGTH ? v : null;
  return typeof v === 'number' || typeof v === 'boolean' ? v : null;
}

export function entityRow(id: string, state: EntityState): EntityRow {
  const [name, pid, command_line, value] = INDEXED_ATTRIBUTES.map((a) => indexCopy(state.attrs[a]));
  return {
    id, type: state.type, seq: state.seq,
    attrs: JSON.stringify(state.attrs),
    variants: state.variants ? JSON.stringify(state.variants) : null,
    name, pid, command_line, value,
  };
}

export function typeRow(name: string, t: TypeState): TypeRow {
  return { name, seq: t.seq, attributes: [...t.attributes], edges: [...t.edges] };
}

/**
 * Splits resolved records into batches of `batchSize` records, merging entities as the embedded store does.
 * `entities` holds the stored state of every entity the records mention (absent when new), `types` the
 * stored type catalogue and `links` the stored edges the records repeat; all are updated to the state after
 * each batch. Sequence numbers advance by one per node or edge created, as the counts of a store that holds
 * the batches do: the plan of a load re-run after k committed batches is the rest of the plan of an
 * uninterrupted one. Batches are made as they are asked for, so a load holds the rows of one batch at a time.
 */
export function* planBatches(
  resolved: readonly ResolvedRecord[], entities: Map<string, EntityState>, types: Map<string, TypeState>,
  next: Sequences, batchSize: number, links: StoredLinks = { pairs: new Map(), edges: new Set() },
): Generator<Batch> {
  for (let start = 0; start < resolved.length; start += batchSize) {
    const chunk = resolved.slice(start, start + batchSize);
    const batch: Batch = { types: [], entities: new Map(), records: [], mentions: [], edges: new Map(), created: 0 };
    const touched = new Set<string>();
    const changedTypes = new Set<string>();
    const typeOf = (name: string): TypeState => {
      let t = types.get(name);
      if (!t) {
        types.set(name, (t = { seq: next.types++, attributes: new Set(), edges: new Set() }));
        changedTypes.add(name);
      }
      return t;
    };
    for (const { record, source: recordSource, entities: mentioned, edges } of chunk) {
      batch.records.push({
        id: record.id, source: recordSource, firstObserved: record.firstObserved ?? null,
        lastObserved: record.lastObserved ?? null, numberObserved: record.numberObserved, seq: next.records++,
      });
      const inRecord = new Set<string>();
      for (const { id, type, attrs } of mentioned) {
        let state = entities.get(id);
        if (!state) {
          entities.set(id, (state = { type, attrs: Object.create(null) as Record<string, AttrValue>, seq: next.entities++ }));
          batch.created++;
        }
        if (state.type !== type) continue;
        const catalogue = typeOf(type);
        mergeAttributes(state, attrs, (name) => {
          if (catalogue.attributes.has(name)) return;
          catalogue.attributes.add(name);
          changedTypes.add(type);
        });
        touched.add(id);
        if (!inRecord.has(id)) {
          batch.mentions.push({ record: record.id, entity: id, pos: inRecord.size });
          inRecord.add(id);
        }
      }
      for (const { from, to, name } of edges) {
        const source = entities.get(from);
        if (!source || !entities.has(to)) continue;
        const key = edgeKey(from, to, name);
        if (links.edges.has(key)) continue;
        links.edges.add(key);
        const pair = pairKey(from, to);
        let seq = links.pairs.get(pair);
        if (seq === undefined) links.pairs.set(pair, (seq = next.edges));
        next.edges++;
        group(batch.edges, name, { from, to, seq });
        const catalogue = typeOf(source.type);
        if (!catalogue.edges.has(name)) {
          catalogue.edges.add(name);
          changedTypes.add(source.type);
        }
      }
    }
    for (const id of touched) {
      const state = entities.get(id)!;
      group(batch.entities, state.type, entityRow(id, state));
    }
    for (const name of changedTypes) batch.types.push(typeRow(name, types.get(name)!));
    yield batch;
  }
}

/**
 * The statements of one batch's transaction, in order: types, entities (one statement per type, whose label
 * cannot be a parameter), records, mentions, then edges (one per name). Each is one `UNWIND $rows` of MERGEs
 * on unique ids; relationships are merged between nodes already bound by id, never found by a scan.
 */
export function batchQueries(batch: Batch): CypherQuery[] {
  return [
    ...(batch.types.length ? [upsertTypesQuery(batch.types)] : []),
    ...[...batch.entities].map(([type, rows]) => upsertEntitiesQuery(type, rows)),
    upsertRecordsQuery(batch.records),
    ...(batch.mentions.length ? [upsertMentionsQuery(batch.mentions)] : []),
    ...[...batch.edges].map(([name, rows]) => upsertEdgesQuery(name, rows)),
  ];
}
