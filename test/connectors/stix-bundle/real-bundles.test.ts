import type { Observation } from '../../../src/model/observation';
import { FIXTURES, readAll, typeCounts } from './helpers';

async function withWarnings(uri: string): Promise<{ observations: Observation[]; warnings: string[] }> {
  const warnings: string[] = [];
  const observations = await readAll(uri, { baseDir: FIXTURES, onWarning: (m) => warnings.push(m) });
  return { observations, warnings };
}

describe('stix-bundle on the Kestrel and stix-shifter bundles', () => {
  test('doctored-1k: 974 records with the object counts of the data README', async () => {
    const { observations, warnings } = await withWarnings('doctored-1k.json');
    expect(observations).toHaveLength(974);
    expect(typeCounts(observations)).toEqual({
      process: 1000,
      'ipv4-addr': 998,
      'user-account': 974,
      'network-traffic': 948,
      'ipv6-addr': 898,
      directory: 851,
      file: 851,
    });
    expect(warnings).toEqual([]);
    expect(observations.map((o) => o.firstObserved).sort()[0]).toBe('2019-11-16T12:55:28.101Z');
    expect(observations.map((o) => o.lastObserved).sort().at(-1)).toBe('2019-11-16T13:31:25.354Z');
    expect(new Set(observations.map((o) => o.id)).size).toBe(974);
  });

  test('doctored-1k: the first record, with refs by dictionary key', async () => {
    const [first] = (await withWarnings('doctored-1k.json')).observations;
    expect(first).toMatchObject({
      id: 'observed-data--51d886d7-397b-4ab8-acb2-201d4ad5a303',
      firstObserved: '2019-11-16T12:55:28.101Z',
      lastObserved: '2019-11-16T12:55:28.101Z',
      numberObserved: 1,
    });
    expect(first.source).toMatch(/^file:\/\/\/.*\/test\/fixtures\/doctored-1k\.json$/);
    expect(first.objects.map((o) => o.key)).toEqual(['0', '1', '2', '3', '4', '5', '6']);
    expect(first.objects[6]).toEqual({
      key: '6',
      type: 'process',
      attrs: { pid: 1380, name: 'svchost.exe', created: '2019-11-16T12:55:28.101Z' },
      refs: { opened_connection_refs: ['5'], creator_user_ref: '2', binary_ref: '1' },
    });
    expect(first.objects[5].refs).toEqual({ src_ref: '3', dst_ref: '4' });
  });

  test('doctored-1k: 26 processes name their parent, which is a process of the same record', async () => {
    const { observations } = await withWarnings('doctored-1k.json');
    const children = observations.flatMap((o) =>
      o.objects.filter((p) => p.type === 'process' && p.refs.parent_ref !== undefined).map((p) => ({ o, p })),
    );
    expect(children).toHaveLength(26);
    for (const { o, p } of children) expect(o.objects.find((x) => x.key === p.refs.parent_ref)?.type).toBe('process');
    const cmd = children.find(({ o }) => o.id === 'observed-data--aa498f89-917b-4634-adda-46a373536ea7');
    expect(cmd?.p.attrs.name).toBe('cmd.exe');
    const parent = cmd?.o.objects.find((x) => x.key === cmd.p.refs.parent_ref);
    expect(parent?.attrs).toMatchObject({ pid: 6164, name: 'WD Discovery.exe' });
  });

  test('test_bundle: 100 records, custom observed-data properties ignored', async () => {
    const { observations } = await withWarnings('test_bundle.json');
    expect(observations).toHaveLength(100);
    expect(typeCounts(observations)).toEqual({ 'ipv4-addr': 200, 'network-traffic': 100, 'user-account': 100, url: 31 });
    expect(observations[0].firstObserved).toBe('2020-06-30T19:25:09.447726Z');
  });

  test('test_bundle_4 and test_bundle_5: Carbon Black processes with nested hashes', async () => {
    const four = (await withWarnings('test_bundle_4.json')).observations;
    const five = (await withWarnings('test_bundle_5.json')).observations;
    expect(four).toHaveLength(2);
    expect(five).toHaveLength(3);
    expect(typeCounts(four)).toEqual({ process: 4, file: 4, directory: 4, 'x-cbcloud': 2, 'user-account': 2 });
    expect(typeCounts(five)).toEqual({ process: 6, file: 6, directory: 6, 'x-cbcloud': 3, 'user-account': 3 });
    const file = four[0].objects.find((o) => o.key === '2');
    expect(file).toEqual({
      key: '2',
      type: 'file',
      attrs: {
        name: 'compattelrunner.exe',
        hashes: { 'SHA-256': 'c0a5986a4dd6d7cacf09c5a980df634c44ff73028206d99cb561e64a74a0958a' },
      },
      refs: { parent_directory_ref: '7' },
    });
    expect(four[0].objects.find((o) => o.key === '3')?.refs.parent_ref).toBe('1');
  });

  test('test_bundle_nt_1: fifteen object types, custom x-* refs kept', async () => {
    const { observations } = await withWarnings('test_bundle_nt_1.json');
    expect(observations).toHaveLength(5);
    expect(typeCounts(observations)).toEqual({
      'ipv4-addr': 15, process: 5, 'x-oca-event': 5, 'x-ecs-process': 5, file: 5, directory: 5, 'network-traffic': 5,
      'x-oca-asset': 5, 'ipv6-addr': 5, 'mac-addr': 5, 'x-ecs-source': 5, 'x-ecs-user': 5, 'user-account': 5,
      'x-ecs-network': 5, 'x-ecs-destination': 4,
    });
    const asset = observations[0].objects.find((o) => o.type === 'x-oca-asset');
    expect(asset?.refs).toEqual({ ip_refs: ['8', '9'], mac_refs: ['10'] });
    expect(asset?.attrs.id).toBe('ca21cdf6-3888-4c03-ae56-9ad5ca4b5981');
  });

  test('cb_observed_156: 156 records, each with a process naming its parent', async () => {
    const { observations, warnings } = await withWarnings('cb_observed_156.json');
    expect(observations).toHaveLength(156);
    expect(typeCounts(observations)).toEqual({
      file: 312, process: 312, 'ipv4-addr': 312, 'domain-name': 156, 'network-traffic': 156, 'user-account': 156,
    });
    expect(observations.filter((o) => o.objects.some((p) => p.refs.parent_ref !== undefined))).toHaveLength(156);
    expect(warnings).toEqual([]);
  });

  test('stix-2.1: one record of the observables its object_refs name; the identity is no object', async () => {
    const { observations, warnings } = await withWarnings('stix-2.1.json');
    expect(observations).toHaveLength(1);
    const [record] = observations;
    expect(record).toMatchObject({
      id: 'observed-data--7f29b8b3-d380-4fa7-b5db-84f40badffb6',
      firstObserved: '2021-07-28T19:46:00.809Z',
      lastObserved: '2021-07-28T19:46:00.809Z',
      numberObserved: 1,
    });
    expect(typeCounts(observations)).toEqual({
      'ipv4-addr': 3, 'x-oca-event': 1, 'x-qradar': 1, 'x-ibm-finding': 1, 'network-traffic': 1, 'mac-addr': 1, artifact: 1,
    });
    const traffic = record.objects.find((o) => o.type === 'network-traffic');
    expect(traffic).toEqual({
      key: 'network-traffic--29460399-c597-5f89-8800-f5b2cd0b256f',
      type: 'network-traffic',
      attrs: { src_port: 0, dst_port: 0, protocols: ['reserved'] },
      refs: {
        src_ref: 'ipv4-addr--9d9278c1-fc85-5792-b82a-a10294fe185b',
        dst_ref: 'ipv4-addr--bba0f0c6-64fe-5b55-9d66-d26927851019',
      },
    });
    // The QRadar event carries "host_ref": 5, a number: not a reference, so it is dropped with a warning.
    const event = record.objects.find((o) => o.type === 'x-oca-event');
    expect(Object.keys(event?.refs ?? {})).toEqual(['network_ref', 'original_ref']);
    expect(event?.attrs).not.toHaveProperty('host_ref');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('host_ref 5');
  });
});
