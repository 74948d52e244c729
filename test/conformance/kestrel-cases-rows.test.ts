/**
 * Kestrel 1.x conformance cases for the commands that yield rows rather than entities: GROUP (C10, C29),
 * JOIN over a LOADed file (C27), and the summary of NEW (C25).
 */
import { column, counts, disp, hunt } from '../hunt';

describe('GROUP', () => {
  it('C10: sort ascending, then group by port', async () => {
    const r = await hunt(`
      conns = get network-traffic from file://test_bundle.json where dst_port < 10000
      sort conns by dst_port asc
      DISP _ ATTR dst_port
      group conns by dst_port
      DISP _`);
    expect(counts(r).conns).toEqual([100, 100]);
    const ports = column(r, 'dst_port', 0);
    expect(ports).toHaveLength(100);
    expect(ports[0]).toBe(22);
    const groups = disp(r, 1);
    expect(groups.rows).toHaveLength(5);
    expect(column(r, 'dst_port', 1)).toContain(3128);
    expect(r.variables.find((v) => v.name === '_')).toBeUndefined();
  });

  it('C29: group by references, per-minute bins of TIMESTAMPED, numeric bins, aggregation names', async () => {
    const r = await hunt(`
      conns = get network-traffic from file://test_bundle.json where [network-traffic:dst_port > 0]
      grps = group conns by src_ref.value, dst_ref.value
      ts_conns = TIMESTAMPED(conns)
      conns_per_min = group ts_conns by bin(first_observed, 1m) with count(dst_port) as count
      port_hist = group conns by bin(src_port, 10000) with count(src_port) as count
      maxed = group conns by dst_port with max(dst_ref.value), min(src_port) as lowest
      DISP conns_per_min
      DISP port_hist
      DISP maxed`);
    const rows = Object.fromEntries(r.variables.map((v) => [v.name, v.rows]));
    expect(rows.grps).toBe(94);
    const perMin = disp(r, 0);
    expect(perMin.columns).toEqual(['first_observed_bin', 'count']);
    expect(perMin.rows).toHaveLength(5);
    expect(perMin.rows[0]).toEqual(['2020-06-30T19:25:00Z', 20]);
    expect(perMin.rows[4]).toEqual(['2020-06-30T19:29:00Z', 16]);
    expect(disp(r, 1).rows).toEqual([[40000, 4], [50000, 69], [60000, 27]]);
    expect(disp(r, 2).columns).toEqual(['dst_port', 'max_dst_ref.value', 'lowest']);
  });

  it('a grouped variable holds rows, not entities: WHERE, SORT and LIMIT work on its columns', async () => {
    const r = await hunt(`
      conns = get network-traffic from file://test_bundle.json where dst_port > 0
      ports = group conns by dst_port with count(src_port) as n
      busy = ports WHERE n > 10 SORT BY n DESC LIMIT 2
      DISP busy`);
    const v = r.variables.find((x) => x.name === 'busy')!;
    expect([v.entities, v.rows]).toEqual([0, 2]);
    const n = column(r, 'n');
    expect(n[0]).toBeGreaterThanOrEqual(n[1] as number);
    expect(n[1]).toBeGreaterThan(10);
  });

  it('a TIMESTAMPED variable groups by its first_observed and still aggregates its other record attributes', async () => {
    const r = await hunt(`
      conns = get network-traffic from file://test_bundle.json where dst_port = 22
      ts = TIMESTAMPED(conns)
      g = group ts by bin(first_observed, 1h) with sum(number_observed) as seen, count(dst_port) as n
      DISP g`);
    const [row] = disp(r).rows;
    expect(disp(r).rows).toHaveLength(1);
    expect(row[0]).toBe('2020-06-30T19:00:00Z');
    expect(row[2]).toBe(29);
    expect(row[1]).toBeGreaterThanOrEqual(29);
  });

  it('GROUP of an empty variable is an empty result, with or without WITH (test_group_empty_variable)', async () => {
    const r = await hunt(`
      none = GET process FROM file://doctored-1k.json WHERE name = 'no-such.exe'
      g = GROUP none BY binary_ref.name
      h = GROUP none BY name WITH COUNT(pid) AS n
      DISP g
      DISP h`);
    expect(disp(r, 0)).toMatchObject({ columns: ['binary_ref.name'], rows: [] });
    expect(disp(r, 1)).toMatchObject({ columns: ['name', 'n'], rows: [] });
    expect(counts(r).g).toEqual([0, 0]);
  });

  it('without WITH, every other column is aggregated as firepit does (ports counted, not averaged)', async () => {
    const r = await hunt(`
      conns = get network-traffic from file://test_bundle.json where dst_port = 22
      g = group conns by dst_port
      DISP g`);
    const d = disp(r);
    expect(d.columns[0]).toBe('dst_port');
    expect(d.columns).toContain('unique_src_port');
    expect(d.rows).toHaveLength(1);
  });
});

describe('LOAD and JOIN', () => {
  it('C27: JOIN NEW addresses with a LOADed CSV of risky addresses', async () => {
    const r = await hunt(`
      assets = LOAD tables/test_input_data_ips.csv AS ipv4-addr
      ips = NEW [{"type":"ipv4-addr","value":"192.168.1.2"},{"type":"ipv4-addr","value":"192.168.1.3"}]
      risk_ips = JOIN ips, assets by value, value
      DISP risk_ips ATTR value, risk
      DISP risk_ips
      typed = risk_ips WHERE type = 'ipv4-addr'
      DISP typed ATTR type, value`);
    expect(disp(r).rows).toEqual([['192.168.1.2', 2]]);
    // Kestrel asserts v[0]["type"] == "ipv4-addr": JOIN rows keep the left entities' type
    expect(disp(r, 1)).toMatchObject({ columns: ['type', 'value', 'risk'], rows: [['ipv4-addr', '192.168.1.2', 2]] });
    expect(disp(r, 2).rows).toEqual([['ipv4-addr', '192.168.1.2']]);
  });
});

describe('NEW summary', () => {
  it('C25: NEW with string pids counts entities and records; GET FROM a NEW variable', async () => {
    const r = await hunt(`
      newvar = NEW [{"type":"process","name":"cmd.exe","pid":"123"},{"type":"process","name":"explorer.exe","pid":"99"},
                    {"type":"process","name":"explorer.exe","pid":"98"},{"type":"process","name":"explorer.exe","pid":"97"}]
      exp = GET process FROM newvar WHERE [process:name = 'explorer.exe']`);
    expect(counts(r)).toEqual({ newvar: [4, 4], exp: [3, 3] });
  });
});
