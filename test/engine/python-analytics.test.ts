import { rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { column, disp, FIXTURES, fixtureSession } from '../hunt';
import { describeWithPart } from '../optional-part';
import { pythonMissing } from '../python';
import { tempHome } from '../temp-home';

const MODULE = path.join(FIXTURES, 'analytics', 'python', 'analytics.py');
const PROCS = `procs = NEW process [{"name": "cmd.exe", "pid": 123, "command_line": "cmd /c whoami /all"}, {"name": "explorer.exe", "pid": 99, "command_line": "explorer"}]`;

describeWithPart('python:// analytics (Kestrel analytics in a python3 subprocess)', pythonMissing(['pandas'], 'apt-get install -y python3-pandas'), () => {
  const { tmp, configDir } = tempHome('kestrel-pyan-');
  const saved = process.env.KESTREL_PYTHON_ANALYTICS_CONFIG;
  beforeAll(() => {
    const profiles = ['score_cmdline', 'tag', 'both', 'broken'].map((f) => `  ${f}:\n    module: ${MODULE}\n    func: ${f}\n`).join('');
    const file = path.join(configDir, 'pythonanalytics.yaml');
    writeFileSync(file, `profiles:\n${profiles}  missing_func:\n    module: ${MODULE}\n    func: nothing_here\n`);
    process.env.KESTREL_PYTHON_ANALYTICS_CONFIG = file;
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.KESTREL_PYTHON_ANALYTICS_CONFIG;
    else process.env.KESTREL_PYTHON_ANALYTICS_CONFIG = saved;
    rmSync(tmp, { recursive: true, force: true });
  });

  const run = async (hf: string) => fixtureSession().run(hf);

  it('adds the columns a Kestrel 1 analytics adds, its parameters read from the environment', async () => {
    const r = await run(`${PROCS}
      APPLY python://score_cmdline ON procs WITH THRESHOLD=12
      DISP procs ATTR name, x_cmd_length, x_long_cmd SORT BY name ASC`);
    expect(r.errors).toEqual([]);
    expect(disp(r).rows).toEqual([['cmd.exe', 18, true], ['explorer.exe', 8, false]]);
  });

  it('passes parameters as keyword arguments when the function declares them, typed by their defaults', async () => {
    const r = await run(`${PROCS}
      APPLY python://tag ON procs WITH prefix=v, n=41
      DISP procs ATTR x_tag`);
    expect(r.errors).toEqual([]);
    expect(column(r, 'x_tag')).toEqual(['v42', 'v42']);
  });

  it('updates several variables and shows the HTML it returns', async () => {
    const r = await run(`${PROCS}
      ips = NEW ipv4-addr ["10.0.0.1", "10.0.0.2"]
      APPLY python://both ON procs, ips
      DISP ips ATTR value, x_proc_count`);
    expect(r.errors).toEqual([]);
    const apply = r.outputs.find((o) => o.kind === 'apply');
    expect(JSON.stringify(apply)).toContain('<p>2 processes, 2 addresses</p>');
    expect(column(r, 'x_proc_count')).toEqual([2, 2]);
  });

  it.each([
    ['broken', 'E_ANALYTICS_FAILED', 'ValueError: no idea what to do with 2 rows'],
    ['missing_func', 'E_ANALYTICS_NOT_FOUND', 'has no function nothing_here'],
    ['nope', 'E_ANALYTICS_NOT_FOUND', 'unknown analytics python://nope'],
  ])('python://%s fails with %s', async (name, code, message) => {
    const r = await run(`${PROCS}\nAPPLY python://${name} ON procs`);
    expect(r.errors.map((e) => e.code)).toEqual([code]);
    expect(r.errors[0].message).toContain(message);
  });
});
