import { parseBundle } from '../../../connectors/stix-bundle';
import { stableId } from '../../../src/model/stable-id';

const SOURCE = 'file:///data/hunt.json';

function parse(json: unknown): { observations: ReturnType<typeof parseBundle>; warnings: string[] } {
  const warnings: string[] = [];
  const observations = parseBundle(json, SOURCE, (m) => warnings.push(m));
  return { observations, warnings };
}

function bundle(...objects: unknown[]): unknown {
  return { type: 'bundle', id: 'bundle--1', objects };
}

function observed20(id: string, objects: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'observed-data', id, first_observed: '2024-01-01T00:00:00Z', last_observed: '2024-01-01T00:00:01Z', objects, ...extra };
}

describe('parseBundle, STIX 2.0 objects dictionaries', () => {
  test('a dangling ref is dropped with a warning; the rest of a _refs list stays', () => {
    const { observations, warnings } = parse(
      bundle(
        observed20('observed-data--a', {
          '0': { type: 'ipv4-addr', value: '10.0.0.1' },
          '1': { type: 'network-traffic', src_ref: '0', dst_ref: '9' },
          '2': { type: 'process', pid: 4, opened_connection_refs: ['1', '7'], child_refs: 'not-a-list' },
        }),
      ),
    );
    const [traffic, process] = observations[0].objects.slice(1);
    expect(traffic.refs).toEqual({ src_ref: '0' });
    expect(process.refs).toEqual({ opened_connection_refs: ['1'] });
    expect(process.attrs).toEqual({ pid: 4 });
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toBe('/data/hunt.json: observed-data--a object "1": dst_ref "9" names no object of the record; dropped');
    expect(warnings[1]).toContain('opened_connection_refs "7"');
    expect(warnings[2]).toContain('child_refs "not-a-list"');
  });

  test('an object without type is skipped, and refs to it dangle', () => {
    const { observations, warnings } = parse(
      bundle(observed20('observed-data--a', { '0': { value: '10.0.0.1' }, '1': { type: 'network-traffic', src_ref: '0' }, '2': null })),
    );
    expect(observations[0].objects).toEqual([{ key: '1', type: 'network-traffic', attrs: {}, refs: {} }]);
    expect(warnings.map((w) => w.replace('/data/hunt.json: ', ''))).toEqual([
      'observed-data--a object "0" has no type; skipped',
      'observed-data--a object "2" has no type; skipped',
      'observed-data--a object "1": src_ref "0" names no object of the record; dropped',
    ]);
  });

  test('observed-data with neither objects nor object_refs is skipped; so are untyped bundle entries', () => {
    const { observations, warnings } = parse(
      bundle(
        { type: 'observed-data', id: 'observed-data--empty', first_observed: '2024-01-01T00:00:00Z' },
        { id: 'x--1' },
        42,
        observed20('observed-data--b', { '0': { type: 'mutex', name: 'm' } }),
      ),
    );
    expect(observations.map((o) => o.id)).toEqual(['observed-data--b']);
    expect(warnings).toEqual([
      '/data/hunt.json: bundle object 1 has no type; skipped',
      '/data/hunt.json: bundle object 2 has no type; skipped',
      '/data/hunt.json: observed-data--empty has neither "objects" nor "object_refs"; skipped',
    ]);
  });

  test('number_observed defaults to 1; a missing observed-data id is derived from source and position', () => {
    const { observations } = parse(
      bundle(
        { type: 'observed-data', objects: { '0': { type: 'mutex', name: 'a' } } },
        observed20('observed-data--c', { '0': { type: 'mutex', name: 'b' } }, { number_observed: 5 }),
      ),
    );
    expect(observations[0]).toEqual({
      id: stableId('observed-data', `${SOURCE}#0`),
      source: SOURCE,
      numberObserved: 1,
      objects: [{ key: '0', type: 'mutex', attrs: { name: 'a' }, refs: {} }],
    });
    expect(observations[1].numberObserved).toBe(5);
  });

  test('hostile keys and huge strings neither pollute prototypes nor flood warnings', () => {
    const huge = 'A'.repeat(5_000_000);
    const json = JSON.parse(`{"type": "bundle", "objects": [{"type": "observed-data", "id": "observed-data--h", "objects": {
      "__proto__": {"type": "file", "name": "proto.exe", "__proto__": {"polluted": true}},
      "1": {"type": "process", "name": "${huge}", "constructor": "c", "hasOwnProperty": 1, "toString": [1],
            "binary_ref": "__proto__", "parent_ref": "${huge}"}}}]}`);
    const { observations, warnings } = parse(json);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const [process, file] = observations[0].objects;
    expect(file.key).toBe('__proto__');
    expect(Object.getPrototypeOf(file.attrs)).toBe(Object.prototype);
    expect(Object.keys(file.attrs)).toEqual(['name', '__proto__']);
    expect(Object.getOwnPropertyDescriptor(file.attrs, '__proto__')?.value).toEqual({ polluted: true });
    expect(process.attrs.name).toHaveLength(5_000_000);
    expect(Object.keys(process.attrs)).toEqual(['name', 'constructor', 'hasOwnProperty', 'toString']);
    expect(process.refs).toEqual({ binary_ref: '__proto__' });
    expect(warnings).toHaveLength(1);
    expect(warnings[0].length).toBeLessThan(200);
  });
});

