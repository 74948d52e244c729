/** relationLinks: relation-table refs unioned with what x-oca-event records witness, on a small graph. */
import { relationLinks } from '../../graph/event-relations';
import { MemoryStore } from '../../graph/memory-store';
import type { Observation, ObservedObject } from '../../src/model/observation';
import { EVENT_RELATIONS, witnesses } from '../../src/model/event-relations';

const proc = (name: string): ObservedObject => ({ key: name, type: 'process', attrs: { x_unique_id: `guid-${name}`, pid: 1, name }, refs: {} });
const file = (name: string): ObservedObject => ({ key: name, type: 'file', attrs: { name }, refs: {} });

/** One record: an event of `type` whose process_ref is `actor` and whose `ref` points at `object`. */
function event(n: number, action: string, actor: string, object: ObservedObject, ref = 'file_ref', type = 'x-oca-event'): Observation {
  return {
    id: `observed-data--${n}`, source: 'test', firstObserved: `2024-01-01T00:00:0${n}Z`, numberObserved: 1,
    objects: [proc(actor), object, { key: 'e', type, attrs: { action }, refs: { process_ref: actor, [ref]: object.key } }],
  };
}

async function graph(): Promise<{ store: MemoryStore; id: (type: string, name: string) => string }> {
  const store = new MemoryStore();
  await store.ingest([
    event(1, 'open,read_recv,close', 'reader', file('f')),
    event(2, 'write_send', 'writer', file('f')),
    event(3, 'exec', 'idle', file('g')),
    event(4, 'image_load', 'loader', file('module.dll')),
    event(5, 'file_create', 'creator', { key: 'd', type: 'directory', attrs: { path: '/tmp' }, refs: {} }),
    event(6, 'write_send', 'faker', file('h'), 'file_ref', 'x-custom'),
    {
      id: 'observed-data--7', source: 'test', firstObserved: '2024-01-01T00:00:07Z', numberObserved: 1,
      objects: [{ ...proc('loader'), refs: { binary_ref: 'bin' } }, file('bin')],
    },
  ]);
  const all = await store.entities([...(await store.entityIds('process')), ...(await store.entityIds('file'))]);
  return { store, id: (type, name) => all.find((e) => e.type === type && e.attrs.name === name)!.id };
}

describe('relationLinks', () => {
  it('goes from a process to what its events acted on, matching SysFlow actions token by token', async () => {
    const { store, id } = await graph();
    expect(await relationLinks(store, [id('process', 'reader')], 'process', 'read', 'file', 'object'))
      .toEqual([{ input: id('process', 'reader'), found: id('file', 'f'), relation: 'read' }]);
    expect(await relationLinks(store, [id('process', 'reader')], 'process', 'written', 'file', 'object')).toEqual([]);
  });

  it('goes from an object back to the processes whose events acted on it', async () => {
    const { store, id } = await graph();
    const links = await relationLinks(store, [id('file', 'f')], 'process', 'written', 'file', 'subject');
    expect(links.map((l) => l.found)).toEqual([id('process', 'writer')]);
  });

  it('unions the relation table refs (binary_ref) with events (image_load)', async () => {
    const { store, id } = await graph();
    const links = await relationLinks(store, [id('process', 'loader')], 'process', 'loaded', 'file', 'object');
    expect(links.map((l) => l.found)).toEqual([id('file', 'bin'), id('file', 'module.dll')]);
  });

  it('ignores events of other actions, objects of another type, and non-event entities holding the same refs', async () => {
    const { store, id } = await graph();
    const procs = ['idle', 'creator', 'faker'].map((n) => id('process', n));
    expect(await relationLinks(store, procs, 'process', 'created', 'file', 'object')).toEqual([]);
    expect(await relationLinks(store, procs, 'process', 'written', 'file', 'object')).toEqual([]);
  });
});

describe('the event relation table', () => {
  it('uses only relation words the language has, each action once per object ref', () => {
    expect(new Set(EVENT_RELATIONS.map((r) => r.relation))).toEqual(new Set(['created', 'accepted', 'loaded', 'written', 'read', 'deleted']));
    const seen = EVENT_RELATIONS.flatMap((r) => r.actions.map((a) => `${r.objectRef}:${a}`));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('reads Sysmon action names and SysFlow operation lists', () => {
    const read = EVENT_RELATIONS.find((r) => r.relation === 'read')!;
    expect(witnesses(read, 'open,read_recv,close')).toBe(true);
    expect(witnesses(read, 'open,close')).toBe(false);
    expect(witnesses(read, undefined)).toBe(false);
  });
});
