/**
 * The conformance suite against a real Neo4j 5 server, and what only a server can show (schema, credentials,
 * batches). Without NEO4J_URI every test here is reported as skipped; nothing stands in for the server.
 * Each test empties the database first: name a scratch one (NEO4J_DATABASE) or set KESTREL_NEO4J_TEST=1.
 */
import * as path from 'node:path';
import { defaultConnectors } from '../../connectors/registry';
import { stixBundleConnector } from '../../connectors/stix-bundle';
import type { GraphStore } from '../../graph/graph-store';
import { chunks } from '../../graph/neo4j/batches';
import { clearTestDatabase } from '../../graph/neo4j/clear';
import type { CypherQuery } from '../../graph/neo4j/cypher';
import { openDriver } from '../../graph/neo4j/driver';
import { neo4jOptionsFromEnv } from '../../graph/neo4j/env';
import { Neo4jStore } from '../../graph/neo4j/neo4j-store';
import { SCHEMA } from '../../graph/neo4j/schema';
import { runSample } from '../../samples/sample-run';
import { openStore } from '../../src/cli/open-store';
import { Session } from '../../src/engine/session';
import type { Observation } from '../../src/model/observation';
import { describeStoreConformance } from './conformance';

const options = neo4jOptionsFromEnv();
const live = options ? describe : describe.skip;
if (!options) console.log('Neo4j tests skipped: set NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE) to run them');
// A fresh server plans and fills its caches on the first loads: the default 30 s is not enough for them.
jest.setTimeout(180_000);

interface PlanNode {
  operatorType: string;
  arguments: Record<string, unknown>;
  children: PlanNode[];
}

/** The operators of the plan EXPLAIN gives for a statement with its parameters, each with its details (`NodeByLabelScan t:EntityType`). */
async function operators(q: CypherQuery): Promise<string[]> {
  const driver = openDriver(options!);
  try {
    const { summary } = await driver.executeQuery(`EXPLAIN ${q.text}`, q.params, { database: options!.database });
    const out: string[] = [];
    const walk = (p: PlanNode) => {
      out.push(`${p.operatorType.replace(/@.*/, '')} ${String(p.arguments.Details ?? '')}`);
      p.children.forEach(walk);
    };
    walk(summary.plan as unknown as PlanNode);
    return out;
  } finally {
    await driver.close();
  }
}

/**
 * Operators that read every node, every node of a label, or every relationship (of a type); the catalogue of
 * entity types (a node per type) is read whole.
 */
const scans = (ops: string[], kinds = /^(AllNodesScan|NodeByLabelScan|(Directed|Undirected)(AllRelationships|RelationshipType)Scan) /) =>
  ops.filter((o) => kinds.test(o) && !o.includes(':EntityType'));

