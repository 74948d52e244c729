/**
 * What Neo4jStore.ingest sends, transaction by transaction (loadTransactions, which the store runs as it is):
 * statement texts and their rows, for a load into an empty database. This tests the statements, not Neo4j;
 * test/stores/neo4j-store.test.ts loads the same against a server.
 */
import * as path from 'node:path';
import { stixBundleConnector } from '../../connectors/stix-bundle';
import { DEFAULT_BATCH_SIZE } from '../../graph/neo4j/batches';
import type { CypherQuery } from '../../graph/neo4j/cypher';
import { loadTransactions, planLoad, type LoadTransaction, type StoredGraph } from '../../graph/neo4j/load-plan';
import { SCHEMA } from '../../graph/neo4j/schema';
import { ProcessInstances } from '../../graph/process-instances';
import { IdCache } from '../../graph/resolve';
import type { Observation } from '../../src/model/observation';

/** The reads of an empty database. */
const EMPTY: StoredGraph = {
  records: async () => new Map(),
  entities: async () => new Map(),
  edges: async () => [],
  types: async () => new Map(),
  counts: async () => ({ entities: 0, records: 0, types: 0, edges: 0 }),
};

async function transactions(observations: readonly Observation[], batchSize: number, stored = EMPTY, warnings: string[] = []): Promise<LoadTransaction[]> {
  const plan = await planLoad(observations, stored, new ProcessInstances(3_600_000), new IdCache(), batchSize);
  return [...loadTransactions(plan, warnings, batchSize)];
}

const rows = (q: CypherQuery) => q.params.rows as Record<string, unknown>[];

/**
 * The node variables a statement binds by a unique key (`(x:Label {id: row.…})`, or a DataSource's uri), and
 * the relationship patterns of its MERGEs with their two node variables.
 */
function shape(text: string): { bound: Set<string>; merged: [string, string][] } {
  const bound = new Set([...text.matchAll(/\((\w+):\w+ \{(?:id|uri): row\.\w+\}\)/g)].map((m) => m[1]));
  const merged = [...text.matchAll(/MERGE \((\w*)\)(<?)-\[[^\]]*\]-(>?)\((\w*)\)/g)].map((m): [string, string] => [m[1], m[4]]);
  return { bound, merged };
}

let bundle: Observation[];
beforeAll(async () => {
  bundle = [];
  for await (const o of stixBundleConnector.read('doctored-1k.json', { baseDir: path.join(__dirname, '..', 'fixtures') })) bundle.push(o);
});

describe('the transactions of a Neo4j load', () => {
  it('writes whole batches of batchSize records (974 records by 250: 250, 250, 250, 224), then marks the source loaded, last', async () => {
    const txs = await transactions(bundle, 250, EMPTY, ['line 3: not JSON']);
    expect(txs.map((t) => t.doing)).toEqual([...Array(4).fill('loading a batch of records'), 'marking sources as loaded']);
    expect(txs.slice(0, 4).map((t) => rows(t.queries.find((q) => q.text.includes('MERGE (r:Record'))!).length)).toEqual([250, 250, 250, 224]);
    for (const t of txs.slice(0, 4)) for (const q of t.queries) expect(q.text).not.toContain('loaded');
    const [mark] = txs[4].queries;
    expect(mark.text).toBe('UNWIND $sources AS row MERGE (s:DataSource {uri: row.uri}) SET s.loaded = true, s.warnings = row.warnings');
    expect(mark.params).toEqual({ sources: [{ uri: bundle[0].source, warnings: ['line 3: not JSON'] }] });
    expect(DEFAULT_BATCH_SIZE).toBeGreaterThanOrEqual(1000);
  });

  it('only MERGEs, one UNWIND of rows per statement, relationships between nodes bound by their unique id (no relationship scan)', async () => {
    for (const t of await transactions(bundle, 250)) {
      for (const q of t.queries) {
        expect(q.text).toMatch(/^UNWIND \$(rows|sources) AS row /);
        expect(q.text).not.toMatch(/\bCREATE \(|OPTIONAL MATCH|\(\)-|-\(\)/);
        const { bound, merged } = shape(q.text);
        for (const [from, to] of merged) {
          expect(bound).toContain(from);
          expect(bound).toContain(to);
        }
      }
    }
  });

  it('writes an entity before or with every mention and edge that MATCHes it, and each record once', async () => {
    const written = new Set<string>();
    const records: string[] = [];
    let edges = 0;
    let entities = 0;
    for (const t of await transactions(bundle, 97)) {
      const entityRows = t.queries.filter((q) => q.text.includes('MERGE (e:Entity')).flatMap(rows);
      for (const r of entityRows) written.add(r.id as string);
      for (const q of t.queries) {
        if (q.text.includes(':MENTIONS]')) for (const r of rows(q)) expect(written).toContain(r.entity);
        if (q.text.includes('MATCH (a:Entity {id: row.from})')) {
          for (const r of rows(q)) expect([written.has(r.from as string), written.has(r.to as string)]).toEqual([true, true]);
          edges += rows(q).length;
        }
        if (q.text.includes('MERGE (r:Record')) records.push(...rows(q).map((r) => r.id as string));
      }
      expect(t.edges).toBe(t.queries.filter((q) => q.text.includes('MATCH (a:Entity {id: row.from})')).flatMap(rows).length);
      entities += t.entities;
    }
    expect(new Set(records).size).toBe(records.length);
    expect(records).toHaveLength(bundle.length);
    expect(entities).toBe(written.size);
    expect(edges).toBeGreaterThan(0);
  });

  it('adds a copy\'s source to the stored records, writing no batch, and marks the copy loaded', async () => {
    const stored: StoredGraph = { ...EMPTY, records: async (ids) => new Map(ids.map((id) => [id, [bundle[0].source]])) };
    const copy = bundle.map((o) => ({ ...o, source: 'file:///copy.json' }));
    const txs = await transactions(copy, 500, stored);
    expect(txs.map((t) => t.doing)).toEqual(['adding sources to stored records', 'adding sources to stored records', 'marking sources as loaded']);
    expect(txs[0].queries[0].text).toMatch(/^UNWIND \$rows AS row MATCH \(r:Record \{id: row\.id\}\) MERGE \(s:DataSource \{uri: row\.source\}\) MERGE \(r\)-\[:IN_SOURCE\]->\(s\)/);
    expect(rows(txs[0].queries[0])[0]).toEqual({ id: bundle[0].id, source: 'file:///copy.json' });
  });
});

describe('the Neo4j schema', () => {
  it('creates every constraint and index if missing, then waits until they are online, before the first load', () => {
    const creates = SCHEMA.slice(0, -1);
    for (const s of creates) expect(s).toMatch(/^CREATE (CONSTRAINT|INDEX) kestrel_\w+ IF NOT EXISTS FOR /);
    expect(creates.filter((s) => s.includes('IS UNIQUE')).map((s) => /FOR \((\w):(\w+)\) REQUIRE \w\.(\w+)/.exec(s)!.slice(2).join('.')))
      .toEqual(['Entity.id', 'Record.id', 'EntityType.name', 'DataSource.uri']);
    expect(SCHEMA[SCHEMA.length - 1]).toBe('CALL db.awaitIndexes(300)');
  });
});
