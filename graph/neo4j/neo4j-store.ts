import neo4j, { type Driver, type QueryResult, type Record as Neo4jRecord } from 'neo4j-driver';
import type { AttrValue, Observation } from '../../src/model/observation';
import type {
  Direction, EntityNode, GraphStore, IngestOptions, IngestStats, RecordNode, RecordScope, StoreQuery, WalkOptions, WalkResult,
} from '../graph-store';
import { ProcessInstances } from '../process-instances';
import { walkLevels } from '../provenance';
import { IdCache } from '../resolve';
import { chunks, DEFAULT_BATCH_SIZE, entityRow, typeRow, type TypeState } from './batches';
import {
  countsQuery, entitiesQuery, entityIdsQuery, entityTypesQuery, existingRecordsQuery, hasSourceQuery, mentionedByQuery,
  neighborsQuery, pairSeqsQuery, recordsOfQuery, recordsQuery, sourceWarningsQuery, typeCatalogueQuery, updateAttributesQuery,
  upsertTypesQuery, walkEdgesQuery, type CypherQuery, type EntityRow,
} from './cypher';
import { parseMap, replaceAttributes, type EntityState } from './entity-merge';
import { openDriver } from './driver';
import { storeError } from './errors';
import { edgeName } from './names';
import type { Neo4jOptions } from './options';

export type { Neo4jOptions } from './options';
import { loadTransactions, planLoad, type StoredGraph } from './load-plan';
import { SCHEMA } from './schema';

/** Ids are sent to the server this many at a time when the loader reads what is already stored. */
const READ_CHUNK = 10_000;

/** Runs one statement of a write transaction. */
type Run = (q: CypherQuery) => Promise<QueryResult>;
const PARENT = 'parent_ref';

function str(r: Neo4jRecord, key: string): string {
  return r.get(key) as string;
}

function numOrUndefined(v: unknown): number | undefined {
  return typeof v === 'number' ? v : undefined;
}

/** Groups (key, value) rows by key, keys in the order of `ids` (the order the embedded store answers in). */
function grouped(ids: readonly string[], rows: readonly Neo4jRecord[], key: string, value: string): Map<string, string[]> {
  const byKey = new Map<string, string[]>();
  for (const r of rows) {
    const k = str(r, key);
    const v = r.get(value) as string | null;
    let list = byKey.get(k);
    if (!list) byKey.set(k, (list = []));
    if (v !== null) list.push(v);
  }
  const out = new Map<string, string[]>();
  for (const id of ids) {
    const list = byKey.get(id);
    if (list) out.set(id, list);
  }
  return out;
}

/**
 * The graph in Neo4j (schema in graph/neo4j/README.md): entities are `:Entity` nodes with a label per type,
 * records are `:Record` nodes linked to what they mention by `:MENTIONS`, and each reference is a relationship
 * of its own name. Identities are resolved in this process by graph/resolve.ts, as in MemoryStore; loads are
 * written in batches of whole records, one transaction each. Each lookup is one Cypher query.
 */
export class Neo4jStore implements GraphStore {
  readonly backend = 'neo4j';
  private readonly processes: ProcessInstances;
  private readonly ids = new IdCache();
  private readonly batchSize: number;

  private constructor(
    private readonly driver: Driver,
    private readonly options: Neo4jOptions,
  ) {
    this.processes = new ProcessInstances(options.processGapMs ?? 3_600_000);
    this.batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  }

  /** Opens a driver, checks that the server answers and accepts the credentials, and creates the schema. */
  static async connect(options: Neo4jOptions): Promise<Neo4jStore> {
    if (options.batchSize !== undefined && !(Number.isSafeInteger(options.batchSize) && options.batchSize > 0)) {
      throw new RangeError(`batchSize must be a positive integer, not ${options.batchSize}`);
    }
    let driver: Driver;
    try {
      driver = openDriver(options);
    } catch (e) {
      throw storeError(e, Neo4jStore.at(options), 'opening the driver');
    }
    const store = new Neo4jStore(driver, options);
    try {
      await driver.verifyConnectivity({ database: options.database });
      for (const statement of SCHEMA) await store.query({ text: statement, params: {} }, 'creating the schema', 'WRITE');
    } catch (e) {
      await driver.close();
      throw storeError(e, Neo4jStore.at(options), 'connecting');
    }
    return store;
  }

  private static at(options: Neo4jOptions) {
    return { uri: options.uri, database: options.database, secret: options.password };
  }

  close(): Promise<void> {
    return this.driver.close();
  }

  private async query(q: CypherQuery, doing: string, routing: 'READ' | 'WRITE' = 'READ'): Promise<Neo4jRecord[]> {
    this.options.onQuery?.(q);
    try {
      const result = await this.driver.executeQuery(q.text, q.params, { database: this.options.database, routing: neo4j.routing[routing] });
      return result.records;
    } catch (e) {
      throw storeError(e, Neo4jStore.at(this.options), doing);
    }
  }

