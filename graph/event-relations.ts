import { EVENT_ACTORS, EVENT_TYPE, eventRelations, witnesses, type EventRelation } from '../src/model/event-relations';
import { eventRoles, playsRole, type EventRole } from '../src/model/event-roles';
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
 * subjects): the refs of the relation table's row, then the events that witness the relation, then the events'
 * roles (Kestrel 2's RESPONDED and ORIGINATED, between an entity and an event).
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
  const roles = eventRoles(subject, relation, object);
  const links = [
    ...byRef.filter((l) => typed.has(l.found)),
    ...(rows.length ? await throughEvents(store, ids, rows, toward === 'object' ? 'object' : 'actor', subject) : []),
    ...(await throughRoles(store, ids, roles, toward, relation)),
  ];
  const seen = new Set<string>();
  return links.filter((l) => {
    const key = `${l.input}\u0000${l.found}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Follows events from `ids`: toward 'object', from actors (the event's `process_ref`, or `user_ref` for a user) to
 * what the events acted on; toward 'actor', from those objects back to the actors. Only events whose action
 * witnesses one of `rows` count, and only found entities of the row's type. A few set-oriented store calls per
 * object ref.
 */
async function throughEvents(
  store: GraphStore, ids: readonly string[], rows: readonly EventRelation[], toward: 'object' | 'actor', actor: string,
): Promise<RelationLink[]> {
  const links: RelationLink[] = [];
  const actorRef = EVENT_ACTORS[actor];
  for (const objectRef of new Set(rows.map((r) => r.objectRef))) {
    const refRows = rows.filter((r) => r.objectRef === objectRef);
    const [inRef, outRef] = toward === 'object' ? [actorRef, objectRef] : [objectRef, actorRef];
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
          const wanted = toward === 'object' ? row.object : actor;
          for (const found of targetsOf.get(event) ?? []) {
            if (typeOf.get(found) === wanted) links.push({ input, found, relation: row.relation });
          }
        }
      }
    }
  }
  return links;
}

/**
 * Events and the entities they hold in a role: toward 'subject', from events (`ids`) along each role's path to the
 * entities; toward 'object', from entities back along the path to the events. Process roles count only on events
 * that play them (a creation event's process is the one it created, its originator the parent).
 */
async function throughRoles(
  store: GraphStore, ids: readonly string[], roles: readonly EventRole[], toward: 'subject' | 'object', relation: string,
): Promise<RelationLink[]> {
  const links: RelationLink[] = [];
  for (const role of roles) {
    const path = toward === 'subject' ? role.path : [...role.path].reverse();
    let reached = new Map(ids.map((id) => [id, [id]]));
    for (const ref of path) {
      const next = await store.neighbors([...new Set([...reached.values()].flat())], ref, toward === 'subject' ? 'out' : 'in');
      reached = new Map([...reached].map(([start, at]) => [start, [...new Set(at.flatMap((a) => next.get(a) ?? []))]]));
    }
    const events = toward === 'subject' ? ids : [...new Set([...reached.values()].flat())];
    const found = toward === 'subject' ? [...new Set([...reached.values()].flat())] : ids;
    const playing = new Set((await store.entities(events)).filter((e) => e.type === EVENT_TYPE && playsRole(role, e.attrs.action)).map((e) => e.id));
    const typed = new Set((await store.entities(found)).filter((e) => e.type === role.type).map((e) => e.id));
    for (const [input, at] of reached) {
      for (const f of at) {
        const [event, entity] = toward === 'subject' ? [input, f] : [f, input];
        if (playing.has(event) && typed.has(entity)) links.push({ input, found: f, relation });
      }
    }
  }
  return links;
}
