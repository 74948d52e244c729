import type { AttrValue, Observation } from '../../src/model/observation';
import type { RecordNode } from '../graph-store';
import type { ProcessInstances } from '../process-instances';
import { resolveObservations, type IdCache } from '../resolve';

export interface ResolvedRecord {
  record: RecordNode;
  /** In the order the resolver reported them; an entity may come more than once. */
  entities: { id: string; type: string; attrs: Record<string, AttrValue> }[];
  edges: { from: string; to: string; name: string }[];
}

/**
 * Resolves identities with the embedded store's code (graph/resolve.ts), so both stores give the same ids,
 * and keeps the records that are neither stored already nor repeated, in resolution order.
 */
export function resolveNew(
  observations: readonly Observation[], processes: ProcessInstances, ids: IdCache, stored: ReadonlySet<string>,
): ResolvedRecord[] {
  const out: ResolvedRecord[] = [];
  const seen = new Set<string>();
  let current: ResolvedRecord;
  resolveObservations(observations, processes, ids, {
    record: (record) => {
      if (stored.has(record.id) || seen.has(record.id)) return false;
      seen.add(record.id);
      out.push((current = { record, entities: [], edges: [] }));
      return true;
    },
    entity: (id, type, attrs) => current.entities.push({ id, type, attrs }),
    edge: (from, to, name) => current.edges.push({ from, to, name }),
    endRecord: () => undefined,
  });
  return out;
}
