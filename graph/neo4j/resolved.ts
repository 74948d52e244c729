import type { AttrValue, Observation } from '../../src/model/observation';
import type { RecordNode } from '../graph-store';
import type { ProcessInstances } from '../process-instances';
import { resolveObservations, type IdCache } from '../resolve';

export interface ResolvedRecord {
  record: RecordNode;
  /** The source this load read it from. */
  source: string;
  /** In the order the resolver reported them; an entity may come more than once. */
  entities: { id: string; type: string; attrs: Record<string, AttrValue> }[];
  edges: { from: string; to: string; name: string }[];
}

export interface ResolvedLoad {
  /** Records neither stored already nor repeated, in resolution order. */
  fresh: ResolvedRecord[];
  /** Records already held (stored, or earlier in this load) that another source holds too. */
  alsoIn: { id: string; source: string }[];
}

/**
 * Resolves identities with the embedded store's code (graph/resolve.ts), so both stores give the same ids.
 * Stored records are resolved too, though not written again: a process without a GUID is told apart by the
 * sightings before it, so a load re-run after an interruption must see the same sightings to give the same ids.
 */
export function resolveNew(
  observations: readonly Observation[], processes: ProcessInstances, ids: IdCache, stored: ReadonlyMap<string, readonly string[]>,
): ResolvedLoad {
  const fresh: ResolvedRecord[] = [];
  const alsoIn: { id: string; source: string }[] = [];
  const held = new Map<string, string[]>();
  let current: ResolvedRecord | undefined;
  resolveObservations(observations, processes, ids, {
    record: (record) => {
      const [source] = record.sources;
      const sources = held.get(record.id) ?? stored.get(record.id);
      const firstHere = !held.has(record.id);
      current = undefined;
      if (!sources) fresh.push((current = { record, source, entities: [], edges: [] }));
      else if (!sources.includes(source)) alsoIn.push({ id: record.id, source });
      held.set(record.id, sources?.includes(source) ? [...sources] : [...(sources ?? []), source]);
      return firstHere;
    },
    entity: (id, type, attrs) => current?.entities.push({ id, type, attrs }),
    edge: (from, to, name) => current?.edges.push({ from, to, name }),
  });
  return { fresh, alsoIn };
}
