/**
 * One suite for every GraphStore: the same observations go into the store under test and into a MemoryStore,
 * and every lookup must answer the same (ids, order, attributes); then every sample huntflow runs on the store
 * and must give the embedded store's summary and tables.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { eventLogConnector } from '../../connectors/event-logs';
import { stixBundleConnector } from '../../connectors/stix-bundle';
import type { GraphStore, RecordScope } from '../../graph/graph-store';
import { MemoryStore } from '../../graph/memory-store';
import { walkProcessTree, type WalkOptions } from '../../graph/provenance';
import type { BlockResult } from '../../src/engine/session';
import type { AttrValue, Observation, ObservedObject } from '../../src/model/observation';
import { runSample, summary } from '../../samples/sample-run';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const SAMPLES = path.join(__dirname, '..', '..', 'samples');

/** Every huntflow of every sample folder. */
/** Samples whose log is written while `--follow` runs the hunt: their own tests replay it. */
const LIVE_SAMPLES = new Set(['live-lsass-dump']);

const SAMPLE_HUNTS: [string, string][] = fs.readdirSync(SAMPLES, { withFileTypes: true })
  .filter((d) => d.isDirectory() && !LIVE_SAMPLES.has(d.name))
  .flatMap((d) => fs.readdirSync(path.join(SAMPLES, d.name)).filter((f) => f.endsWith('.hf')).map((f) => [d.name, f] as [string, string]));

async function read(file: string): Promise<Observation[]> {
  const out: Observation[] = [];
  for await (const o of stixBundleConnector.read(file, { baseDir: FIXTURES })) out.push(o);
  return out;
}

async function allIds(store: GraphStore): Promise<string[]> {
  return (await Promise.all((await store.entityTypes()).map((t) => store.entityIds(t)))).flat();
}

/** A process tree with GUIDs: `parent` by name, `created` in minutes; a cycle when two name each other. */
function forest(procs: { name: string; pid: number; created?: number; parent?: string }[]): Observation[] {
  const byName = new Map(procs.map((p) => [p.name, p]));
  const attrs = (p: { name: string; pid: number; created?: number }) => ({
    pid: p.pid, name: p.name, x_unique_id: `{guid-${p.name}}`,
    ...(p.created === undefined ? {} : { created: new Date(Date.UTC(2021, 0, 1, 0, p.created)).toISOString() }),
  });
  return procs.map((p, i) => {
    const objects: ObservedObject[] = [{ key: '0', type: 'process', attrs: attrs(p), refs: {} }];
    if (p.parent) {
      objects.push({ key: '1', type: 'process', attrs: attrs(byName.get(p.parent)!), refs: {} });
      objects[0].refs.parent_ref = '1';
    }
    return { id: `forest-${i}`, source: 'forest', firstObserved: '2021-01-01T00:00:00Z', numberObserved: 1, objects };
  });
}

const TREE = forest([
  { name: 'System', pid: 4 },
  { name: 'smss.exe', pid: 300, created: 1, parent: 'System' },
  { name: 'services.exe', pid: 600, created: 2, parent: 'System' },
  { name: 'csrss.exe', pid: 400, created: 5, parent: 'smss.exe' },
  { name: 'winlogon.exe', pid: 500, created: 3, parent: 'smss.exe' },
  { name: 'svchost.exe', pid: 700, created: 4, parent: 'services.exe' },
  { name: 'explorer.exe', pid: 900, created: 11, parent: 'winlogon.exe' },
  { name: 'cmd.exe', pid: 1000, created: 60, parent: 'explorer.exe' },
  { name: 'notepad.exe', pid: 1100, parent: 'explorer.exe' },
  { name: 'powershell.exe', pid: 1200, created: 30, parent: 'explorer.exe' },
  { name: 'updater.exe', pid: 2000, created: 0 },
  { name: 'tool.exe', pid: 2100, created: 20, parent: 'updater.exe' },
  { name: 'loop-a', pid: 3000, parent: 'loop-b' },
  { name: 'loop-b', pid: 3001, parent: 'loop-a' },
]);

