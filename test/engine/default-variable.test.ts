/** `_` is the value of the latest statement that yielded a variable (Kestrel 1.x). */
import { column, fixtureSession, hunt } from '../hunt';

describe('the default variable _', () => {
  it('is rebound by each assignment, whatever its type', async () => {
    const r = await hunt(`
      a = GET process FROM file://doctored-1k.json WHERE name = 'cmd.exe'
      DISP _ ATTR name
      b = NEW ipv4-addr ["10.0.0.1", "10.0.0.2"]
      DISP _ ATTR value`);
    expect(new Set(column(r, 'name', 0))).toEqual(new Set(['cmd.exe']));
    expect(column(r, 'value', 1)).toEqual(['10.0.0.1', '10.0.0.2']);
  });

  it('holds a GET without a target, and is left out of the summary', async () => {
    const r = await hunt(`
      GET process FROM file://doctored-1k.json WHERE name = 'svchost.exe'
      DISP _ ATTR name
      one = _ WHERE pid = 1380
      DISP one ATTR pid, name`);
    expect(new Set(column(r, 'name', 0))).toEqual(new Set(['svchost.exe']));
    expect(column(r, 'name', 0)).toHaveLength(5);
    expect(r.outputs[1]).toMatchObject({ rows: [[1380, 'svchost.exe']] });
    expect(r.variables.map((v) => v.name)).toEqual(['one']);
  });

  it('carries over to the next block', async () => {
    const { run } = fixtureSession();
    await run(`a = NEW process ["a.exe"]\nb = NEW process ["b.exe"]`);
    const r = await run('DISP _ ATTR name');
    expect(r.errors).toEqual([]);
    expect(column(r, 'name')).toEqual(['b.exe']);
  });

  it('is undefined in a session that assigned nothing', async () => {
    const r = await fixtureSession().run('DISP _');
    expect(r.errors).toEqual([expect.objectContaining({ code: 'E_UNDEFINED_VARIABLE', line: 1, column: 6 })]);
  });
});
