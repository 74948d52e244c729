import type { GraphStore } from '../../graph/graph-store';
import type { AttrValue, Observation } from '../model/observation';
import { rowObjects } from '../model/row-objects';
import { stableId, stableStringify } from '../model/stable-id';
import type { EntitySet } from './entity-set';

/**
 * NEW and LOAD: one record per row, mentioning the row's entity and those its dotted keys reach. The set holds the
 * rows' own entities: of a record's entities of the type, those none of the others references (a parent_ref's
 * process is not a row).
 */
export async function construct(
  store: GraphStore, type: string, source: string, rows: readonly Readonly<Record<string, AttrValue>>[],
): Promise<EntitySet> {
  const observations: Observation[] = rows.map((row, i) => ({
    id: stableId('observed-data', `${source}:${i}:${stableStringify(row)}`),
    source,
    numberObserved: 1,
    objects: rowObjects(type, row),
  }));
  await store.ingest(observations);
  const mentioned = await store.mentionedBy(observations.map((o) => o.id), type);
  const all = [...new Set([...mentioned.values()].flat())];
  const referenced = new Map<string, Set<string>>();
  for (const ref of new Set(observations.flatMap((o) => o.objects.flatMap((x) => Object.keys(x.refs))))) {
    for (const [from, to] of await store.neighbors(all, ref, 'out')) referenced.set(from, new Set([...(referenced.get(from) ?? []), ...to]));
  }
  const ids = observations.flatMap((o) => {
    const es = mentioned.get(o.id) ?? [];
    return es.filter((e) => !es.some((other) => referenced.get(other)?.has(e)));
  });
  return { type, ids: [...new Set(ids)], scope: { sources: [source] } };
}
