/** `x = ...` twice gives two versions: statements written before the reassignment keep reading the first. */
import { column, counts, fixtureSession, hunt } from '../hunt';
import { outputOf } from './counting-session';

const CMD = "GET process FROM file://doctored-1k.json WHERE name = 'cmd.exe'";
const SVCHOST = "GET process FROM file://doctored-1k.json WHERE name = 'svchost.exe'";

describe('versioned variables', () => {
  it('a filter and a DISP written before the reassignment read the first x', async () => {
    const r = await hunt(`
      x = ${CMD}
      DISP x ATTR name
      y = x WHERE pid > 8000
      x = ${SVCHOST}
      DISP y ATTR name, pid
      DISP x ATTR name`);
    expect(new Set(column(r, 'name', 0))).toEqual(new Set(['cmd.exe']));
    expect(column(r, 'name', 0)).toHaveLength(9);
    expect(new Set(column(r, 'name', 1))).toEqual(new Set(['cmd.exe']));
    expect((column(r, 'pid', 1) as number[]).sort((a, b) => a - b)).toEqual([8972, 8972, 10468, 10520, 13008, 14076]);
    expect(new Set(column(r, 'name', 2))).toEqual(new Set(['svchost.exe']));
    // the summary is in order of last assignment and shows the second x
    expect(counts(r)).toEqual({ y: [6, 10], x: [5, 704] });
    expect(r.variables.map((v) => v.name)).toEqual(['y', 'x']);
  });

  it('a later block reads the latest x while y keeps the value it was built from', async () => {
    const { run } = fixtureSession();
    await run(`x = ${CMD}\ny = x WHERE pid > 8000\nx = ${SVCHOST}`);
    const r = await run('DISP y ATTR name\nDISP x ATTR name');
    expect(r.errors).toEqual([]);
    expect(new Set(column(r, 'name', 0))).toEqual(new Set(['cmd.exe']));
    expect(new Set(column(r, 'name', 1))).toEqual(new Set(['svchost.exe']));
  });

  it('x = x WHERE ... filters the previous version', async () => {
    const r = await hunt(`x = ${CMD}\nx = x WHERE pid > 10000\nDISP x ATTR pid SORT BY pid ASC`);
    expect(column(r, 'pid')).toEqual([10468, 10520, 13008, 14076]);
    expect(counts(r)).toEqual({ x: [4, 8] });
  });

  it('each assignment is a new version of the name, with its own node', async () => {
    const r = await hunt(`x = ${CMD}\nEXPLAIN x\nx = x WHERE pid > 10000\nEXPLAIN x`);
    const first = outputOf(r, 'explain', 0).data.dag;
    const second = outputOf(r, 'explain', 1).data.dag;
    expect(first.map((n) => n.detail)).toContain('x (version 1, process)');
    expect(second.map((n) => n.detail)).toEqual(expect.arrayContaining(['x (version 1, process)', 'x (version 2, process)']));
    const v1 = second.find((n) => n.detail === 'x (version 1, process)')!;
    const filter = second.find((n) => n.kind === 'filter')!;
    expect(filter.inputs).toEqual([v1.id]);
  });
});
