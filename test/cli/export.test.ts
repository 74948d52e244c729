/** `kestrel export HUNT.hf --format F [VAR…]`: the graph behind a hunt's variables, written for other tools. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixture, huntflowDir, kestrel } from './run-cli';

const dir = huntflowDir();
afterAll(dir.cleanup);

const HUNT = [
  `tasks = GET process FROM file://${fixture('event-logs/schtask_create.json')} WHERE name = 'schtasks.exe'`,
  'shell = FIND process CREATED tasks DEPTH 2..2',
  'rpc = FIND network-traffic CREATED BY tasks',
].join('\n');

describe('kestrel export', () => {
  it('writes GraphML next to the huntflow with the variables, the ancestry between them and their connections', async () => {
    const hf = dir.write('remote-task.hf', HUNT);
    const { code, stdout } = await kestrel(['export', hf, 'tasks', 'shell', 'rpc', '--format', 'graphml']);
    expect(code).toBe(0);
    const out = path.join(path.dirname(hf), 'remote-task.graphml');
    expect(stdout).toContain(`${out}: `);
    expect(stdout).toContain('5 nodes, 4 edges');
    const xml = fs.readFileSync(out, 'utf8');
    for (const label of ['schtasks.exe [8920]', 'cmd.exe [460]', 'powershell.exe [6432]', '172.18.39.5:56587 → 172.18.39.6:135']) expect(xml).toContain(label);
  });

  it('writes CSV nodes and edges under -o, creating the folder', async () => {
    const hf = dir.write('csv.hf', HUNT);
    const base = path.join(path.dirname(hf), 'report', 'task');
    const { code } = await kestrel(['export', hf, '--format', 'csv', '-o', base]);
    expect(code).toBe(0);
    expect(fs.readFileSync(`${base}.nodes.csv`, 'utf8').split('\n')[0]).toMatch(/^id,type,label/);
    expect(fs.readFileSync(`${base}.edges.csv`, 'utf8')).toContain('created');
  });

  it('refuses an unknown format or variable with a coded error', async () => {
    const hf = dir.write('bad.hf', HUNT);
    const png = await kestrel(['export', hf, '--format', 'png']);
    expect(png.code).toBe(1);
    expect(png.stderr).toContain('E_UNSUPPORTED_FORMAT');
    expect(png.stderr).toContain('graphml, gexf');
    const missing = await kestrel(['export', hf, 'nope', '--format', 'dot']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('E_UNDEFINED_VARIABLE');
  });
});
