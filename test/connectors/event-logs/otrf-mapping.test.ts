import * as path from 'node:path';
import { byCode, countTypes, DIR, eventOf, readAll, refOf } from './helpers';

const SCHTASK = path.join(DIR, 'schtask_create.json');

describe('event-logs: OTRF Security-Datasets (schtask_create.json)', () => {
  let obs: Awaited<ReturnType<typeof readAll>>;
  const warnings: string[] = [];
  beforeAll(async () => {
    obs = await readAll(SCHTASK, warnings);
  });

  it('makes one record per event, skipping the blank line 547 silently', () => {
    expect(obs).toHaveLength(1041);
    expect(warnings).toEqual([]);
    const counts = countTypes(obs);
    expect(counts['x-oca-event']).toBe(1041);
    expect(counts['x-oca-asset']).toBe(1041);
    expect(counts['network-traffic']).toBe(6);
    expect(counts['windows-registry-key']).toBe(67);
    expect(counts['domain-name']).toBe(1);
  });

  it('gives records stable ids, times and hosts', () => {
    const first = obs[0];
    expect(first.source).toBe(`file://${SCHTASK}`);
    expect(first.firstObserved).toBe('2020-12-19T06:59:28.410Z');
    expect(first.loggedAt).toBe('2020-12-19T06:59:28.410Z');
    expect(first.objects.find((x) => x.type === 'x-oca-asset')!.attrs.hostname).toBe('WORKSTATION5.theshire.local');
    expect(new Set(obs.map((o) => o.id)).size).toBe(1041);
  });

  it('times a Sysmon event by its UtcTime, and keeps @timestamp as the time the log wrote it', () => {
    const o = byCode(obs, 1).find((r) => r.objects.some((x) => x.attrs.pid === 6328))!;
    expect([o.firstObserved, o.lastObserved, o.loggedAt]).toEqual(['2020-12-19T12:00:03.821Z', '2020-12-19T12:00:03.821Z', '2020-12-19T07:00:03.823Z']);
  });

  it('maps Sysmon 1 to the new process, its parent, image, hashes and user', () => {
    const o = byCode(obs, 1).find((r) => r.objects.some((x) => x.attrs.pid === 6328))!;
    const ev = eventOf(o);
    expect(ev.attrs).toMatchObject({ action: 'process_creation', module: 'Microsoft-Windows-Sysmon/Operational' });
    const p = refOf(o, ev, 'process_ref')!;
    expect(p.attrs).toEqual({
      x_unique_id: '{67e11d8c-eb43-5fdd-1b97-000000000700}',
      pid: 6328,
      name: 'dumpcap.exe',
      command_line: '"C:\\Program Files\\Wireshark\\dumpcap.exe" -n -i \\Device\\NPF_{D805082F-2215-41FB-B94A-4FE9C8ADC451} -y EN10MB -Z 7744',
      created: '2020-12-19T12:00:03.821Z',
      cwd: 'C:\\Program Files\\Wireshark\\',
    });
    expect(refOf(o, p, 'parent_ref')!.attrs).toMatchObject({ pid: 7744, name: 'Wireshark.exe' });
    const binary = refOf(o, p, 'binary_ref')!;
    expect(binary.attrs.hashes).toEqual({
      'SHA-1': '7403DA71E1F2A7DA138020A1B6622EE12262AD71',
      MD5: '73F1C359846E25F3319A5F824C4B3B11',
      'SHA-256': '9AC59FE919408C450A57C6E8C1C2930D9E229255B2E7E7E0D3BC33453497A7D9',
    });
    expect(refOf(o, binary, 'parent_directory_ref')!.attrs.path).toBe('C:\\Program Files\\Wireshark');
    expect(refOf(o, p, 'creator_user_ref')!.attrs).toEqual({ account_login: 'pgustavo', x_domain: 'THESHIRE' });
  });

  it('maps Security 4688 with hex pids to the new process and its creator', () => {
    const o = byCode(obs, 4688).find((r) => r.objects.some((x) => x.attrs.pid === 0x18b8))!;
    const p = refOf(o, eventOf(o), 'process_ref')!;
    expect(p.attrs).toMatchObject({ pid: 6328, name: 'dumpcap.exe', created: '2020-12-19T07:00:03.821Z' });
    expect(p.attrs.x_unique_id).toBeUndefined();
    expect(refOf(o, p, 'parent_ref')!.attrs).toEqual({ pid: 0x1e40, name: 'Wireshark.exe' });
  });

  it('maps Sysmon 3 to network traffic with ports, protocol and addresses, opened by the process', () => {
    const o = byCode(obs, 3).find((r) => r.objects.some((x) => x.attrs.dst_port === 135))!;
    const ev = eventOf(o);
    const nt = refOf(o, ev, 'network_ref')!;
    expect(nt.attrs).toEqual({ src_port: 56587, dst_port: 135, protocols: ['tcp'] });
    expect(refOf(o, nt, 'src_ref')!).toMatchObject({ type: 'ipv4-addr', attrs: { value: '172.18.39.5' } });
    expect(refOf(o, nt, 'dst_ref')!).toMatchObject({ type: 'ipv4-addr', attrs: { value: '172.18.39.6' } });
    const p = refOf(o, ev, 'process_ref')!;
    // an all-zero ProcessGuid and "<unknown process>" are no GUID and no name
    expect(p.attrs).toEqual({ pid: 8920 });
    expect(p.refs.opened_connection_refs).toEqual([nt.key]);
  });

  it('maps Sysmon 11 to the created file and Sysmon 22 to a domain resolving to addresses', () => {
    const created = byCode(obs, 11).find((r) => r.objects.some((x) => x.attrs.name === 'wireshark_Ethernet15IGV0.pcapng'))!;
    const file = refOf(created, eventOf(created), 'file_ref')!;
    expect(refOf(created, file, 'parent_directory_ref')!.attrs.path).toBe('C:\\Users\\pgustavo\\AppData\\Local\\Temp');
    expect(refOf(created, eventOf(created), 'process_ref')!.attrs.name).toBe('dumpcap.exe');

    const [dns] = byCode(obs, 22);
    const domain = refOf(dns, eventOf(dns), 'domain_ref')!;
    expect(domain.attrs).toEqual({ value: 'WORKSTATION6' });
    const resolved = (domain.refs.resolves_to_refs as string[]).map((k) => dns.objects.find((x) => x.key === k)!.attrs.value);
    expect(resolved).toEqual(['172.18.39.6']);
  });

  it('maps Sysmon 10 to source and target processes', () => {
    const o = byCode(obs, 10)[0];
    const ev = eventOf(o);
    expect(ev.attrs.action).toBe('process_access');
    expect(refOf(o, ev, 'process_ref')!.attrs).toEqual({ x_unique_id: '{67e11d8c-876a-5fd0-1000-000000000700}', pid: 932, name: 'svchost.exe' });
    expect(refOf(o, ev, 'target_process_ref')!.attrs).toMatchObject({ pid: 8140, x_unique_id: '{67e11d8c-781f-5fd2-8714-000000000700}' });
  });

  it('maps Sysmon 13 to a registry key with its value', () => {
    const o = byCode(obs, 13).find((r) => r.objects.some((x) => x.attrs.name === 'Explorer.EXE'))!;
    const key = refOf(o, eventOf(o), 'registry_ref')!;
    expect(key.attrs.key).toMatch(/^HKU\\S-1-5-21-3786818125-2382361537-3207726629-1104\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\UserAssist\\/);
    expect(key.attrs.values).toEqual([{ data: 'Binary Data' }]);
  });
});
