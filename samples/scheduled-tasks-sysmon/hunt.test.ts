import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultConnectors } from '../../connectors/registry';
import { MemoryStore } from '../../graph/memory-store';
import { Session } from '../../src/engine/session';
import { columnOf, runSample, summary } from '../sample-run';

const TASK_TREE = 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Schedule\\TaskCache\\Tree\\Microsoft\\Windows\\SoftwareProtectionPlatform\\EventCacheManager';

describe('sample: scheduled tasks on Sysmon and Security logs (OTRF schtask_create)', () => {
  it('walks schtasks.exe up to PowerShell and over RPC to the Task Scheduler on the other host', async () => {
    const r = await runSample(__dirname);
    expect(summary(r)).toEqual({
      tasks: [1, 57],
      launcher: [1, 25],
      shell: [1, 16],
      rpc: [2, 4],
      remote: [2, 23],
      keys: [15, 15],
      task: [4, 4],
    });
    expect(columnOf(r, 'tasks', 'pid')).toEqual([8920]);
    expect(columnOf(r, 'tasks', 'parent_ref.name')).toEqual(['cmd.exe']);
    expect(String(columnOf(r, 'tasks', 'command_line')[0])).toContain('/S WORKSTATION6');
    expect(columnOf(r, 'shell', 'name')).toEqual(['powershell.exe']);
    expect(columnOf(r, 'rpc', 'dst_port')).toEqual([135, 49671]);
    expect(columnOf(r, 'rpc', 'dst_ref.value')).toEqual(['172.18.39.6', '172.18.39.6']);
    expect(columnOf(r, 'remote', 'pid')).toEqual([984, 2220]);
    expect(columnOf(r, 'task', 'key')).toContain(TASK_TREE);
  });

  it('sees schtasks.exe in Sysmon and Security events as one process', async () => {
    const file = path.join(__dirname, 'hunt.hf');
    const session = new Session({ store: new MemoryStore(), connectors: defaultConnectors() });
    await session.execute(fs.readFileSync(file, 'utf8'), file);
    const r = await session.execute('events = FIND x-oca-event LINKED tasks\nDISP events ATTR code', file);
    expect(r.errors).toEqual([]);
    const codes = new Set(columnOf(r, 'events', 'code'));
    // process creation (Sysmon 1 with its GUID, Security 4688 with hex pid 0x22d8) and the RPC connections
    // Sysmon logged without a GUID after the process had exited (Sysmon 3, "<unknown process>")
    expect([1, 3, 4688].every((c) => codes.has(c))).toBe(true);
  });
});

describe('sample: the seed huntbook over an elastic_ecs profile that points at an ECS export', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('runs `GET process FROM stixshifter://host101` unchanged on the winlogbeat-shaped copy of the same logs', async () => {
    process.env.KESTREL_STIXSHIFTER_CONFIG = path.join(__dirname, 'no-profiles-file.yaml');
    process.env.STIXSHIFTER_HOST101_CONNECTOR = 'elastic_ecs';
    process.env.STIXSHIFTER_HOST101_CONNECTION = JSON.stringify({ host: path.join(__dirname, 'data', 'schtask_create.ecs.ndjson'), port: 9200, indices: 'host101' });
    process.env.STIXSHIFTER_HOST101_CONFIG = JSON.stringify({ auth: { id: 'VuaCfGcBCdbkQm-e5aOx', api_key: 'ui2lp2axTNmsyakw9tvNnw' } });
    const file = path.join(__dirname, 'hunt.hf');
    const hunt = fs.readFileSync(file, 'utf8').replaceAll('file://data/schtask_create.json', 'stixshifter://host101');
    const session = new Session({ store: new MemoryStore(), connectors: defaultConnectors() });
    const r = await session.execute(hunt, file);
    expect(r.errors).toEqual([]);
    expect(columnOf(r, 'tasks', 'pid')).toEqual([8920]);
    expect(columnOf(r, 'shell', 'name')).toEqual(['powershell.exe']);
    expect(columnOf(r, 'rpc', 'dst_port')).toEqual([135, 49671]);
    expect(columnOf(r, 'remote', 'pid')).toEqual([984, 2220]);
    expect(columnOf(r, 'task', 'key')).toContain(TASK_TREE);
  });
});
