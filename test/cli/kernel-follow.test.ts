/**
 * A `%follow` cell of the kernel (issue 20), driven by Jupyter's own client from Python (kernel-follow.py; the
 * kernel from dist/: `npm test` builds first), in temporary Jupyter folders: its DISP is updated in place as lines
 * are appended, an interrupt stops it, and the next cell sees what it saw.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { jupyterHome } from '../jupyter-home';
import { describeWithPart } from '../optional-part';
import { PYTHON, pythonMissing } from '../python';
import { newChild, startLog } from './growing-log';

interface Published {
  type: string;
  display_id: string | null;
  plain: string | null;
  html: string | null;
  ename: string | null;
}

interface Cell {
  status: string;
  iopub: Published[];
}

const HOSTILE = 'C:\\x\\<img src=x onerror=alert(1)>.exe';

describeWithPart('a %follow cell of the kestrel-ts kernel, as Jupyter drives it', pythonMissing(['jupyter_client'], 'apt-get install -y python3-jupyter-client'), () => {
  let tmp: string;
  let out: { shells: Cell; follow: Cell; after: Cell; latency_ms: number[] };

  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kestrel-kernel-follow-'));
    const work = path.join(tmp, 'work');
    fs.mkdirSync(work);
    startLog(work);
    fs.writeFileSync(path.join(tmp, 'lines.jsonl'), `${newChild(0)}\n${newChild(1, HOSTILE)}\n`);
    const run = spawnSync(PYTHON, [path.join(__dirname, 'kernel-follow.py'), work, path.join(tmp, 'lines.jsonl'), path.join(tmp, 'out.json')], {
      encoding: 'utf8',
      timeout: 120_000,
      env: jupyterHome(tmp),
    });
    if (run.status !== 0) throw new Error(`kernel-follow.py failed (${run.status ?? run.signal}): ${run.stderr}`);
    out = JSON.parse(fs.readFileSync(path.join(tmp, 'out.json'), 'utf8'));
  }, 130_000);

  afterAll(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  const updates = (suffix: string) => out.follow.iopub.filter((m) => m.type === 'update_display_data' && m.display_id!.endsWith(suffix));

  it('shows the followed cell with display ids: its status first, then its DISP as it first ran', () => {
    expect(out.shells.status).toBe('ok');
    const shown = out.follow.iopub.filter((m) => m.type === 'display_data' && m.display_id);
    expect(shown.map((m) => m.display_id!.replace(/^.*-(?=status|disp)/, ''))).toEqual(['status', 'disp-0']);
    expect(shown[0].plain).toMatch(/^following file:\/\/.*log\.json since [\d:.]+ \(UTC\): no new records yet$/);
    expect(shown[1].plain).toMatch(/^DISP kids \(1 row\)\npid\s+name\s+parent_ref\.name\n8920\s+schtasks\.exe\s+cmd\.exe$/);
  });

  it(`updates the DISP in place as lines are appended, each shown within 0.5 s, hostile names escaped`, () => {
    process.stderr.write(`%follow cell: appended Sysmon events shown in ${out.latency_ms.join(' ms, ')} ms\n`);
    for (const ms of out.latency_ms) expect(ms).toBeLessThanOrEqual(500);
    const grown = updates('-disp-0').find((m) => m.plain!.includes('20001'))!;
    expect(grown.plain).toMatch(/^DISP kids live: 2 new, 0 changed\nSEEN\s+pid\s+name\s+parent_ref\.name\n[\d:.]+\s+\+\s+20001\s+<img src=x onerror=alert\(1\)>\.exe\s+cmd\.exe\n[\d:.]+\s+\+\s+20000\s+schtasks\.exe/);
    expect(grown.html).toContain('<td>+</td><td>20001</td><td>&#60;img src=x onerror=alert(1)&#62;.exe</td>');
    expect(grown.html).not.toContain('<img');
    expect(updates('-status').some((m) => /: 2 updates, the last at [\d:.]+\nkids: 3 entities/.test(m.plain!))).toBe(true);
  });

  it('stops on an interrupt: the DISP shows every row, the status what was followed, and the summary closes the cell', () => {
    expect(out.follow.status).toBe('ok');
    const disp = updates('-disp-0');
    expect(disp[disp.length - 1].plain).toMatch(/^DISP kids \(3 rows\)\n/);
    const status = updates('-status');
    expect(status[status.length - 1].plain).toMatch(/^followed file:\/\/.*log\.json from [\d:.]+ to [\d:.]+ \(UTC\): 2 new records in 2 updates$/);
    // The cell's view is drawn once, when it stops.
    expect(out.follow.iopub.filter((m) => m.html?.startsWith('<details>')).map((m) => m.display_id)).toEqual([null]);
    const result = out.follow.iopub.find((m) => m.type === 'execute_result')!;
    expect(result.plain).toMatch(/\n\s*kids\s+process\s+3\s+/);
    expect(out.follow.iopub.filter((m) => m.type === 'error')).toEqual([]);
  });

  it('keeps what the followed cell saw for the next cell', () => {
    expect(out.after.status).toBe('ok');
    const disp = out.after.iopub.find((m) => m.type === 'display_data' && m.plain!.startsWith('DISP kids'))!;
    expect(disp.plain!.split('\n').slice(2).map(Number).sort((a, b) => a - b)).toEqual([8920, 20000, 20001]);
  });
});
