import { MemoryStore } from '../../graph/memory-store';
import type { Observation, ObservedObject } from '../../src/model/observation';

/** A process of a hand-built forest; names are unique and stand for the process in assertions. */
export interface Proc {
  name: string;
  pid: number;
  created?: string;
  parent?: string;
}

export interface Forest {
  store: MemoryStore;
  id(name: string): string;
  name(id: string): string;
}

const guid = (name: string) => `{guid-${name}}`;

/** One record per process, mentioning it and its parent (parent_ref), each with a GUID so identity is exact. */
export async function forest(procs: readonly Proc[]): Promise<Forest> {
  const byName = new Map(procs.map((p) => [p.name, p]));
  const observations: Observation[] = procs.map((p, i) => {
    const objects: ObservedObject[] = [
      { key: '0', type: 'process', attrs: { pid: p.pid, name: p.name, x_unique_id: guid(p.name), ...(p.created ? { created: p.created } : {}) }, refs: {} },
    ];
    if (p.parent) {
      const parent = byName.get(p.parent)!;
      objects.push({ key: '1', type: 'process', attrs: { pid: parent.pid, name: parent.name, x_unique_id: guid(parent.name) }, refs: {} });
      objects[0].refs.parent_ref = '1';
    }
    return { id: `record-${i}`, source: 'test', firstObserved: '2021-01-01T00:00:00Z', numberObserved: 1, objects };
  });
  const store = new MemoryStore();
  await store.ingest(observations);
  const entities = await store.entities(await store.entityIds('process'));
  const ids = new Map(entities.map((e) => [e.attrs.name as string, e.id]));
  const names = new Map(entities.map((e) => [e.id, e.attrs.name as string]));
  return {
    store,
    id: (n) => ids.get(n) ?? fail(`no process ${n}`),
    name: (i) => names.get(i) ?? fail(`no process with id ${i}`),
  };
}

function fail(message: string): never {
  throw new Error(message);
}
