import type { GraphStore, RecordScope } from '../../graph/graph-store';
import { findRelation, LINKED } from '../model/relations';

/**
 * FIND `type relation [BY] input`: a one-hop traversal over the edges the relation table names
 * (every witness ref of the row, unioned), or, for LINKED, entities mentioned by the same records.
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
  const [subject, object] = reversed ? [input.type, type] : [type, input.type];
  const row = findRelation(subject, relation, object);
  if (!row) return [];
  for (const w of row.via) {
    // The input holds objects when not reversed; follow the edge toward the side we return.
    const inputHoldsRef = (w.side === 'object') !== reversed;
    const next = await store.neighbors(input.ids, w.ref, inputHoldsRef ? 'out' : 'in');
    for (const id of input.ids) for (const n of next.get(id) ?? []) found.add(n);
  }
  const typed = new Set((await store.entities([...found])).filter((e) => e.type === type).map((e) => e.id));
  return [...found].filter((id) => typed.has(id));
}
