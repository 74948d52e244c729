import * as path from 'node:path';
import { mapDocument, nativeFields, timeField } from '../../../connectors/event-logs';
import { byCode, countTypes, DIR, eventOf, readAll, refOf } from './helpers';

describe('event-logs: ECS NDJSON', () => {
  let obs: Awaited<ReturnType<typeof readAll>>;
  beforeAll(async () => {
    obs = await readAll(path.join(DIR, 'schtask_create.ecs.ndjson'));
  });

  it('maps the same events as the OTRF original', () => {
    expect(obs).toHaveLength(1041);
    const counts = countTypes(obs);
    expect(counts['network-traffic']).toBe(6);
    expect(counts['windows-registry-key']).toBe(67);
    expect(counts['domain-name']).toBe(1);
  });

  it('takes the record time from @timestamp and the log time from event.created', () => {
    const o = byCode(obs, 1).find((r) => r.objects.some((x) => x.attrs.pid === 6328))!;
    expect(o.firstObserved).toBe('2020-12-19T12:00:03.821Z');
    expect(o.loggedAt).toBe('2020-12-19T07:00:03.823Z');
    const p = refOf(o, eventOf(o), 'process_ref')!;
    expect(p.attrs).toMatchObject({ x_unique_id: '{67e11d8c-eb43-5fdd-1b97-000000000700}', name: 'dumpcap.exe', pid: 6328 });
    expect(refOf(o, p, 'parent_ref')!.attrs).toMatchObject({ pid: 7744, name: 'Wireshark.exe' });
  });

  it('reads Sysmon 10 targets from winlog.event_data', () => {
    const o = byCode(obs, 10)[0];
    expect(refOf(o, eventOf(o), 'target_process_ref')!.attrs).toMatchObject({ pid: 8140, x_unique_id: '{67e11d8c-781f-5fd2-8714-000000000700}' });
  });

  it('maps a flat dotted document like the nested one', () => {
    const nested = {
      '@timestamp': '2020-12-19T11:59:21.008Z',
      event: { code: '3', module: 'sysmon', created: '2020-12-19T07:00:23.430Z' },
      host: { name: 'WORKSTATION5.theshire.local' },
      process: { entity_id: '{67e11d8c-eb56-5fdd-2097-000000000700}', pid: 8920, name: 'schtasks.exe' },
      source: { ip: '172.18.39.5', port: 56587 },
      destination: { ip: 'fe80::1', port: 135 },
      network: { transport: 'TCP' },
    };
    const flat = {
      '@timestamp': '2020-12-19T11:59:21.008Z',
      'event.code': '3', 'event.module': 'sysmon', 'event.created': '2020-12-19T07:00:23.430Z',
      'host.name': 'WORKSTATION5.theshire.local',
      'process.entity_id': '{67e11d8c-eb56-5fdd-2097-000000000700}', 'process.pid': 8920, 'process.name': 'schtasks.exe',
      'source.ip': '172.18.39.5', 'source.port': 56587, 'destination.ip': 'fe80::1', 'destination.port': 135,
      network: { transport: 'TCP' },
    };
    const a = mapDocument(nested, 'ecs', 'pg://x', 7);
    const b = mapDocument(flat, 'ecs', 'pg://x', 7);
    expect(b).toEqual(a);
    expect(a.objects.find((x) => x.type === 'network-traffic')!.attrs).toEqual({ src_port: 56587, dst_port: 135, protocols: ['tcp'] });
    expect(a.objects.filter((x) => x.type === 'ipv6-addr').map((x) => x.attrs.value)).toEqual(['fe80::1']);
  });

  it('names the fields that hold an attribute verbatim, for pushdown', () => {
    expect(nativeFields('ecs', 'process', 'name')).toEqual(['process.name', 'process.parent.name']);
    expect(nativeFields('ecs', 'process', 'parent_ref.name')).toEqual(['process.parent.name']);
    expect(nativeFields('ecs', 'process', 'pid')).toEqual(['process.pid', 'process.parent.pid']);
    expect(nativeFields('ecs', 'file', 'name')).toEqual(['dll.name', 'file.name']);
    // prefetch asks for processes by GUID and addresses by value: both must reach the source
    expect(nativeFields('ecs', 'process', 'x_unique_id')).toEqual(expect.arrayContaining(['process.entity_id', 'process.parent.entity_id']));
    expect(nativeFields('ecs', 'ipv4-addr', 'value')).toEqual(expect.arrayContaining(['source.ip', 'destination.ip']));
    expect(nativeFields('ecs', 'x-oca-asset', 'hostname')).toEqual(['host.name', 'winlog.computer_name']);
    expect(nativeFields('otrf', 'process', 'pid')).toEqual([]);
    expect(nativeFields('ecs', 'process', 'no_such_attr')).toEqual([]);
    expect(timeField('ecs')).toBe('@timestamp');
    expect(timeField('otrf')).toBe('UtcTime');
  });
});
