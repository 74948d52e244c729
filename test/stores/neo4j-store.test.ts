/**
 * The conformance suite against a real Neo4j 5 server, and what only a server can show (schema, credentials,
 * batches). Without NEO4J_URI every test here is reported as skipped; nothing stands in for the server.
 * Each test empties the database first: name a scratch one (NEO4J_DATABASE) or set KESTREL_NEO4J_TEST=1.
 */
import * as path from 'node:path';
import { stixBundleConnector } from '../../connectors/stix-bundle';
import { clearTestDatabase } from '../../graph/neo4j/clear';
import type { CypherQuery } from '../../graph/neo4j/cypher';
import { openDriver } from '../../graph/neo4j/driver';
import { neo4jOptionsFromEnv } from '../../graph/neo4j/env';
import { Neo4jStore } from '../../graph/neo4j/neo4j-store';
import type { Observation } from '../../src/model/observation';
import { describeStoreConformance } from './conformance';

const options = neo4jOptionsFromEnv();
const live = options ? describe : describe.skip;
if (!options) console.log('Neo4j tests skipped: set NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE) to run them');

async function emptyStore(extra: Partial<Parameters<typeof Neo4jStore.connect>[0]> = {}): Promise<Neo4jStore> {
  await clearTestDatabase(options!);
  return Neo4jStore.connect({ ...options!, batchSize: 100, ...extra });
}

describeStoreConformance('Neo4jStore', () => emptyStore(), live);

live('Neo4jStore on a live server', () => {
  let bundle: Observation[];
  beforeAll(async () => {
    bundle = [];
    for await (const o of stixBundleConnector.read('doctored-1k.json', { baseDir: path.join(__dirname, '..', 'fixtures') })) bundle.push(o);
  });

  it('creates its constraints and indexes', async () => {
    await (await emptyStore()).close();
    const driver = openDriver(options!);
    try {
      const names = async (what: string) => (await driver.executeQuery(`SHOW ${what} YIELD name`, {}, { database: options!.database })).records.map((r) => r.get('name') as string);
      expect(await names('CONSTRAINTS')).toEqual(expect.arrayContaining(['kestrel_entity_id', 'kestrel_record_id', 'kestrel_entity_type_name', 'kestrel_data_source_uri']));
      expect(await names('INDEXES')).toEqual(expect.arrayContaining(['kestrel_entity_name', 'kestrel_entity_pid', 'kestrel_entity_command_line', 'kestrel_entity_value']));
    } finally {
      await driver.close();
    }
  });

  it('loads in batches of batchSize records, every value a parameter, and shows the Cypher it runs', async () => {
    const seen: CypherQuery[] = [];
    const store = await emptyStore({ batchSize: 250, onQuery: (q) => seen.push(q) });
    try {
      await store.ingest(bundle);
      const recordWrites = seen.filter((q) => q.text.includes('MERGE (r:Record'));
      expect(recordWrites.map((q) => (q.params.rows as unknown[]).length)).toEqual([250, 250, 250, 250, bundle.length - 1000].filter((n) => n > 0));
      for (const q of seen) expect(q.text).not.toContain(bundle[0].id);
    } finally {
      await store.close();
    }
  });

  it('refuses wrong credentials with E_GRAPH_STORE naming the URI, never the password', async () => {
    const bad = `${options!.password ?? ''}-wrong`;
    const connect = Neo4jStore.connect({ ...options!, password: bad });
    await expect(connect).rejects.toMatchObject({ code: 'E_GRAPH_STORE', message: expect.stringContaining('refused the user name or password') });
    await expect(connect).rejects.toMatchObject({ message: expect.not.stringContaining(bad) });
  });

  it('answers a hunt from what an earlier process loaded, without reading the file again', async () => {
    const first = await emptyStore();
    await first.ingest(bundle);
    await first.close();
    const second = await Neo4jStore.connect(options!);
    try {
      expect(await second.hasSource(bundle[0].source)).toBe(true);
      expect((await second.entityIds('process')).length).toBeGreaterThan(0);
    } finally {
      await second.close();
    }
  });
});