describe('parseBundle, STIX 2.1 top-level observables', () => {
  const ids = {
    identity: 'identity--1',
    marking: 'marking-definition--1',
    process: 'process--1',
    file: 'file--1',
    directory: 'directory--1',
    traffic: 'network-traffic--1',
    src: 'ipv4-addr--1',
    mac: 'mac-addr--1',
    lonely: 'ipv4-addr--9',
    domain: 'domain-name--1',
    resolved: 'ipv4-addr--2',
  };
  const bundle21 = bundle(
    { type: 'identity', id: ids.identity, spec_version: '2.1', name: 'tool' },
    { type: 'marking-definition', id: ids.marking, spec_version: '2.1' },
    {
      type: 'observed-data',
      id: 'observed-data--21',
      spec_version: '2.1',
      first_observed: '2024-02-01T00:00:00Z',
      last_observed: '2024-02-01T00:00:00Z',
      number_observed: 2,
      object_refs: [ids.process, ids.identity, 'file--missing'],
    },
    { type: 'process', id: ids.process, spec_version: '2.1', pid: 7, image_ref: ids.file, opened_connection_refs: [ids.traffic] },
    { type: 'file', id: ids.file, spec_version: '2.1', name: 'a.exe', parent_directory_ref: ids.directory, object_marking_refs: [ids.marking] },
    { type: 'directory', id: ids.directory, spec_version: '2.1', path: 'C:\\x' },
    { type: 'network-traffic', id: ids.traffic, spec_version: '2.1', src_ref: ids.src, dst_ref: 'ipv4-addr--gone' },
    { type: 'ipv4-addr', id: ids.src, spec_version: '2.1', value: '10.0.0.2', resolves_to_refs: [ids.mac] },
    { type: 'mac-addr', id: ids.mac, spec_version: '2.1', value: '00:00:00:00:00:01' },
    { type: 'ipv4-addr', id: ids.lonely, spec_version: '2.1', value: '10.9.9.9' },
    { type: 'domain-name', id: ids.domain, spec_version: '2.1', value: 'example.org', resolves_to_refs: [ids.resolved] },
    { type: 'ipv4-addr', id: ids.resolved, spec_version: '2.1', value: '93.184.216.34' },
    { type: 'relationship', id: 'relationship--1', source_ref: ids.process, target_ref: ids.file },
  );

  test('an observed-data holds its object_refs and every observable their refs reach', () => {
    const { observations } = parse(bundle21);
    const record = observations[0];
    expect(record).toMatchObject({ id: 'observed-data--21', firstObserved: '2024-02-01T00:00:00Z', numberObserved: 2 });
    expect(record.objects.map((o) => o.key)).toEqual([ids.process, ids.file, ids.traffic, ids.directory, ids.src, ids.mac]);
    expect(record.objects[0]).toEqual({
      key: ids.process,
      type: 'process',
      attrs: { pid: 7 },
      refs: { image_ref: ids.file, opened_connection_refs: [ids.traffic] },
    });
    expect(record.objects[1]).toEqual({
      key: ids.file,
      type: 'file',
      attrs: { name: 'a.exe' },
      refs: { parent_directory_ref: ids.directory },
    });
    expect(record.objects[4].refs).toEqual({ resolves_to_refs: [ids.mac] });
  });

  test('refs to missing ids warn; refs to identities and markings are dropped quietly', () => {
    const { warnings } = parse(bundle21);
    expect(warnings).toEqual([
      '/data/hunt.json: observed-data--21 object_refs names "file--missing", which is not in the bundle; dropped',
      '/data/hunt.json: observed-data--21 object "network-traffic--1": dst_ref "ipv4-addr--gone" names no object of the record; dropped',
    ]);
  });

  test('observables no observed-data reaches become records of their own, with deterministic ids', () => {
    const { observations } = parse(bundle21);
    expect(observations).toHaveLength(3);
    const [lonely, domain] = observations.slice(1);
    expect(lonely).toEqual({
      id: stableId('observed-data', ids.lonely),
      source: SOURCE,
      numberObserved: 1,
      objects: [{ key: ids.lonely, type: 'ipv4-addr', attrs: { value: '10.9.9.9' }, refs: {} }],
    });
    expect(domain.id).toBe(stableId('observed-data', ids.domain));
    expect(domain.objects.map((o) => o.key)).toEqual([ids.domain, ids.resolved]);
    expect(parse(bundle21).observations.map((o) => o.id)).toEqual(observations.map((o) => o.id));
  });

  test('observables that only name each other still become one record', () => {
    const { observations } = parse(
      bundle(
        { type: 'process', id: 'process--a', pid: 1, child_refs: ['process--b'] },
        { type: 'process', id: 'process--b', pid: 2, parent_ref: 'process--a' },
      ),
    );
    expect(observations).toHaveLength(1);
    expect(observations[0].id).toBe(stableId('observed-data', 'process--a'));
    expect(observations[0].objects.map((o) => o.refs)).toEqual([{ child_refs: ['process--b'] }, { parent_ref: 'process--a' }]);
  });
});

describe('parseBundle, input that is not a bundle', () => {
  test.each([
    [[{ type: 'bundle' }], 'found a JSON array of 1 items'],
    [{ name: 'x', type: 'report' }, 'found a JSON object with type "report" and keys "name", "type"'],
    [{ a: 1 }, 'found a JSON object with no "type" and keys "a"'],
    [{ type: 'bundle', id: 'bundle--2' }, 'found a bundle whose "objects" is missing'],
    [{ type: 'bundle', objects: {} }, 'found a bundle whose "objects" is an object, not an array'],
    ['bundle', 'found a JSON string'],
    [null, 'found a JSON null'],
  ])('%j is E_BAD_INPUT_FILE', (json, found) => {
    expect(() => parseBundle(json, SOURCE)).toThrow(
      expect.objectContaining({ code: 'E_BAD_INPUT_FILE', file: '/data/hunt.json', message: expect.stringContaining(found) }),
    );
  });
});
