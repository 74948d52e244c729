import { EVENT_ACTOR, EVENT_ACTOR_REF, EVENT_TYPE, eventRelations, witnesses, type EventRelation } from '../src/model/event-relations';
import { findRelation } from '../src/model/relations';
import type { GraphStore } from './graph-store';

/** One relation between an input entity and the entity found from it. */
export interface RelationLink {
  input: string;
  found: string;
  relation: string;
}

/**
 * "subject RELATION object" from `ids` on one side to entities on the other (toward 'object': ids are
 * subjects): the refs of the relation table's row, then the events that witness the relation.
 */
export async function relationLinks(
  store: GraphStore, ids: readonly string[], subject: string, relation: string, object: string, toward: 'subject' | 'object',
): Promise<RelationLink[]> {
  const byRef: RelationLink[] = [];
  for (const w of findRelation(subject, relation, object)?.via ?? []) {
    const inputHoldsRef = (w.side === 'object') === (toward === 'subject');
    const next = await store.neighbors(ids, w.ref, inputHoldsRef ? 'out' : 'in');
    for (const input of ids) for (const found of next.get(input) ?? []) byRef.push({ input, found, relation });
  }
  const wanted = toward === 'object' ? object : subject;
  const typed = new Set((await store.entities([...new Set(byRef.map((l) => l.found))])).filter((e) => e.type === wanted).map((e) => e.id));
  const rows = eventRelations(subject, relation, object);
  const links = [...byRef.filter((l) => typed.has(l.found)), ...(rows.length ? await throughEvents(store, ids, rows, toward === 'object' ? 'object' : 'actor') : [])];
  const seen = new Set<string>();
  return links.filter((l) => {
    const key = `${l.input}\u0000${l.found}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Follows events from `ids`: toward 'object', from acting processes (event `process_ref`) to what the events
 * acted on; toward 'actor', from those objects back to the processes. Only events whose action witnesses one of
 * `rows` count, and only found entities of the row's type. A few set-oriented store calls per object ref.
 */
async function throughEvents(
  store: GraphStore, ids: readonly string[], rows: readonly EventRelation[], toward: 'object' | 'actor',
): Promise<RelationLink[]> {
  const links: RelationLink[] = [];
  for (const objectRef of new Set(rows.map((r) => r.objectRef))) {
    const refRows = rows.filter((r) => r.objectRef === objectRef);
    const [inRef, outRef] = toward === 'object' ? [EVENT_ACTOR_REF, objectRef] : [objectRef, EVENT_ACTOR_REF];
    const eventsOf = await store.neighbors(ids, inRef, 'in');
    const events = await store.entities([...new Set([...eventsOf.values()].flat())]);
    const relationsOf = new Map<string, EventRelation[]>();
    for (const e of events) {
      const matched = e.type === EVENT_TYPE ? refRows.filter((r) => witnesses(r, e.attrs.action)) : [];
      if (matched.length) relationsOf.set(e.id, matched);
    }
    const targetsOf = await store.neighbors([...relationsOf.keys()], outRef, 'out');
    const typeOf = new Map((await store.entities([...new Set([...targetsOf.values()].flat())])).map((e) => [e.id, e.type]));
    for (const input of ids) {
      for (const event of eventsOf.get(input) ?? []) {
        for (const row of relationsOf.get(event) ?? []) {
          const wanted = toward === 'object' ? row.object : EVENT_ACTOR;
          for (const found of targetsOf.get(event) ?? []) {
            if (typeOf.get(found) === wanted) links.push({ input, found, relation: row.relation });
          }
        }
      }
    }
  }
  return links;
}
