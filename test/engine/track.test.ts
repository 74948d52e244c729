import { column, disp, fixtureSession } from '../hunt';
import { track } from '../../src/engine/track';
import { forest } from '../graph/process-forest';

const DATA = 'file://event-logs/schtask_create.json';

/**
 * schtask_create: powershell.exe (6432) → cmd.exe (460) → schtasks.exe (8920) on WORKSTATION5, which connects to
 * 172.18.39.6 (WORKSTATION6) on ports 135 and 49671, where svchost.exe 984 and 2220 take the connections.
 */
describe('TRACK BACKWARD / FORWARD', () => {
  it('tracks an address back through its connections to the processes and their root, in tree order', async () => {
    const r = await fixtureSession().run(`ip = GET ipv4-addr FROM ${DATA} WHERE value = '172.18.39.6'
origin = TRACK BACKWARD ip
DISP origin WHERE type = 'process'`);
    expect(r.errors).toEqual([]);
    expect(disp(r).columns).toEqual(['depth', 'type', 'entity', 'relation', 'related', 'created']);
    const entity = column(r, 'entity');
    expect(entity).toEqual(expect.arrayContaining(['schtasks.exe [8920]', 'cmd.exe [460]', 'powershell.exe [6432]', 'svchost.exe [984]', 'svchost.exe [2220]']));
    // the chain reads downward from the connection: schtasks, then its parent, then its grandparent
    const i = entity.indexOf('schtasks.exe [8920]');
    expect(entity.slice(i, i + 3)).toEqual(['schtasks.exe [8920]', 'cmd.exe [460]', 'powershell.exe [6432]']);
    expect(column(r, 'depth').slice(i, i + 3)).toEqual([2, 3, 4]);
    expect(column(r, 'related')[i + 1]).toBe('schtasks.exe [8920]');
    expect(column(r, 'relation')[i + 1]).toBe('created');
    expect(r.warnings.some((w) => /TRACK BACKWARD ip: \d+ roots are only the earliest ancestor seen/.test(w))).toBe(true);
  });

  it('tracks a process forward to its descendants, their connections, the addresses and the user', async () => {
    const r = await fixtureSession().run(`ps = GET process FROM ${DATA} WHERE pid = 6432
impact = TRACK FORWARD ps
DISP impact WHERE type IN ('process', 'network-traffic', 'ipv4-addr', 'user-account')`);
    expect(r.errors).toEqual([]);
    const rows = column(r, 'entity');
    expect(rows[0]).toBe('powershell.exe [6432]');
    expect(column(r, 'relation')[0]).toBe('start');
    expect(rows).toEqual(expect.arrayContaining([
      'cmd.exe [460]', 'schtasks.exe [8920]', '172.18.39.5:56587 → 172.18.39.6:135', '172.18.39.5:56588 → 172.18.39.6:49671', '172.18.39.6', 'pgustavo',
    ]));
    expect(rows.indexOf('cmd.exe [460]')).toBeLessThan(rows.indexOf('schtasks.exe [8920]'));
  });

  it('DEPTH and LIMIT bound the walk and say what they cut; the rows are not entities for FIND', async () => {
    const { run } = fixtureSession();
    const r = await run(`ps = GET process FROM ${DATA} WHERE pid = 6432
near = TRACK FORWARD ps DEPTH 1
DISP near`);
    expect(r.errors).toEqual([]);
    expect(Math.max(...(column(r, 'depth') as number[]))).toBe(1);
    expect(r.warnings.some((w) => /TRACK FORWARD ps DEPTH 1: \d+ more entities beyond the depth bound/.test(w))).toBe(true);
    const small = await run('few = TRACK FORWARD ps LIMIT 2\nDISP few');
    expect(column(small, 'entity')).toHaveLength(3);
    expect(small.warnings.some((w) => /left out: the walk stopped at its size bound/.test(w))).toBe(true);
    const bad = await run('kids = FIND process CREATED BY near');
    expect(bad.errors[0]).toMatchObject({ code: 'E_NOT_ENTITIES' });
  });
});

describe('TRACK over a 10 000-hop process chain', () => {
  const HOPS = 10_000;
  const chain = Array.from({ length: HOPS + 1 }, (_, i) => ({ name: `p${i}`, pid: i + 1, ...(i ? { parent: `p${i - 1}` } : {}) }));

  it.each(['backward', 'forward'] as const)('%s gives every hop as a row, in chain order, without overflowing the stack', async (direction) => {
    const f = await forest(chain);
    const start = f.id(direction === 'backward' ? `p${HOPS}` : 'p0');
    const { set } = await track(f.store, { type: 'process', ids: [start] }, direction, {});
    const depths = set.table!.rows.map((row) => row[0]);
    expect(depths).toHaveLength(HOPS + 1);
    expect(depths[HOPS]).toBe(HOPS);
    expect(depths.every((d, i) => d === i)).toBe(true);
  }, 60_000);
});