/** What a store holds, read through its interface: entities with their attributes and edges, records with their sources. */
async function contents(store: GraphStore) {
  const out: Record<string, unknown> = {};
  for (const type of await store.entityTypes()) {
    const ids = await store.entityIds(type);
    const edges = await Promise.all((await store.edgeNames(type)).map(async (e) => [e, [...(await store.neighbors(ids, e, 'out'))]]));
    const records = await store.recordsOf(ids);
    out[type] = { entities: await store.entities(ids), edges, records: await store.records([...new Set([...records.values()].flat())]) };
  }
  return out;
}

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

  it('has every index online once connected, before the first load', async () => {
    await (await emptyStore()).close();
    const driver = openDriver(options!);
    try {
      const { records } = await driver.executeQuery("SHOW INDEXES YIELD name, state WHERE name STARTS WITH 'kestrel_' RETURN name, state", {}, { database: options!.database });
      expect(records.length).toBeGreaterThanOrEqual(10);
      for (const r of records) expect([r.get('name'), r.get('state')]).toEqual([r.get('name'), 'ONLINE']);
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
      expect(recordWrites.map((q) => (q.params.rows as unknown[]).length)).toEqual(chunks(bundle, 250).map((c) => c.length));
      for (const q of seen) expect(q.text).not.toContain(bundle[0].id);
    } finally {
      await store.close();
    }
  });

  it('plans every statement of a load, into an empty database and onto a loaded one, with index seeks: no node or relationship scan', async () => {
    const seen: CypherQuery[] = [];
    const store = await emptyStore({ batchSize: 250, onQuery: (q) => seen.push(q) });
    try {
      await store.ingest(bundle.slice(0, 500));
      await store.ingest(bundle);
      await store.ingest(bundle.map((o) => ({ ...o, source: 'file:///copy.json' })));
    } finally {
      await store.close();
    }
    const texts = new Map(seen.filter((q) => !SCHEMA.includes(q.text)).map((q) => [q.text, q]));
    expect([...texts.keys()].some((t) => t.includes('MERGE (a)-[r:'))).toBe(true);
    for (const q of texts.values()) expect([q.text, scans(await operators(q))]).toEqual([q.text, []]);
  });

  it('runs FIND and DEPTH walks of a hunt as Cypher, without scanning the graph', async () => {
    const seen: CypherQuery[] = [];
    const store = await emptyStore({ onQuery: (q) => seen.push(q) });
    try {
      await runSample(path.join(__dirname, '..', '..', 'samples', 'forward-tracking-sysmon'), 'hunt.hf', store);
    } finally {
      await store.close();
    }
    expect(seen.some((q) => /\*1\.\.\d*\]/.test(q.text))).toBe(true);
    const reads = new Map(seen.filter((q) => !SCHEMA.includes(q.text) && !/MERGE|SET /.test(q.text)).map((q) => [q.text, q]));
    for (const q of reads.values()) expect([q.text, scans(await operators(q), /^(AllNodesScan|(Directed|Undirected)AllRelationshipsScan) /)]).toEqual([q.text, []]);
  });

  it('re-run after a load cut short, leaves what an uninterrupted load leaves (processes without GUID included)', async () => {
    const whole = await emptyStore();
    await whole.ingest(bundle);
    const expected = await contents(whole);
    await whole.close();
    let written = 0;
    const cut = await emptyStore({ onQuery: (q) => {
      if (q.text.includes('MERGE (r:Record') && ++written === 5) throw new Error('the server went away');
    } });
    await expect(cut.ingest(bundle)).rejects.toMatchObject({ code: 'E_GRAPH_STORE', hint: expect.stringContaining('re-running the hunt is safe') });
    expect(await cut.hasSource(bundle[0].source)).toBe(false);
    await cut.close();
    const rerun = await Neo4jStore.connect({ ...options!, batchSize: 100 });
    try {
      expect((await rerun.ingest(bundle)).records).toBe(bundle.length - 400);
      expect(await rerun.hasSource(bundle[0].source)).toBe(true);
      expect(await contents(rerun)).toEqual(expected);
    } finally {
      await rerun.close();
    }
  });

  it('tells the warnings of a loaded source to a later hunt that does not read it again', async () => {
    const bad = path.join(__dirname, '..', 'fixtures', 'event-logs', 'bad.jsonl');
    const hunt = `p = GET process FROM file://${bad} WHERE pid > 0\nDISP p ATTR pid, name`;
    const first = await emptyStore();
    const loaded = await new Session({ store: first, connectors: defaultConnectors() }).execute(hunt, path.join(__dirname, 'hunt.hf'));
    await first.close();
    expect(loaded.warnings.length).toBeGreaterThan(0);
    const second = await Neo4jStore.connect(options!);
    try {
      const again = await new Session({ store: second, connectors: defaultConnectors() }).execute(hunt, path.join(__dirname, 'hunt.hf'));
      expect(again.warnings).toEqual(loaded.warnings);
      expect(again.outputs).toEqual(loaded.outputs);
    } finally {
      await second.close();
    }
  });

  const authOn = options?.password !== undefined;
  if (options && !authOn) console.log('Neo4j credential tests skipped: NEO4J_PASSWORD is not set (a server without authentication accepts any password)');
  (authOn ? it : it.skip)('refuses wrong credentials with E_GRAPH_STORE naming the URI, never the password', async () => {
    const bad = `${options!.password ?? ''}-wrong`;
    const connected = await Neo4jStore.connect({ ...options!, password: bad }).then(async (s) => {
      await s.close();
      return 'connected';
    }, (e: unknown) => e);
    expect(connected).toMatchObject({ code: 'E_GRAPH_STORE', message: expect.stringMatching(/refused the user name or password|refuses logins for a few seconds/) });
    expect(connected).toMatchObject({ message: expect.not.stringContaining(bad) });
  });

  (authOn ? it : it.skip)('with --neo4j-uri and no NEO4J_URI, logs in with NEO4J_USER and NEO4J_PASSWORD and uses NEO4J_DATABASE', async () => {
    const saved = { uri: process.env.NEO4J_URI, database: process.env.NEO4J_DATABASE };
    delete process.env.NEO4J_URI;
    try {
      const opened = await openStore({ backend: 'neo4j', neo4jUri: options!.uri });
      await opened.close();
      process.env.NEO4J_DATABASE = 'kestrel-no-such-database';
      await expect(openStore({ backend: 'neo4j', neo4jUri: options!.uri })).rejects.toMatchObject({ code: 'E_GRAPH_STORE', message: expect.stringContaining('"kestrel-no-such-database"') });
    } finally {
      process.env.NEO4J_URI = saved.uri;
      if (saved.database === undefined) delete process.env.NEO4J_DATABASE;
      else process.env.NEO4J_DATABASE = saved.database;
    }
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
