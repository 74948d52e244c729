/** WHERE that reaches beyond the entity: other variables, other entity types in the record, time windows. */
import { column, counts, entities, fixtureSession, hunt } from '../hunt';
import { countingSession, outputOf } from './counting-session';

describe('references to another variable', () => {
  it('= other.pid matches any of its values', async () => {
    const r = await hunt(`
      ref = NEW process [{"name":"a","pid":1380},{"name":"b","pid":4},{"name":"c","pid":123456}]
      p = GET process FROM file://doctored-1k.json WHERE pid = ref.pid
      DISP p ATTR pid, name SORT BY pid ASC`);
    expect(outputOf(r, 'disp').rows).toEqual([[4, 'System'], [1380, 'svchost.exe']]);
  });

  it('!= other.attr excludes all of its values', async () => {
    const r = await hunt(`
      p = NEW process [{"name":"cmd.exe","pid":1},{"name":"sh","pid":2},{"name":"bash","pid":3}]
      shells = p WHERE pid > 1
      rest = p WHERE name != shells.name
      DISP rest ATTR name`);
    expect(column(r, 'name')).toEqual(['cmd.exe']);
  });

  it('an order comparison with a reference to several values is E_INVALID_REFERENCE at its statement', async () => {
    const { run } = fixtureSession();
    const r = await run(`p = NEW process [{"name":"a","pid":1},{"name":"b","pid":2}]\nq = p WHERE pid > p.pid`);
    expect(r.errors).toEqual([expect.objectContaining({ code: 'E_INVALID_REFERENCE', line: 2, column: 1 })]);
  });
});

describe('a comparison on another entity type (extended subgraph)', () => {
  it('keeps the traffic of records that mention the address', async () => {
    const r = await hunt(`
      nt = GET network-traffic FROM file://test_bundle.json WHERE [ipv4-addr:value = '192.168.101.220']
      DISP nt ATTR src_ref.value, dst_ref.value, src_port, dst_port`);
    expect(outputOf(r, 'disp').rows).toEqual([['192.168.101.220', '10.0.0.91', 58438, 514]]);
  });

  it('matches the same traffic as the reference path when the address is a destination', async () => {
    const r = await hunt(`
      ext = GET network-traffic FROM file://test_bundle.json WHERE [ipv4-addr:value = '10.0.0.91']
      path = GET network-traffic FROM file://test_bundle.json WHERE dst_ref.value = '10.0.0.91' OR src_ref.value = '10.0.0.91'
      both = GET network-traffic FROM file://test_bundle.json WHERE [ipv4-addr:value = '10.0.0.91' AND network-traffic:dst_port = 22]`);
    expect(counts(r)).toEqual({ ext: [9, 9], path: [9, 9], both: [3, 3] });
  });
});

describe('time windows', () => {
  const NOW = Date.parse('2020-06-30T19:30:00Z');

  it('LAST n unit counts back from the session clock', async () => {
    const { run } = fixtureSession(() => NOW);
    const r = await run(`
      all = GET network-traffic FROM file://test_bundle.json WHERE dst_port = 22
      last2 = GET network-traffic FROM file://test_bundle.json WHERE dst_port = 22 LAST 2 MINUTES
      last30s = GET network-traffic FROM file://test_bundle.json WHERE dst_port = 22 LAST 30 SECONDS
      same = GET network-traffic FROM file://test_bundle.json WHERE dst_port = 22 START t'2020-06-30T19:28:00Z' STOP t'2020-06-30T19:30:00Z'
      DISP TIMESTAMPED(last2) ATTR dst_port`);
    expect(r.errors).toEqual([]);
    expect(counts(r)).toEqual({ all: [29, 29], last2: [10, 10], last30s: [2, 2], same: [10, 10] });
    for (const t of column(r, 'first_observed')) {
      expect(Date.parse(t as string)).toBeGreaterThanOrEqual(NOW - 120_000);
      expect(Date.parse(t as string)).toBeLessThan(NOW);
    }
  });

  it('a GET that references a variable only sees records within its time range ± 5 minutes', async () => {
    const r = await hunt(`
      t = GET process FROM file://doctored-1k.json WHERE pid = 5960
      near = GET process FROM file://doctored-1k.json WHERE creator_user_ref.user_id = 'SYSTEM' AND name != t.name
      all = GET process FROM file://doctored-1k.json WHERE creator_user_ref.user_id = 'SYSTEM' AND name != 'taskeng.exe'
      DISP TIMESTAMPED(t) ATTR name
      DISP near ATTR name
      DISP all ATTR name
      DISP TIMESTAMPED(near) ATTR name`);
    // taskeng.exe (pid 5960) was seen from 13:00:56.003 to 13:00:56.175
    expect(column(r, 'first_observed', 0)).toEqual(['2019-11-16T13:00:56.003Z', '2019-11-16T13:00:56.175Z']);
    expect(new Set(column(r, 'name', 1))).toEqual(new Set(['svchost.exe', 'System', 'GoogleUpdate.exe']));
    expect(new Set(column(r, 'name', 2))).toEqual(new Set([
      'svchost.exe', 'System', 'GoogleUpdate.exe', 'cb.exe', 'vmware-hostd.exe', 'SearchProtocolHost.exe', 'SearchFilterHost.exe',
    ]));
    const seen = column(r, 'first_observed', 3).map((t) => Date.parse(t as string));
    expect(Math.min(...seen)).toBeGreaterThanOrEqual(Date.parse('2019-11-16T12:55:56.003Z'));
    expect(Math.max(...seen)).toBeLessThanOrEqual(Date.parse('2019-11-16T13:05:56.175Z'));
    expect(counts(r).near).toEqual([3, seen.length]);
    expect(entities(r, 'all')).toBe(7);
  });

  it('the widening is a session option', async () => {
    const { run } = countingSession({ timeOffsets: { startMs: 0, stopMs: 0 } });
    const r = await run(`
      t = GET process FROM file://doctored-1k.json WHERE pid = 5960
      near = GET process FROM file://doctored-1k.json WHERE creator_user_ref.user_id = 'SYSTEM' AND name != t.name
      DISP near ATTR name`);
    expect(new Set(column(r, 'name'))).toEqual(new Set(['svchost.exe', 'GoogleUpdate.exe']));
  });
});
