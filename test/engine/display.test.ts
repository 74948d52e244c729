/** DISP: default columns with dereferenced references, one row per entity (or collapsed), transforms. */
import { column, counts, disp, hunt } from '../hunt';
import { countingSession } from './counting-session';

const WMIC = "wmic = GET process FROM file://doctored-1k.json WHERE name = 'WMIC.exe'";
const CMD = "cmd = GET process FROM file://doctored-1k.json WHERE name = 'cmd.exe'";
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe('default columns', () => {
  it('hunters’ favourites first, then references dereferenced to their label', async () => {
    const r = await hunt(`${WMIC}\nDISP wmic SORT BY pid ASC`);
    const d = disp(r);
    expect(d.columns).toEqual([
      'pid', 'name', 'command_line', 'created', 'creator_user_ref.user_id', 'binary_ref.name', 'parent_ref.name',
    ]);
    expect(d.rows).toHaveLength(7);
    expect(d.rows[0]).toEqual([
      8684, 'WMIC.exe', 'wmic  logicaldisk get size,freespace,caption', '2019-11-16T13:14:17.223Z', 'John', 'WMIC.exe', 'cmd.exe',
    ]);
    expect(new Set(column(r, 'parent_ref.name'))).toEqual(new Set(['cmd.exe']));
    expect(new Set(column(r, 'binary_ref.name'))).toEqual(new Set(['WMIC.exe']));
  });

  it('network traffic shows its ports, times and both addresses', async () => {
    const r = await hunt(`
      nt = GET network-traffic FROM file://test_bundle.json WHERE [ipv4-addr:value = '192.168.101.220']
      DISP nt`);
    expect(disp(r)).toEqual({
      kind: 'disp',
      variable: 'nt',
      columns: ['src_port', 'dst_port', 'protocols', 'start', 'end', 'src_ref.value', 'dst_ref.value'],
      rows: [[58438, 514, ['ip', 'tcp'], '2020-06-30T19:25:32.972741Z', '2020-06-30T19:25:45.980948Z', '192.168.101.220', '10.0.0.91']],
    });
  });
});

describe('rows', () => {
  const HF = `${WMIC}\nDISP wmic ATTR name, parent_ref.name`;

  it('are one per entity by default', async () => {
    const r = await hunt(HF);
    expect(disp(r).rows).toEqual(Array(7).fill(['WMIC.exe', 'cmd.exe']));
  });

  it('are merged when identical with display.collapse, as Kestrel 1.x does', async () => {
    const { run } = countingSession({ display: { collapse: true } });
    const r = await run(`${HF}\nn = NEW process [{"pid":1},{"pid":2}]\nDISP n ATTR name`);
    expect(r.errors).toEqual([]);
    expect(disp(r, 0).rows).toEqual([['WMIC.exe', 'cmd.exe']]);
    // rows with no value at all are dropped
    expect(disp(r, 1).rows).toEqual([]);
  });
});

describe('transforms', () => {
  it('TIMESTAMPED gives one row per record, first_observed first', async () => {
    const r = await hunt(`${CMD}\nDISP TIMESTAMPED(cmd) ATTR pid, name`);
    const d = disp(r);
    expect(d.columns).toEqual(['first_observed', 'pid', 'name']);
    expect(d.rows).toHaveLength(counts(r).cmd[1]);
    expect(d.rows).toHaveLength(14);
    for (const [t] of d.rows) expect(t).toMatch(ISO);
    // each of the 7 processes was seen by two records, at two different times
    const times = new Map<unknown, Set<unknown>>();
    for (const [t, pid] of d.rows) times.set(pid, (times.get(pid) ?? new Set()).add(t));
    expect([...times.values()].map((s) => s.size)).toEqual(Array(7).fill(2));
    expect(d.rows).toContainEqual(['2019-11-16T12:59:17.034Z', 10468, 'cmd.exe']);
  });

  it('RECORDS adds the id, times and count of each record', async () => {
    const r = await hunt(`${CMD}\nDISP RECORDS(cmd) ATTR pid`);
    const d = disp(r);
    expect(d.columns).toEqual(['observation_id', 'first_observed', 'last_observed', 'number_observed', 'pid']);
    expect(new Set(d.rows.map((row) => row[0])).size).toBe(14);
    for (const [id, first, last, n] of d.rows) {
      expect(id).toMatch(/^observed-data--/);
      expect(first).toMatch(ISO);
      expect(last).toMatch(ISO);
      expect(n).toBe(1);
    }
    expect(d.rows).toContainEqual([
      'observed-data--aa498f89-917b-4634-adda-46a373536ea7', '2019-11-16T12:59:17.034Z', '2019-11-16T12:59:17.034Z', 1, 10468,
    ]);
  });

  it('TIMESTAMPED with ATTR first_observed has one first_observed column: the record time', async () => {
    const r = await hunt(`${CMD}\nDISP TIMESTAMPED(cmd) ATTR first_observed, pid`);
    const d = disp(r);
    expect(d.columns).toEqual(['first_observed', 'pid']);
    expect(d.rows).toHaveLength(14);
    expect(d.rows).toContainEqual(['2019-11-16T12:59:17.034Z', 10468]);
  });

  it('LIMIT and OFFSET count the rows a transform gives, not the entities', async () => {
    const r = await hunt(`${CMD}
DISP ADDOBSID(cmd) ATTR pid, name LIMIT 2
DISP RECORDS(cmd) ATTR pid LIMIT 3 OFFSET 1
two = TIMESTAMPED(cmd) LIMIT 2
DISP two`);
    expect(disp(r, 0).rows).toHaveLength(2);
    expect(disp(r, 0).columns).toEqual(['observation_id', 'pid', 'name']);
    expect(disp(r, 1).rows).toHaveLength(3);
    expect(disp(r, 2).rows).toHaveLength(2);
    const all = (await hunt(`${CMD}\nDISP RECORDS(cmd) ATTR pid`)).outputs[0];
    expect(disp(r, 1).rows).toEqual(all.kind === 'disp' && all.rows.slice(1, 4));
  });

  it('SORT orders the rows a transform gives, not its entities', async () => {
    const r = await hunt(`${CMD}
DISP TIMESTAMPED(cmd) ATTR pid SORT BY first_observed DESC
late = TIMESTAMPED(cmd) SORT BY first_observed ASC
DISP late ATTR first_observed, pid`);
    const down = disp(r, 0).rows.map(([t]) => t as string);
    expect(down).toHaveLength(14);
    expect(down).toEqual([...down].sort().reverse());
    const up = disp(r, 1).rows.map(([t]) => t as string);
    expect(up).toEqual([...down].reverse());
    // rows of one process are apart once ordered by time: not grouped by entity
    expect(disp(r, 1).rows.map(([, pid]) => pid)).not.toEqual([...disp(r, 1).rows.map(([, pid]) => pid)].sort());
  });

  it('a NEW entity has a record without times', async () => {
    const r = await hunt('n = NEW process ["a.exe"]\nDISP TIMESTAMPED(n)');
    expect(disp(r)).toMatchObject({ columns: ['first_observed', 'name'], rows: [[null, 'a.exe']] });
  });
});
