import * as path from 'node:path';
import { stixBundleConnector } from '../../connectors/stix-bundle';
import { MemoryStore } from '../../graph/memory-store';
import { planBatches, type Batch, type TypeState } from '../../graph/neo4j/batches';
import type { EntityState } from '../../graph/neo4j/entity-merge';
import { resolveNew } from '../../graph/neo4j/resolved';
import { ProcessInstances } from '../../graph/process-instances';
import { IdCache } from '../../graph/resolve';
import type { Observation } from '../../src/model/observation';

const FIXTURES = path.join(__dirname, '..', 'fixtures');

async function read(file: string): Promise<Observation[]> {
  const out: Observation[] = [];
  for await (const o of stixBundleConnector.read(file, { baseDir: FIXTURES })) out.push(o);
  return out;
}

function plan(observations: readonly Observation[], batchSize: number) {
  const resolved = resolveNew(observations, new ProcessInstances(3_600_000), new IdCache(), new Map()).fresh;
  const entities = new Map<string, EntityState>();
  const types = new Map<string, TypeState>();
  const batches = [...planBatches(resolved, entities, types, { entities: 0, records: 0, types: 0, edges: 0 }, batchSize)];
  return { resolved, entities, types, batches };
}

let observations: Observation[];
let memory: MemoryStore;
beforeAll(async () => {
  observations = await read('doctored-1k.json');
  memory = new MemoryStore();
  await memory.ingest(observations);
});

describe('Neo4j load batches', () => {
  it('cuts the records into batches of batchSize, each record with its own mentions', () => {
    const { batches } = plan(observations, 100);
    expect(batches.map((b) => b.records.length)).toEqual([...Array(Math.ceil(observations.length / 100))].map((_, i) => Math.min(100, observations.length - i * 100)));
    for (const b of batches) {
      const ids = new Set(b.records.map((r) => r.id));
      expect(b.mentions.every((m) => ids.has(m.record))).toBe(true);
    }
  });

  it('merges entities exactly as MemoryStore does (attributes, variants, types, mentions, edges)', async () => {
    const { entities, types, batches } = plan(observations, 97);
    for (const type of await memory.entityTypes()) {
      const ids = await memory.entityIds(type);
      for (const e of await memory.entities(ids)) {
        expect({ type: entities.get(e.id)?.type, attrs: entities.get(e.id)?.attrs, variants: entities.get(e.id)?.variants }).toEqual({ type: e.type, attrs: e.attrs, variants: e.variants });
      }
      expect([...types.get(type)!.attributes]).toEqual(await memory.attributeNames(type));
      expect([...types.get(type)!.edges]).toEqual(await memory.edgeNames(type));
    }
    expect(entities.size).toBe((await Promise.all((await memory.entityTypes()).map((t) => memory.entityIds(t)))).flat().length);
    const mentions = new Map<string, string[]>();
    for (const b of batches) for (const m of b.mentions) mentions.set(m.record, [...(mentions.get(m.record) ?? []), m.entity]);
    expect(mentions).toEqual(await memory.mentionedBy([...mentions.keys()]));
    expect(batches.reduce((n, b) => n + b.created, 0)).toBe(entities.size);
  });

  it('writes an entity in every batch that touches it, in its state after that batch, and each edge once', () => {
    const obs = (id: string, time: string, name: string | null, cmd: string): Observation => ({
      id, source: 's', firstObserved: time, numberObserved: 1,
      objects: [
        { key: '0', type: 'process', attrs: { pid: 1, name, x_unique_id: 'G', command_line: cmd, hashes: { 'SHA-256': cmd } }, refs: { parent_ref: '1' } },
        { key: '1', type: 'process', attrs: { pid: 2, x_unique_id: 'P' }, refs: {} },
      ],
    });
    const { batches } = plan([
      obs('r1', '2021-01-01T00:00:00Z', 'a.exe', 'a 1'),
      obs('r2', '2021-01-01T00:00:01Z', null, 'a 2'),
      obs('r3', '2021-01-01T00:00:02Z', 'a.exe', 'a 3'),
    ], 2);
    const child = (b: Batch) => b.entities.get('process')!.find((e) => e.pid === 1)!;
    expect(batches).toHaveLength(2);
    expect(JSON.parse(child(batches[0]).attrs)).toEqual({ pid: 1, name: 'a.exe', x_unique_id: 'G', command_line: 'a 2', hashes: { 'SHA-256': 'a 2' } });
    expect(JSON.parse(child(batches[0]).variants!)).toEqual({ command_line: ['a 1'] });
    expect(child(batches[1])).toMatchObject({ command_line: 'a 3', name: 'a.exe', seq: 0 });
    expect(JSON.parse(child(batches[1]).variants!)).toEqual({ command_line: ['a 1', 'a 2'] });
    expect(batches.map((b) => b.edges.get('parent_ref')?.length ?? 0)).toEqual([1, 0]);
    expect(batches.map((b) => b.created)).toEqual([2, 0]);
  });

  it('skips records already stored or repeated, and keeps the other sources that hold them', () => {
    const [a, b, c] = observations;
    const copy = { ...a, source: 'file:///copy.json' };
    const { fresh, alsoIn } = resolveNew([a, b, c, a, copy], new ProcessInstances(1), new IdCache(), new Map([[b.id, [b.source]], [c.id, ['file:///other.json']]]));
    expect(fresh.map((r) => r.record.id).sort()).toEqual([a.id].sort());
    expect(alsoIn).toEqual(expect.arrayContaining([{ id: c.id, source: c.source }, { id: a.id, source: 'file:///copy.json' }]));
    expect(alsoIn).toHaveLength(2);
  });
});