  /**
   * One transaction; the driver runs `work` again when the server reports a transient fault or goes away (for
   * up to the timeout). A failure is told as one a re-run repairs.
   */
  private async write<T>(doing: string, work: (run: Run) => Promise<T>): Promise<T> {
    const session = this.driver.session({
      database: this.options.database,
      defaultAccessMode: neo4j.session.WRITE,
      bookmarkManager: this.driver.executeQueryBookmarkManager,
    });
    try {
      return await session.executeWrite((tx) => work((q) => {
        this.options.onQuery?.(q);
        return tx.run(q.text, q.params);
      }));
    } catch (e) {
      throw storeError(e, Neo4jStore.at(this.options), doing, true);
    } finally {
      await session.close();
    }
  }

  /** Each transaction of loadTransactions in turn: batches planned and written one at a time, the sources marked loaded last. */
  async ingest(observations: readonly Observation[], options: IngestOptions = {}): Promise<IngestStats> {
    const plan = await planLoad(observations, this.storedGraph, this.processes, this.ids, this.batchSize);
    const stats: IngestStats = { records: plan.records, entities: 0, edges: 0 };
    for (const tx of loadTransactions(plan, options.warnings ?? [], this.batchSize)) {
      await this.write(tx.doing, async (run) => {
        for (const q of tx.queries) await run(q);
      });
      stats.entities += tx.entities;
      stats.edges += tx.edges;
    }
    return stats;
  }

  private readonly storedGraph: StoredGraph = {
    records: async (ids) => {
      const out = new Map<string, string[]>();
      for (const chunk of chunks(ids, READ_CHUNK)) {
        for (const r of await this.query(existingRecordsQuery(chunk), 'reading stored records')) out.set(str(r, 'id'), r.get('sources') as string[]);
      }
      return out;
    },
    entities: async (ids) => {
      const out = new Map<string, EntityState>();
      for (const chunk of chunks(ids, READ_CHUNK)) {
        for (const r of await this.query(entitiesQuery(chunk), 'reading stored entities')) out.set(str(r, 'id'), stateOf(r));
      }
      return out;
    },
    edges: async (pairs) => {
      const out: { from: string; to: string; name: string; seq: number }[] = [];
      for (const chunk of chunks(pairs, READ_CHUNK)) {
        for (const r of await this.query(pairSeqsQuery(chunk), 'reading stored edges')) {
          out.push({ from: str(r, 'from'), to: str(r, 'to'), name: edgeName(str(r, 'type')), seq: r.get('seq') as number });
        }
      }
      return out;
    },
    types: async () => {
      const rows = await this.query(entityTypesQuery(), 'reading entity types');
      return new Map(rows.map((r) => [str(r, 'name'), {
        seq: null, attributes: new Set(r.get('attributes') as string[]), edges: new Set(r.get('edges') as string[]),
      }]));
    },
    counts: async () => {
      const [counts] = await this.query(countsQuery(), 'counting stored nodes');
      const n = (k: string) => counts.get(k) as number;
      return { entities: n('entities'), records: n('records'), types: n('types'), edges: n('edges') };
    },
  };

  async hasSource(source: string): Promise<boolean> {
    const [row] = await this.query(hasSourceQuery(source), 'looking up a data source');
    return row.get('found') as boolean;
  }

  async sourceWarnings(source: string): Promise<string[]> {
    const [row] = await this.query(sourceWarningsQuery(source), 'reading the warnings of a data source');
    return row ? (row.get('warnings') as string[]) : [];
  }

  async entityIds(type: string, scope?: RecordScope): Promise<string[]> {
    return (await this.query(entityIdsQuery(type, scope), `listing ${type} entities`)).map((r) => str(r, 'id'));
  }

