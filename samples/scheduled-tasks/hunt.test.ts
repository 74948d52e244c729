import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultConnectors } from '../../connectors/registry';
import { MemoryStore } from '../../graph/memory-store';
import { Session } from '../../src/engine/session';
import { columnOf, runSample, savedFiles, summary } from '../sample-run';

describe('sample: scheduled tasks on doctored-1k', () => {
  it('walks svchost -> scheduler -> taskeng -> the task it launched', async () => {
    const r = await runSample(__dirname);
    expect(summary(r)).toEqual({
      svchost: [5, 704],
      scheduler: [1, 106],
      taskeng: [1, 2],
      tasks: [1, 1],
      nt: [0, 0],
      binaries: [1, 1],
      chain: [3, 107],
    });
    expect(columnOf(r, 'tasks', 'name')).toEqual(['GoogleUpdate.exe']);
    expect(columnOf(r, 'tasks', 'pid')).toEqual([13044]);
    expect(columnOf(r, 'tasks', 'parent_ref.name')).toEqual(['taskeng.exe']);
    expect(columnOf(r, 'binaries', 'parent_directory_ref.path')).toEqual(['C:\\Program Files (x86)\\Google\\Update']);
    expect(columnOf(r, 'binaries', 'hashes.MD5')).toEqual(['82f657b0aee67a6a560321cf0927f9f7']);
  });

  it('writes the chain scheduler -> taskeng -> task as a view and as GraphML', async () => {
    const saved = savedFiles(await runSample(__dirname));
    expect(saved.get('chain.graphml')).toMatchObject({ rows: 3, edges: 2 });
    const graphml = fs.readFileSync(saved.get('chain.graphml')!.file, 'utf8');
    for (const name of ['svchost.exe', 'taskeng.exe', 'GoogleUpdate.exe']) expect(graphml).toContain(name);
    const html = fs.readFileSync(saved.get('chain.html')!.file, 'utf8');
    expect(html).toContain('GoogleUpdate.exe [13044]');
    expect(html).toContain("default-src 'none'");
  });
});

describe('sample: scheduled tasks through a data-source profile', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('runs the huntbook unchanged with FROM stixshifter://host101 and Kestrel STIXSHIFTER_* variables', async () => {
    process.env.STIXSHIFTER_HOST101_CONNECTOR = 'stix_bundle';
    process.env.STIXSHIFTER_HOST101_CONNECTION = JSON.stringify({ host: path.join(__dirname, 'data', 'doctored-1k.json') });
    process.env.STIXSHIFTER_HOST101_CONFIG = JSON.stringify({ auth: {} });
    const hunt = fs.readFileSync(path.join(__dirname, 'hunt.hf'), 'utf8').replace('file://data/doctored-1k.json', 'stixshifter://host101');
    expect(hunt).toContain('FROM stixshifter://host101');
    const session = new Session({ store: new MemoryStore(), connectors: defaultConnectors() });
    const r = await session.execute(hunt, path.join(os.tmpdir(), 'huntbook.hf'));
    expect(r.errors).toEqual([]);
    expect(summary(r)).toMatchObject({ svchost: [5, 704], scheduler: [1, 106], taskeng: [1, 2], tasks: [1, 1] });
  });
});