/** DISP tables as sorted rows: the stores must find the same rows, whichever order a table does not fix. */
function tables(r: BlockResult): unknown[] {
  return r.outputs.flatMap((o) => (o.kind === 'disp' ? [{ variable: o.variable, columns: o.columns, rows: o.rows.map((x) => JSON.stringify(x)).sort() }] : []));
}

export function describeStoreConformance(name: string, makeStore: () => Promise<GraphStore>, describeOrSkip: jest.Describe = describe): void {
  describeOrSkip(`GraphStore conformance: ${name}`, () => {
    const opened: GraphStore[] = [];
    let bundle: Observation[];
    let reference: MemoryStore;

    const fresh = async (observations?: readonly Observation[]) => {
      const store = await makeStore();
      opened.push(store);
      if (observations) await store.ingest(observations);
      return store;
    };

    beforeAll(async () => {
      bundle = await read('doctored-1k.json');
      reference = new MemoryStore();
      await reference.ingest(bundle);
    });

    afterEach(async () => {
      for (const s of opened.splice(0)) await (s as { close?: () => Promise<void> }).close?.();
    });

    it('loads a bundle: the same counts, types, and ids of each type in first-seen order', async () => {
      const store = await fresh();
      expect(await store.ingest(bundle)).toEqual(await new MemoryStore().ingest(bundle));
      expect(await store.entityTypes()).toEqual(await reference.entityTypes());
      for (const type of await reference.entityTypes()) expect(await store.entityIds(type)).toEqual(await reference.entityIds(type));
    });

    it('loads records once: loading them again adds nothing', async () => {
      const store = await fresh(bundle);
      expect(await store.ingest(bundle)).toEqual({ records: 0, entities: 0, edges: 0 });
      expect(await allIds(store)).toEqual(await allIds(reference));
    });

    it('keeps every source a record was read from: a copy under another name answers as the original', async () => {
      const copy = bundle.map((o) => ({ ...o, source: 'file:///copy.json' }));
      const store = await fresh(bundle);
      expect(await store.ingest(copy)).toEqual({ records: 0, entities: 0, edges: 0 });
      const original = { sources: [bundle[0].source] };
      const procs = await reference.entityIds('process', original);
      expect(procs.length).toBeGreaterThan(0);
      expect(await store.entityIds('process', { sources: ['file:///copy.json'] })).toEqual(procs);
      expect(await store.recordsOf(procs, { sources: ['file:///copy.json'] })).toEqual(await reference.recordsOf(procs, original));
      expect(await store.hasSource('file:///copy.json')).toBe(true);
      expect((await store.records([bundle[0].id]))[0].sources).toEqual([bundle[0].source, 'file:///copy.json']);
    });

    it('lists the entities of a scope in the order its own records first mention them, whatever else is stored', async () => {
      const sighting = (id: string, source: string, names: string[]): Observation => ({
        id, source, firstObserved: '2021-01-01T00:00:00Z', numberObserved: 1,
        objects: names.map((value, i) => ({ key: String(i), type: 'domain-name', attrs: { value }, refs: {} })),
      });
      const only = [sighting('b1', 'file:///b.json', ['y.example', 'x.example'])];
      const store = await fresh([sighting('a1', 'file:///a.json', ['x.example', 'y.example', 'z.example'])]);
      await store.ingest(only);
      const alone = new MemoryStore();
      await alone.ingest(only);
      expect(await store.entityIds('domain-name', { sources: ['file:///b.json'] })).toEqual(await alone.entityIds('domain-name', { sources: ['file:///b.json'] }));
      expect(await store.entityIds('domain-name', { sources: ['file:///b.json', 'file:///a.json'] })).toHaveLength(3);
    });

    it('merges identities: every entity with the same attributes and variants', async () => {
      const store = await fresh(bundle);
      const ids = await allIds(reference);
      expect(await store.entities(ids)).toEqual(await reference.entities(ids));
      expect(await store.entities(['no-such-id', ids[0], ids[0]])).toEqual(await reference.entities(['no-such-id', ids[0], ids[0]]));
    });

    it('keeps nested attributes, lists and disagreeing values exactly, across loads', async () => {
      const obs = (id: string, time: string, extra: Record<string, unknown>): Observation => ({
        id, source: 'nested', firstObserved: time, numberObserved: 2,
        objects: [{ key: '0', type: 'file', attrs: { name: 'a.txt', hashes: { 'SHA-256': 'ab', MD5: 'cd' }, ...extra } as ObservedObject['attrs'], refs: {} }],
      });
      const first = [obs('n1', '2021-01-01T00:00:00Z', { size: 1, tags: ['x', { y: [1, 2] }], hidden: false, constructor: 'c' })];
      const second = [obs('n2', '2021-01-01T00:01:00Z', { size: 2, tags: null, hidden: true, name: 'b.txt' }), obs('n3', '2021-01-01T00:02:00Z', { size: 1 })];
      const store = await fresh(first);
      const memory = new MemoryStore();
      await memory.ingest(first);
      expect(await store.ingest(second)).toEqual(await memory.ingest(second));
      const ids = await memory.entityIds('file');
      expect(await store.entities(ids)).toEqual(await memory.entities(ids));
      expect(await store.attributeNames('file')).toEqual(await memory.attributeNames('file'));
    });

    it('follows every edge name in both directions, in the same order', async () => {
      const store = await fresh(bundle);
      for (const type of await reference.entityTypes()) {
        const ids = await reference.entityIds(type);
        for (const edge of await reference.edgeNames(type)) {
          expect(await store.neighbors(ids, edge, 'out')).toEqual(await reference.neighbors(ids, edge, 'out'));
        }
      }
      const addresses = await reference.entityIds('ipv4-addr');
      for (const edge of ['src_ref', 'dst_ref']) expect(await store.neighbors(addresses, edge, 'in')).toEqual(await reference.neighbors(addresses, edge, 'in'));
      expect(await store.neighbors(['no-such-id'], 'parent_ref', 'out')).toEqual(new Map());
    });

    it('answers recordsOf and entityIds within record scopes', async () => {
      const store = await fresh(bundle);
      const procs = await reference.entityIds('process');
      const records = await reference.records([...new Set([...(await reference.recordsOf(procs)).values()].flat())]);
      const times = records.map((r) => r.firstObserved!).sort((a, b) => a - b);
      const scopes: (RecordScope | undefined)[] = [
        undefined, {}, { sources: [bundle[0].source] }, { sources: ['nowhere'] },
        { start: times[Math.floor(times.length / 3)], stop: times[Math.floor((2 * times.length) / 3)] },
        { records: new Set(records.slice(0, 25).map((r) => r.id)) },
        { sources: [bundle[0].source], start: times[10], records: new Set(records.slice(0, 200).map((r) => r.id)) },
      ];
      for (const scope of scopes) {
        expect(await store.recordsOf(procs, scope)).toEqual(await reference.recordsOf(procs, scope));
        expect(await store.entityIds('process', scope)).toEqual(await reference.entityIds('process', scope));
        expect(await store.entityIds('network-traffic', scope)).toEqual(await reference.entityIds('network-traffic', scope));
      }
    });

    it('reads records and what each mentions', async () => {
      const store = await fresh(bundle);
      const ids = [...bundle.slice(0, 50).map((o) => o.id), 'no-such-record'];
      expect(await store.records(ids)).toEqual(await reference.records(ids));
      for (const type of [undefined, 'process', 'ipv4-addr', 'no-such-type']) {
        expect(await store.mentionedBy(ids, type)).toEqual(await reference.mentionedBy(ids, type));
      }
    });

    it('lists attribute and edge names per type, and the sources it holds', async () => {
      const store = await fresh(bundle);
      for (const type of [...(await reference.entityTypes()), 'no-such-type']) {
        expect(await store.attributeNames(type)).toEqual(await reference.attributeNames(type));
        expect(await store.edgeNames(type)).toEqual(await reference.edgeNames(type));
      }
      expect(await store.hasSource(bundle[0].source)).toBe(true);
      expect(await store.hasSource('file:///nowhere.json')).toBe(false);
    });

    it('sets attributes of existing entities and ignores unknown ids', async () => {
      const store = await fresh(bundle);
      const memory = new MemoryStore();
      await memory.ingest(bundle);
      const [a, b] = await memory.entityIds('process');
      const updates = new Map<string, Record<string, AttrValue>>([
        [a, { x_score: 0.5, name: 'renamed.exe', x_tags: ['t', { n: 1 }] }],
        [b, { x_score: null, command_line: 'x'.repeat(5000) }],
        ['no-such-id', { x_score: 1 }],
      ]);
      await store.setAttributes(updates);
      await memory.setAttributes(updates);
      expect(await store.entities([a, b])).toEqual(await memory.entities([a, b]));
      expect(await store.attributeNames('process')).toEqual(await memory.attributeNames('process'));
    });

    it('keeps what a creation event said about a process, and splits a GUID reused by another image', async () => {
      const observations: Observation[] = [];
      for await (const o of eventLogConnector.read('guid-reuse.jsonl', { baseDir: path.join(FIXTURES, 'event-logs') })) observations.push(o);
      const store = await fresh(observations);
      const memory = new MemoryStore();
      await memory.ingest(observations);
      const procs = await memory.entityIds('process');
      expect(await store.entityIds('process')).toEqual(procs);
      expect(await store.entities(procs)).toEqual(await memory.entities(procs));
      for (const edge of ['binary_ref', 'parent_ref']) expect(await store.neighbors(procs, edge, 'out')).toEqual(await memory.neighbors(procs, edge, 'out'));
      const reused = (await store.entities(procs)).filter((p) => p.attrs.pid === 8444);
      expect(reused.map((p) => p.attrs.name)).toEqual(['cscript.exe', 'cmd.exe']);
    });

    it('walks process trees as the level-by-level walk does', async () => {
      const store = await fresh(TREE);
      const memory = new MemoryStore();
      await memory.ingest(TREE);
      const byName = new Map((await memory.entities(await memory.entityIds('process'))).map((e) => [e.attrs.name as string, e.id]));
      const cases: [string[], WalkOptions][] = [
        [['System'], { direction: 'down' }],
        [['System'], { direction: 'down', maxDepth: 2 }],
        [['System', 'explorer.exe'], { direction: 'down', minDepth: 0 }],
        [['System'], { direction: 'down', maxNodes: 4 }],
        [['cmd.exe', 'tool.exe'], { direction: 'up' }],
        [['cmd.exe'], { direction: 'up', maxDepth: 1 }],
        [['loop-a'], { direction: 'up' }],
        [['loop-b'], { direction: 'down', minDepth: 0 }],
      ];
      for (const [start, options] of cases) {
        const ids = start.map((n) => byName.get(n)!);
        expect(await walkProcessTree(store, ids, options)).toEqual(await walkProcessTree(memory, ids, options));
      }
    });

    it('answers a hunt as a store holding only the hunt\'s sources does, whatever else it holds', async () => {
      // Another file with the same entities in records of its own, in another order, loaded first.
      const dir = path.join(SAMPLES, 'forward-tracking-sysmon');
      const elsewhere: Observation[] = [];
      for await (const o of eventLogConnector.read('psh_lsass_memory_dump_comsvcs.json', { baseDir: path.join(dir, 'data') })) {
        elsewhere.unshift({ ...o, id: `${o.id}-elsewhere`, source: 'file:///elsewhere.json' });
      }
      const expected = await runSample(dir);
      const got = await runSample(dir, 'hunt.hf', await fresh(elsewhere));
      expect(summary(got)).toEqual(summary(expected));
      expect(got.outputs.filter((o) => o.kind === 'disp')).toEqual(expected.outputs.filter((o) => o.kind === 'disp'));
      expect(got.warnings).toEqual(expected.warnings);
    });

    describe('sample huntflows', () => {
      it.each(SAMPLE_HUNTS)('%s/%s gives the embedded store\'s summary and tables', async (folder, huntflow) => {
        const dir = path.join(SAMPLES, folder);
        const expected = await runSample(dir, huntflow);
        const got = await runSample(dir, huntflow, await fresh());
        expect(summary(got)).toEqual(summary(expected));
        expect(tables(got)).toEqual(tables(expected));
      });
    });
  });
}
