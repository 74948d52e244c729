/**
 * Relations that events witness (second-degree relations, Kestrel issue #295), as data. An `x-oca-event`
 * whose action is one of `actions` relates its actor (its process, `EVENT_ACTOR_REF`, or its user: `EVENT_ACTORS`)
 * to the entity its `objectRef` points at: "process RELATION object", "user CREATED file" (Kestrel 2). An action is
 * matched token by token, so a SysFlow action `open,read_recv,close` witnesses READ.
 */
export interface EventRelation {
  relation: string;
  object: string;
  objectRef: string;
  /** Sysmon/ECS actions of the event-logs connector, SysFlow operation names (lower case). */
  actions: readonly string[];
}

export const EVENT_TYPE = 'x-oca-event';
export const EVENT_ACTOR = 'process';
export const EVENT_ACTOR_REF = 'process_ref';
/** The reference of an event that reaches each kind of actor. */
export const EVENT_ACTORS: Readonly<Record<string, string>> = { [EVENT_ACTOR]: EVENT_ACTOR_REF, 'user-account': 'user_ref' };
/** The action of an event that creates its acting process (Sysmon 1, Security 4688 in the event-logs mappings). */
export const PROCESS_CREATION = 'process_creation';

export const EVENT_RELATIONS: readonly EventRelation[] = [
  { relation: 'created', object: 'file', objectRef: 'file_ref', actions: ['file_create', 'mkdir'] },
  { relation: 'created', object: 'network-traffic', objectRef: 'network_ref', actions: ['network_connection', 'connect'] },
  { relation: 'accepted', object: 'network-traffic', objectRef: 'network_ref', actions: ['accept'] },
  { relation: 'loaded', object: 'file', objectRef: 'file_ref', actions: ['image_load', 'mmap'] },
  { relation: 'written', object: 'file', objectRef: 'file_ref', actions: ['write_send'] },
  { relation: 'written', object: 'windows-registry-key', objectRef: 'registry_ref', actions: ['registry_value_set'] },
  { relation: 'read', object: 'file', objectRef: 'file_ref', actions: ['read_recv'] },
  { relation: 'deleted', object: 'file', objectRef: 'file_ref', actions: ['file_delete', 'unlink', 'rmdir'] },
];

/** Kestrel 2's UPDATED is what kestrel-ts's events call WRITTEN. */
export function eventRelationWord(relation: string): string {
  return relation === 'updated' ? 'written' : relation;
}

/** The event rows for "subject RELATION object" (none unless the subject is an actor: a process or a user). */
export function eventRelations(subject: string, relation: string, object: string): EventRelation[] {
  if (!Object.hasOwn(EVENT_ACTORS, subject)) return [];
  return EVENT_RELATIONS.filter((r) => r.relation === eventRelationWord(relation) && r.object === object);
}

/** Whether an event's action (one name, or SysFlow's comma-separated operations) is one of the row's. */
export function witnesses(row: EventRelation, action: unknown): boolean {
  return typeof action === 'string' && action.split(',').some((a) => row.actions.includes(a.trim().toLowerCase()));
}
