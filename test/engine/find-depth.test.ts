import { column, fixtureSession } from '../hunt';

const DATA = 'file://event-logs/schtask_create.json';

/** schtask_create: powershell.exe (6432) → cmd.exe (460) → schtasks.exe (8920) on WORKSTATION5. */
describe('FIND … DEPTH: multi-hop along process trees', () => {
  it('walks up to the earliest ancestor with DEPTH *, keeping the hops as x_depth, and says the root is inferred', async () => {
    const r = await fixtureSession().run(`tasks = GET process FROM ${DATA} WHERE name = 'schtasks.exe'
up = FIND process CREATED tasks DEPTH *
DISP up ATTR x_depth, pid, name`);
    expect(r.errors).toEqual([]);
    expect(column(r, 'pid')).toEqual([460, 6432]);
    expect(column(r, 'x_depth')).toEqual([1, 2]);
    expect(r.warnings.some((w) => /DEPTH \*: 1 root is only the earliest ancestor seen in the data/.test(w))).toBe(true);
  });

  it('walks down within a range, and a bound that cuts says how much it cut', async () => {
    const { run } = fixtureSession();
    const r = await run(`ps = GET process FROM ${DATA} WHERE pid = 6432
all = FIND process CREATED BY ps DEPTH 1..3
DISP all ATTR x_depth, pid, name, parent_ref.pid
second = FIND process CREATED BY ps DEPTH 2..2
DISP second ATTR x_depth, name
first = FIND process CREATED BY ps DEPTH 1
DISP first ATTR name`);
    expect(r.errors).toEqual([]);
    expect(column(r, 'pid', 0)).toEqual([460, 8920]);
    expect(column(r, 'parent_ref.pid', 0)).toEqual([6432, 460]);
    expect(column(r, 'name', 1)).toEqual(['schtasks.exe']);
    expect(column(r, 'x_depth', 1)).toEqual([2]);
    expect(column(r, 'name', 2)).toEqual(['cmd.exe']);
    expect(r.warnings.some((w) => /DEPTH 1: 1 more descendant beyond the depth bound/.test(w))).toBe(true);
  });

  it('WHERE and LIMIT apply to the walked processes; without DEPTH a FIND is one hop', async () => {
    const r = await fixtureSession().run(`tasks = GET process FROM ${DATA} WHERE name = 'schtasks.exe'
shells = FIND process CREATED tasks DEPTH * WHERE name = 'powershell.exe'
one = FIND process CREATED tasks
DISP shells ATTR x_depth, name
DISP one ATTR name`);
    expect(column(r, 'name', 0)).toEqual(['powershell.exe']);
    expect(column(r, 'x_depth', 0)).toEqual([2]);
    expect(column(r, 'name', 1)).toEqual(['cmd.exe']);
  });

  it('x_depth filters and sorts like any attribute', async () => {
    const r = await fixtureSession().run(`ps = GET process FROM ${DATA} WHERE pid = 6432
all = FIND process CREATED BY ps DEPTH 1..3
deep = all WHERE x_depth > 1
DISP deep ATTR x_depth, name
DISP all ATTR x_depth, name SORT BY x_depth DESC
DISP all WHERE x_depth = 1 ATTR name
second = FIND process CREATED BY ps DEPTH * WHERE x_depth = 2
DISP second ATTR name`);
    expect(r.errors).toEqual([]);
    expect(column(r, 'name', 0)).toEqual(['schtasks.exe']);
    expect(column(r, 'x_depth', 1)).toEqual([2, 1]);
    expect(column(r, 'name', 2)).toEqual(['cmd.exe']);
    expect(column(r, 'name', 3)).toEqual(['schtasks.exe']);
  });

  it('refuses DEPTH off a process tree (E_BAD_DEPTH) and an empty range', async () => {
    const { run } = fixtureSession();
    const off = await run(`tasks = GET process FROM ${DATA} WHERE name = 'schtasks.exe'\nc = FIND network-traffic CREATED BY tasks DEPTH 1..3`);
    expect(off.errors[0]).toMatchObject({ code: 'E_BAD_DEPTH', line: 2 });
    const empty = await run(`tasks = GET process FROM ${DATA} WHERE name = 'schtasks.exe'\nc = FIND process CREATED BY tasks DEPTH 3..1`);
    expect(empty.errors[0]).toMatchObject({ code: 'E_BAD_DEPTH' });
    expect(empty.errors[0].hint).toContain('DEPTH 1..3');
  });
});
