import { relationLinks } from '../../graph/event-relations';
import type { GraphStore, RecordScope } from '../../graph/graph-store';
import { isRefName, LINKED } from '../model/relations';

/**
 * FIND `type relation [BY] input`: a one-hop traversal over the edges the relation table names (every witness
 * ref of the row, unioned) and through the events that witness the relation; for a reference name, over the
 * edges of that name; for LINKED, entities mentioned by the same records.
 */
export async function findRelated(
  store: GraphStore,
  type: string,
  relation: string,
  reversed: boolean,
  input: { type: string; ids: readonly string[] },
  scope?: RecordScope,
): Promise<string[]> {
  const found = new Set<string>();
  if (relation === LINKED) {
    const records = [...new Set([...(await store.recordsOf(input.ids, scope)).values()].flat())];
    for (const ids of (await store.mentionedBy(records, type)).values()) for (const id of ids) found.add(id);
    return [...found];
  }
  if (isRefName(relation)) {
    // `FIND T ref V`: the T entities whose ref points at V's; with BY, the T entities V's refs point at.
    const next = await store.neighbors(input.ids, relation, reversed ? 'out' : 'in');
    for (const id of input.ids) for (const n of next.get(id) ?? []) found.add(n);
    const typed = new Set((await store.entities([...found])).filter((e) => e.type === type).map((e) => e.id));
    return [...found].filter((id) => typed.has(id));
  }
  const [subject, object] = reversed ? [input.type, type] : [type, input.type];
  for (const link of await relationLinks(store, input.ids, subject, relation, object, reversed ? 'object' : 'subject')) found.add(link.found);
  return [...found];
}
