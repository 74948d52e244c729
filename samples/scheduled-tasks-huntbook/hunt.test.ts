/**
 * The huntbook, executed headless by Jupyter's own nbclient with the kestrel-ts kernel (from dist/: `npm test`
 * builds first), in temporary Jupyter folders so nothing touches the user's setup.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { jupyterHome } from '../../test/jupyter-home';
import { describeWithPart } from '../../test/optional-part';
import { PYTHON, pythonMissing } from '../../test/python';

const JUPYTER = pythonMissing(
  ['nbclient', 'nbformat', 'jupyter_client', 'ipykernel'],
  'apt-get install -y python3-jupyter-client python3-nbclient python3-ipykernel python3-nbformat',
);

interface NotebookOutput {
  output_type: string;
  data?: Record<string, string | string[]>;
  name?: string;
  text?: string | string[];
  ename?: string;
}

interface NotebookCell {
  cell_type: string;
  source: string | string[];
  outputs?: NotebookOutput[];
}

const text = (v: string | string[] | undefined): string => (Array.isArray(v) ? v.join('') : v ?? '');
const plain = (o: NotebookOutput): string => text(o.data?.['text/plain']);
const html = (o: NotebookOutput): string => text(o.data?.['text/html']);

/** The summary closes every cell: its rows as name → [entities, records]. */
function summaryOf(cell: NotebookCell): Record<string, [number, number]> {
  const last = cell.outputs![cell.outputs!.length - 1];
  expect(last.output_type).toBe('execute_result');
  const [head, , ...rows] = plain(last).split('\n');
  expect(head).toMatch(/^\[SUMMARY\] block executed in [\d.]+ seconds$/);
  return Object.fromEntries(rows.map((r) => r.trim().split(/\s+/)).map(([name, , entities, records]) => [name, [Number(entities), Number(records)]]));
}

function dispOf(cell: NotebookCell, variable: string): NotebookOutput {
  const found = cell.outputs!.find((o) => o.output_type === 'display_data' && plain(o).startsWith(`DISP ${variable} `));
  expect(found).toBeDefined();
  return found!;
}

describeWithPart('samples/scheduled-tasks-huntbook: the scheduled-tasks hunt as a Jupyter huntbook', JUPYTER, () => {
  let tmp: string;
  let cells: NotebookCell[];

  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kestrel-huntbook-'));
    const executed = path.join(tmp, 'executed.ipynb');
    const run = spawnSync(PYTHON, [path.join(__dirname, 'run-huntbook.py'), path.join(__dirname, 'scheduled-tasks.ipynb'), executed], {
      encoding: 'utf8',
      timeout: 300_000,
      env: jupyterHome(tmp),
    });
    if (run.status !== 0) throw new Error(`run-huntbook.py failed (${run.status ?? run.signal}): ${run.stderr}`);
    cells = (JSON.parse(fs.readFileSync(executed, 'utf8')) as { cells: NotebookCell[] }).cells.filter((c) => c.cell_type === 'code');
  }, 320_000);

  afterAll(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('runs five cells without an error, each ending with its execution summary', () => {
    expect(cells).toHaveLength(5);
    for (const c of cells) expect(c.outputs!.filter((o) => o.output_type === 'error' || o.name === 'stderr')).toEqual([]);
  });

  it('holds one copy of cytoscape.js, before the first view; each view is small', () => {
    const outputs = cells.flatMap((c) => c.outputs!);
    const library = outputs.filter((o) => html(o).includes('id="kestrel-cytoscape-js"'));
    expect(library).toHaveLength(1);
    const views = outputs.filter((o) => html(o).startsWith('<details>'));
    expect(views.length).toBeGreaterThan(1);
    expect(outputs.indexOf(library[0])).toBeLessThan(outputs.indexOf(views[0]));
    for (const v of views) expect(html(v).length).toBeLessThan(150_000);
  });

  it('cell 1: schtasks.exe, pid 8920, started by cmd.exe, registering a task on WORKSTATION6', () => {
    const disp = dispOf(cells[0], 'tasks');
    expect(plain(disp)).toMatch(/^DISP tasks \(1 row\)\npid\s+name\s+command_line\s+parent_ref\.name\n8920\s+schtasks\.exe\s+.*\/S WORKSTATION6.*\s+cmd\.exe$/);
    expect(html(disp)).toContain('<tr><td>8920</td><td>schtasks.exe</td>');
    expect(summaryOf(cells[0])).toEqual({ tasks: [1, 57] });
    expect(html(cells[0].outputs!.find((o) => html(o).startsWith('<details>'))!)).toContain('<iframe sandbox="allow-scripts" srcdoc="&#60;!DOCTYPE html&#62;');
  });

  it('cell 2: walked up to powershell.exe, pid 6432', () => {
    expect(plain(dispOf(cells[1], 'shell'))).toMatch(/\n6432\s+powershell\.exe/);
    expect(summaryOf(cells[1])).toEqual({ launcher: [1, 25], shell: [1, 16] });
  });

  it('cell 3: the RPC connections to 172.18.39.6 on ports 135 and 49671', () => {
    const rows = plain(dispOf(cells[2], 'rpc')).split('\n').slice(2);
    expect(rows.map((r) => r.split(/\s+/).slice(2))).toEqual([['172.18.39.6', '135'], ['172.18.39.6', '49671']]);
    expect(summaryOf(cells[2])).toEqual({ rpc: [2, 4] });
    // no process assigned: no provenance view
    expect(cells[2].outputs!.map((o) => o.output_type)).toEqual(['display_data', 'execute_result']);
  });

  it('cell 4: the svchost.exe processes 984 and 2220 on WORKSTATION6', () => {
    const pids = plain(dispOf(cells[3], 'remote')).split('\n').slice(2).map((r) => Number(r.split(/\s+/)[0]));
    expect(pids).toEqual([984, 2220]);
    expect(summaryOf(cells[3])).toEqual({ remote: [2, 23] });
  });

  it("cell 5: the task's entry in the Task Scheduler's cache", () => {
    expect(plain(dispOf(cells[4], 'task'))).toContain('TaskCache\\Tree\\Microsoft\\Windows\\SoftwareProtectionPlatform\\EventCacheManager');
    expect(summaryOf(cells[4])).toEqual({ keys: [15, 15], task: [4, 4] });
  });
});
