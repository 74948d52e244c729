import * as path from 'node:path';
import { stixBundleConnector } from '../../connectors/stix-bundle';
import { MemoryStore } from '../../graph/memory-store';
import { timeOf } from '../../graph/resolve';
import type { Observation, ObservedObject } from '../../src/model/observation';

const FIXTURES = path.join(__dirname, '..', 'fixtures');

async function read(file: string): Promise<Observation[]> {
  const out: Observation[] = [];
  for await (const o of stixBundleConnector.read(file, { baseDir: FIXTURES })) out.push(o);
  return out;
}

function proc(id: string, source: string, time: string, pid: number, name: string, extra: Record<string, unknown> = {}): Observation {
  return {
    id, source, firstObserved: time, lastObserved: time, numberObserved: 1,
    objects: [{ key: '0', type: 'process', attrs: { pid, name, ...extra }, refs: {} }],
  };
}

describe('MemoryStore identity', () => {
  it('gives the same ids for the same input, in a fresh store', async () => {
    const obs = await read('doctored-1k.json');
    const a = new MemoryStore();
    const b = new MemoryStore();
    await a.ingest(obs);
    await b.ingest(obs);
    expect(await a.entityIds('process')).toEqual(await b.entityIds('process'));
    expect(await a.entityIds('network-traffic')).toEqual(await b.entityIds('network-traffic'));
  });

  it('merges one process seen in many records and keeps records linked', async () => {
    const store = new MemoryStore();
    await store.ingest(await read('doctored-1k.json'));
    const procs = await store.entities(await store.entityIds('process'));
    const svchost1380 = procs.filter((p) => p.attrs.pid === 1380 && p.attrs.name === 'svchost.exe');
    expect(svchost1380).toHaveLength(1);
    const records = (await store.recordsOf([svchost1380[0].id])).get(svchost1380[0].id)!;
    expect(records.length).toBeGreaterThan(100);
    expect(svchost1380[0].attrs.command_line).toBe('C:\\Windows\\system32\\svchost.exe -k netsvcs');
  });

  it('splits a reused pid: a long silence or another image is another process', async () => {
    const store = new MemoryStore();
    await store.ingest([
      proc('r1', 'src', '2021-01-01T00:00:00Z', 42, 'cmd.exe'),
      proc('r2', 'src', '2021-01-01T00:30:00Z', 42, 'cmd.exe'),
      proc('r3', 'src', '2021-01-01T09:00:00Z', 42, 'cmd.exe'),
      proc('r4', 'src', '2021-01-01T00:31:00Z', 42, 'notepad.exe'),
    ]);
    const ids = await store.entityIds('process');
    expect(ids).toHaveLength(3);
    const byRecord = await store.mentionedBy(['r1', 'r2', 'r3', 'r4']);
    expect(byRecord.get('r1')).toEqual(byRecord.get('r2'));
    expect(byRecord.get('r3')).not.toEqual(byRecord.get('r1'));
    expect(byRecord.get('r4')).not.toEqual(byRecord.get('r2'));
  });

  it('uses a GUID over the pid, and ignores all-zero GUIDs', async () => {
    const store = new MemoryStore();
    const zero = '{00000000-0000-0000-0000-000000000000}';
    await store.ingest([
      proc('r1', 'src', '2021-01-01T00:00:00Z', 7, 'a.exe', { x_unique_id: 'G1' }),
      proc('r2', 'src', '2021-01-01T00:00:01Z', 7, 'a.exe', { x_unique_id: 'G2' }),
      proc('r3', 'src', '2021-01-01T00:00:02Z', 9, 'b.exe', { x_unique_id: zero }),
      proc('r4', 'src', '2021-01-01T00:00:03Z', 9, 'b.exe', { x_unique_id: zero }),
    ]);
    expect(await store.entityIds('process')).toHaveLength(3);
  });

  it('deduplicates network traffic by its endpoints, ports and protocols (C14: 203 records, 193 entities)', async () => {
    const store = new MemoryStore();
    await store.ingest(await read('doctored-1k.json'));
    const localSrc = await store.entityIds('ipv4-addr');
    const local = (await store.entities(localSrc)).find((e) => e.attrs.value === '127.0.0.1')!;
    const traffic = (await store.neighbors([local.id], 'src_ref', 'in')).get(local.id)!;
    expect(traffic).toHaveLength(193);
    const records = new Set([...(await store.recordsOf(traffic)).values()].flat());
    expect(records.size).toBe(203);
  });

  it('turns refs into typed edges, including refs no relation names', async () => {
    const store = new MemoryStore();
    await store.ingest([{
      id: 'r', source: 's', numberObserved: 1,
      objects: [
        { key: '0', type: 'process', attrs: { pid: 1, name: 'a' }, refs: { parent_ref: '1', x_odd_ref: '2' } },
        { key: '1', type: 'process', attrs: { pid: 2, name: 'b' }, refs: {} },
        { key: '2', type: 'x-thing', attrs: { v: 1 }, refs: {} },
      ],
    }]);
    expect(await store.edgeNames('process')).toEqual(['parent_ref', 'x_odd_ref']);
    const [child] = (await store.entities(await store.entityIds('process'))).filter((e) => e.attrs.pid === 1);
    const odd = (await store.neighbors([child.id], 'x_odd_ref', 'out')).get(child.id)!;
    expect((await store.entities(odd))[0].type).toBe('x-thing');
  });

  it('links a large record as a small one (a parent chain of 3 and of 300 processes)', async () => {
    const chain = async (n: number) => {
      const store = new MemoryStore();
      const objects = Array.from({ length: n }, (_, i): ObservedObject => ({
        key: String(n - 1 - i), type: 'process', attrs: { pid: n - i, name: 'p.exe' }, refs: i < n - 1 ? { parent_ref: String(n - 2 - i) } : {},
      }));
      await store.ingest([{ id: 'r', source: 's', numberObserved: 1, objects }]);
      const ids = await store.entityIds('process');
      const parents = await store.neighbors(ids, 'parent_ref', 'out');
      const pid = new Map((await store.entities(ids)).map((e) => [e.id, e.attrs.pid]));
      return { ids: ids.length, edges: [...parents].map(([c, [p]]) => [pid.get(c), pid.get(p)]), mentioned: (await store.mentionedBy(['r'])).get('r')!.length };
    };
    expect(await chain(3)).toEqual({ ids: 3, edges: [[3, 2], [2, 1]], mentioned: 3 });
    const large = await chain(300);
    expect(large.ids).toBe(300);
    expect(large.mentioned).toBe(300);
    expect(large.edges).toEqual(Array.from({ length: 299 }, (_, i) => [300 - i, 299 - i]));
  });
});

describe('timeOf', () => {
  it('reads UTC timestamps with any fraction exactly as Date.parse does', () => {
    for (const iso of ['2019-11-16T12:55:28.101Z', '2020-06-30T19:25:09.447726Z', '2023-11-18T00:07:44.83943173Z', '2021-04-03T00:00:00Z', '2021-04-03T00:00:00.5Z']) {
      expect(timeOf(iso)).toBe(Date.parse(iso));
    }
    expect(timeOf('2021-04-03T02:00:00+02:00')).toBe(Date.parse('2021-04-03T00:00:00Z'));
    expect(timeOf('not a time')).toBeUndefined();
  });
});
