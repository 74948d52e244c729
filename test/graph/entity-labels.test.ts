/** How the view and TRACK rows name entities: an event by what happened and its code, not by its id. */
import { entityLabels } from '../../graph/entity-labels';
import { MemoryStore } from '../../graph/memory-store';
import type { Observation } from '../../src/model/observation';

test('events are named by their action or, without one, by their code and log', async () => {
  const store = new MemoryStore();
  const record = (n: number, attrs: Record<string, string | number>): Observation => ({
    id: `observed-data--00000000-0000-4000-8000-00000000000${n}`,
    source: 'file:///events.json',
    firstObserved: '2020-12-19T12:00:00Z',
    lastObserved: '2020-12-19T12:00:00Z',
    numberObserved: 1,
    objects: [{ key: '0', type: 'x-oca-event', attrs, refs: {} }],
  });
  await store.ingest([
    record(1, { action: 'process_creation', code: 1, module: 'sysmon' }),
    record(2, { code: 5158, module: 'security' }),
    record(3, { category: 'file' }),
    record(4, { outcome: 'success' }),
  ]);
  const events = await store.entities(await store.entityIds('x-oca-event'));
  const labels = [...(await entityLabels(store, events)).values()];
  expect(labels.slice(0, 3)).toEqual(['process_creation (1)', 'event 5158 (security)', 'file']);
  expect(labels[3]).toMatch(/^x-oca-event--/);
});
