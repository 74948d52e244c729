import type { Observation } from '../../src/model/observation';
import type { ProcessInstances } from '../process-instances';
import type { IdCache } from '../resolve';
import { batchQueries, chunks, edgeKey, pairKey, planBatches, type Batch, type Sequences, type StoredLinks, type TypeState } from './batches';
import { addRecordSourcesQuery, markSourcesLoadedQuery, type CypherQuery } from './cypher';
import type { EntityState } from './entity-merge';
import { resolveNew } from './resolved';

/** What a load reads of the stored graph before it writes (Neo4jStore answers each with Cypher). */
export interface StoredGraph {
  /** The sources of those of the ids that are stored records. */
  records(ids: readonly string[]): Promise<Map<string, string[]>>;
  entities(ids: readonly string[]): Promise<Map<string, EntityState>>;
  /** Every stored edge between the pairs, by name. */
  edges(pairs: readonly { from: string; to: string }[]): Promise<{ from: string; to: string; name: string; seq: number }[]>;
  types(): Promise<Map<string, TypeState>>;
  /** The numbers of stored entities, records, types and entity edges. */
  counts(): Promise<Sequences>;
}

export interface LoadPlan {
  /** Made one at a time as they are iterated (once). */
  batches: Iterable<Batch>;
  /** Records already held that these sources hold too. */
  alsoIn: { id: string; source: string }[];
  /** Written last, after every batch: what `hasSource` then answers true for. */
  sources: string[];
  records: number;
}

/**
 * Everything a load writes, from what it reads of the store: the records not stored yet in batches, merged
 * onto the stored entities. Written in order, the plan of a load re-run after some of its batches were
 * committed is the rest of the plan of an uninterrupted load.
 */
export async function planLoad(
  observations: readonly Observation[], stored: StoredGraph, processes: ProcessInstances, ids: IdCache, batchSize: number,
): Promise<LoadPlan> {
  const { fresh, alsoIn } = resolveNew(observations, processes, ids, await stored.records([...new Set(observations.map((o) => o.id))]));
  const entities = await stored.entities([...new Set(fresh.flatMap((r) => r.entities.map((e) => e.id)))]);
  const pairs = new Map<string, { from: string; to: string }>();
  for (const r of fresh) {
    for (const { from, to } of r.edges) if (entities.has(from) && entities.has(to)) pairs.set(pairKey(from, to), { from, to });
  }
  const links: StoredLinks = { pairs: new Map(), edges: new Set() };
  for (const { from, to, name, seq } of pairs.size ? await stored.edges([...pairs.values()]) : []) {
    links.edges.add(edgeKey(from, to, name));
    const key = pairKey(from, to);
    links.pairs.set(key, Math.min(seq, links.pairs.get(key) ?? seq));
  }
  const types = await stored.types();
  const batches = planBatches(fresh, entities, types, await stored.counts(), batchSize, links);
  return { batches, alsoIn, sources: [...new Set(observations.map((o) => o.source))], records: fresh.length };
}

/** One write transaction of a load: what it does (for an error), its statements, and what it creates. */
export interface LoadTransaction {
  doing: string;
  queries: CypherQuery[];
  entities: number;
  edges: number;
}

/**
 * The transactions that write a plan, in order, made as they are iterated: each batch, then the other sources
 * of records already held, and last the sources marked loaded with what reading them warned of. A load cut
 * anywhere leaves its sources unloaded, so the next hunt reads them again and writes the rest.
 */
export function* loadTransactions(plan: LoadPlan, warnings: readonly string[], batchSize: number): Generator<LoadTransaction> {
  for (const batch of plan.batches) {
    let edges = 0;
    for (const rows of batch.edges.values()) edges += rows.length;
    yield { doing: 'loading a batch of records', queries: batchQueries(batch), entities: batch.created, edges };
  }
  for (const rows of chunks(plan.alsoIn, batchSize)) {
    yield { doing: 'adding sources to stored records', queries: [addRecordSourcesQuery(rows)], entities: 0, edges: 0 };
  }
  if (plan.sources.length) {
    const sources = plan.sources.map((uri) => ({ uri, warnings }));
    yield { doing: 'marking sources as loaded', queries: [markSourcesLoadedQuery(sources)], entities: 0, edges: 0 };
  }
}
