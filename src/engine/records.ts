import type { GraphStore, RecordNode } from '../../graph/graph-store';
import type { EntitySet } from './entity-set';

/** The distinct records that mention a set's entities, within its scope. */
export async function recordsOfSet(store: GraphStore, set: EntitySet): Promise<RecordNode[]> {
  const byEntity = await store.recordsOf(set.ids, set.scope);
  const ids = new Set<string>();
  for (const rs of byEntity.values()) for (const r of rs) ids.add(r);
  return store.records([...ids]);
}

/** [earliest first_observed, latest last_observed] over a set's records, in epoch ms. */
export async function recordTimeRange(store: GraphStore, set: EntitySet): Promise<{ start: number; stop: number } | undefined> {
  let start = Infinity;
  let stop = -Infinity;
  for (const r of await recordsOfSet(store, set)) {
    if (r.firstObserved !== undefined) start = Math.min(start, r.firstObserved);
    const last = r.lastObserved ?? r.firstObserved;
    if (last !== undefined) stop = Math.max(stop, last);
  }
  return start === Infinity ? undefined : { start, stop };
}
