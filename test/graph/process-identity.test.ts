import * as path from 'node:path';
import { eventLogConnector } from '../../connectors/event-logs';
import { MemoryStore } from '../../graph/memory-store';
import type { Observation } from '../../src/model/observation';

const DIR = path.join(__dirname, '..', 'fixtures', 'event-logs');

async function ingest(...files: string[]): Promise<MemoryStore> {
  const store = new MemoryStore();
  const obs: Observation[] = [];
  for (const f of files) for await (const o of eventLogConnector.read(f, { baseDir: DIR })) obs.push(o);
  await store.ingest(obs);
  return store;
}

async function processesWithPid(store: MemoryStore, pid: number) {
  return (await store.entities(await store.entityIds('process'))).filter((p) => p.attrs.pid === pid);
}

describe('process identity across Sysmon and Security events', () => {
  it.each(['schtask_create.json', 'schtask_create.ecs.ndjson'])(
    'makes Sysmon 1 and Security 4688 of dumpcap.exe (pid 6328 = 0x18b8) one process (%s)',
    async (file) => {
      const store = await ingest(file);
      const [dumpcap, ...others] = await processesWithPid(store, 6328);
      expect(others).toEqual([]);
      expect(dumpcap.attrs).toMatchObject({ x_unique_id: '{67e11d8c-eb43-5fdd-1b97-000000000700}', name: 'dumpcap.exe' });
      const records = (await store.recordsOf([dumpcap.id])).get(dumpcap.id)!;
      const mentionedBy4688 = await store.mentionedBy(records);
      expect(records.length).toBeGreaterThanOrEqual(2);
      expect([...mentionedBy4688.values()].every((ids) => ids.includes(dumpcap.id))).toBe(true);
      const parents = (await store.neighbors([dumpcap.id], 'parent_ref', 'out')).get(dumpcap.id)!;
      expect(parents).toHaveLength(1);
      const [parent] = await store.entities(parents);
      expect(parent.attrs).toMatchObject({ pid: 7744, name: 'Wireshark.exe', x_unique_id: '{67e11d8c-95d0-5fdc-e086-000000000700}' });
    },
  );

  it('keeps two GUIDs with one pid two processes, and joins each 4688 to the nearer one', async () => {
    const store = await ingest('pid-reuse.jsonl');
    const procs = await processesWithPid(store, 6328);
    expect(procs.map((p) => p.attrs.x_unique_id).sort()).toEqual([
      '{67e11d8c-eb43-5fdd-1b97-000000000700}',
      '{67e11d8c-ef00-5fdd-aa97-000000000700}',
    ]);
    const records = await store.recordsOf(procs.map((p) => p.id));
    for (const p of procs) expect(records.get(p.id)).toHaveLength(2);
  });
});