  async entities(ids: readonly string[]): Promise<EntityNode[]> {
    if (!ids.length) return [];
    const rows = await this.query(entitiesQuery([...new Set(ids)]), 'reading entities');
    const byId = new Map(rows.map((r) => {
      const s = stateOf(r);
      return [str(r, 'id'), { id: str(r, 'id'), type: s.type, attrs: s.attrs, variants: s.variants }] as const;
    }));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async neighbors(ids: readonly string[], edge: string, direction: Direction): Promise<Map<string, string[]>> {
    if (!ids.length) return new Map();
    return grouped(ids, await this.query(neighborsQuery([...new Set(ids)], edge, direction), `following ${edge}`), 'id', 'to');
  }

  async recordsOf(ids: readonly string[], scope?: RecordScope): Promise<Map<string, string[]>> {
    if (!ids.length) return new Map();
    return grouped(ids, await this.query(recordsOfQuery([...new Set(ids)], scope), 'reading the records of entities'), 'id', 'record');
  }

  async records(ids: readonly string[]): Promise<RecordNode[]> {
    if (!ids.length) return [];
    const rows = await this.query(recordsQuery([...new Set(ids)]), 'reading records');
    const byId = new Map(rows.map((r) => [str(r, 'id'), {
      id: str(r, 'id'), sources: r.get('sources') as string[],
      firstObserved: numOrUndefined(r.get('firstObserved')), lastObserved: numOrUndefined(r.get('lastObserved')),
      numberObserved: r.get('numberObserved') as number,
    }]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async mentionedBy(recordIds: readonly string[], type?: string): Promise<Map<string, string[]>> {
    if (!recordIds.length) return new Map();
    const rows = await this.query(mentionedByQuery([...new Set(recordIds)], type), 'reading what records mention');
    return grouped(recordIds, rows, 'id', 'entity');
  }

  async attributeNames(type: string): Promise<string[]> {
    const [row] = await this.query(typeCatalogueQuery(type), 'reading attribute names');
    return row ? (row.get('attributes') as string[]) : [];
  }

  async edgeNames(type: string): Promise<string[]> {
    const [row] = await this.query(typeCatalogueQuery(type), 'reading edge names');
    return row ? (row.get('edges') as string[]) : [];
  }

  async entityTypes(): Promise<string[]> {
    return (await this.query(entityTypesQuery(), 'listing entity types')).map((r) => str(r, 'name'));
  }

  /** Read and written in one transaction: the attributes are JSON, merged here as MemoryStore merges them. */
  async setAttributes(updates: ReadonlyMap<string, Readonly<Record<string, AttrValue>>>): Promise<void> {
    if (!updates.size) return;
    await this.write('setting attributes', async (run) => {
      const current = (await run(entitiesQuery([...updates.keys()]))).records;
      const rows: EntityRow[] = [];
      const names = new Map<string, TypeState>();
      for (const r of current) {
        const id = str(r, 'id');
        const state = stateOf(r);
        let added: TypeState | undefined;
        replaceAttributes(state, updates.get(id)!, (name) => {
          if (!added) names.set(state.type, (added = names.get(state.type) ?? { seq: null, attributes: new Set(), edges: new Set() }));
          added.attributes.add(name);
        });
        rows.push(entityRow(id, state));
      }
      if (rows.length) await run(updateAttributesQuery(rows));
      if (names.size) await run(upsertTypesQuery([...names].map(([name, t]) => typeRow(name, t))));
    });
  }

  /** The Cypher a FIND (one hop) or a DEPTH walk sends, for EXPLAIN; the input's ids stand as a placeholder. */
  traversalQuery(edge: string, direction: Direction, maxHops?: number | null): StoreQuery {
    const input = ['<the input entities\' ids at run time>'];
    const q = maxHops === undefined ? neighborsQuery(input, edge, direction) : walkEdgesQuery(input, edge, direction, maxHops ?? undefined);
    return { language: 'cypher', statement: q.text, parameters: q.params };
  }

  /**
   * One variable-length MATCH fetches every parent_ref edge the walk can ask about; the level-by-level walk
   * of graph/provenance.ts then runs over them, so the result is the embedded store's to the byte.
   */
  async walkProcessTree(start: readonly string[], options: WalkOptions): Promise<WalkResult> {
    const up = options.direction === 'up';
    const maxHops = options.maxDepth === undefined || !Number.isFinite(options.maxDepth) ? undefined : Math.max(options.maxDepth, 0) + 1;
    const rows = start.length
      ? await this.query(walkEdgesQuery([...new Set(start)], PARENT, up ? 'out' : 'in', maxHops), 'walking a process tree')
      : [];
    const next = new Map<string, { id: string; seq: number }[]>();
    for (const r of rows) {
      const [from, to] = up ? [str(r, 'from'), str(r, 'to')] : [str(r, 'to'), str(r, 'from')];
      let list = next.get(from);
      if (!list) next.set(from, (list = []));
      list.push({ id: to, seq: r.get('seq') as number });
    }
    for (const list of next.values()) list.sort((a, b) => a.seq - b.seq);
    return walkLevels({
      neighbors: async (ids) => new Map(ids.flatMap((id) => {
        const list = next.get(id);
        return list ? [[id, list.map((n) => n.id)] as const] : [];
      })),
      entities: (ids) => this.entities(ids),
    }, start, options);
  }
}

function stateOf(r: Neo4jRecord): EntityState {
  const variants = r.get('variants') as string | null;
  return {
    type: str(r, 'type'),
    attrs: parseMap<AttrValue>(str(r, 'attrs')),
    ...(variants === null ? {} : { variants: parseMap<AttrValue[]>(variants) }),
    seq: null,
  };
}
