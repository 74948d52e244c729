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

describe('a process is what its creation event says', () => {
  /** The one process the binary_ref, parent_ref (out) or child (in) edge leads to, with its name. */
  async function one(store: MemoryStore, id: string, edge: string, direction: 'out' | 'in' = 'out') {
    const ids = (await store.neighbors([id], edge, direction)).get(id) ?? [];
    expect(ids).toHaveLength(1);
    return (await store.entities(ids))[0];
  }

  it('splits a GUID that Sysmon reused for another image after a creation event into two processes', async () => {
    const store = await ingest('guid-reuse.jsonl');
    const procs = await processesWithPid(store, 8444);
    expect(procs.map((p) => [p.attrs.x_unique_id, p.attrs.name])).toEqual([
      ['{67e11d8c-eb52-5fdd-1d97-000000000700}', 'cscript.exe'],
      ['{67e11d8c-eb52-5fdd-1d97-000000000700}', 'cmd.exe'],
    ]);
    const [cscript, cmd] = procs;
    expect(cscript.attrs.command_line).toMatch(/^"C:\\windows\\system32\\cscript\.exe" \/nologo/);
    expect(cmd.attrs.command_line).toMatch(/^"C:\\Windows\\system32\\cmd\.exe" \/C schtasks/);
    expect(cscript.variants).toBeUndefined();
    expect(cmd.variants).toBeUndefined();
    expect((await one(store, cscript.id, 'binary_ref')).attrs.name).toBe('cscript.exe');
    expect((await one(store, cmd.id, 'binary_ref')).attrs.name).toBe('cmd.exe');
    expect((await one(store, cscript.id, 'parent_ref', 'in')).attrs.name).toBe('conhost.exe');
    expect((await one(store, cmd.id, 'parent_ref', 'in')).attrs.name).toBe('schtasks.exe');
    const records = await store.recordsOf([cscript.id, cmd.id]);
    // cscript: its Sysmon 1, 7, 12, 5 and conhost's Sysmon 1; cmd: its Sysmon 1, 7, 10, 5, 13 and schtasks's Sysmon 1
    expect([records.get(cscript.id)!.length, records.get(cmd.id)!.length]).toEqual([5, 6]);
    const again = await ingest('guid-reuse.jsonl');
    expect((await processesWithPid(again, 8444)).map((p) => p.id)).toEqual([cscript.id, cmd.id]);
  });

  it('takes created from the Sysmon 1 over the Security 4688, in one load or loaded after it', async () => {
    const obs: Observation[] = [];
    for await (const o of eventLogConnector.read('pid-reuse.jsonl', { baseDir: DIR })) obs.push(o);
    const [security, sysmon] = obs.slice(0, 2);
    for (const loads of [[[security, sysmon]], [[sysmon, security]], [[sysmon], [security]]]) {
      const store = new MemoryStore();
      for (const load of loads) await store.ingest(load);
      const procs = await processesWithPid(store, 6328);
      expect(procs.map((p) => p.attrs.created)).toEqual(['2020-12-19T12:00:03.821Z']);
    }
  });

  it.each(['schtask_create.json', 'schtask_create.ecs.ndjson'])(
    'keeps the image of the Sysmon 1 when a Security event names the binary by its device path (%s)',
    async (file) => {
      const store = await ingest(file);
      const [schtasks] = await processesWithPid(store, 8920);
      expect(schtasks.attrs.name).toBe('schtasks.exe');
      const binary = await one(store, schtasks.id, 'binary_ref');
      expect(String((binary.attrs.hashes as Record<string, unknown>).MD5).toUpperCase()).toBe('A50ADB3775DB1BF3BC77CC598F68B57D');
      expect((await one(store, binary.id, 'parent_directory_ref')).attrs.path).toMatch(/^C:\\windows\\system32$/i);
    },
  );
});
