import { EVENT_TYPE, PROCESS_CREATION } from './event-relations';

/**
 * Kestrel 2's event relations (`config/relations/event.csv`), as data: "T RESPONDED event" for the entity an event
 * acts on (its OCSF `process`, `file`, `device`, `dst_endpoint`, …), "T ORIGINATED event" for the one that acts
 * (`actor.process`, `actor.user`, `src_endpoint`). In kestrel-ts an event is an x-oca-event and its OCSF fields are
 * its references: `path` is followed from the event to the entity.
 */
export interface EventRole {
  relation: 'responded' | 'originated';
  /** The STIX type of the entity. */
  type: string;
  /** The OCSF field (the event's column in Kestrel 2). */
  field: string;
  path: readonly string[];
  /** Only events about their own process_ref (true), or only the others (false). */
  self?: boolean;
}

/** Actions whose event is about its process_ref (the process it creates or ends), not by it. */
export const SELF_ACTIONS: readonly string[] = [PROCESS_CREATION, 'process_terminated'];

export const EVENT_ROLES: readonly EventRole[] = [
  { relation: 'responded', type: 'process', field: 'process', path: ['process_ref'], self: true },
  { relation: 'responded', type: 'process', field: 'process', path: ['target_process_ref'] },
  { relation: 'originated', type: 'process', field: 'actor.process', path: ['parent_process_ref'], self: true },
  { relation: 'originated', type: 'process', field: 'actor.process', path: ['process_ref'], self: false },
  { relation: 'originated', type: 'user-account', field: 'actor.user', path: ['user_ref'] },
  { relation: 'responded', type: 'user-account', field: 'user', path: ['user_ref'] },
  { relation: 'responded', type: 'file', field: 'file', path: ['file_ref'] },
  { relation: 'responded', type: 'x-oca-asset', field: 'device', path: ['host_ref'] },
  { relation: 'responded', type: 'windows-registry-key', field: 'reg_key', path: ['registry_ref'] },
  { relation: 'responded', type: 'domain-name', field: 'query', path: ['domain_ref'] },
  { relation: 'responded', type: 'x-ocsf-managed-entity', field: 'entity', path: ['entity_ref'] },
  { relation: 'originated', type: 'ipv4-addr', field: 'src_endpoint', path: ['network_ref', 'src_ref'] },
  { relation: 'originated', type: 'ipv6-addr', field: 'src_endpoint', path: ['network_ref', 'src_ref'] },
  { relation: 'responded', type: 'ipv4-addr', field: 'dst_endpoint', path: ['network_ref', 'dst_ref'] },
  { relation: 'responded', type: 'ipv6-addr', field: 'dst_endpoint', path: ['network_ref', 'dst_ref'] },
];

export const EVENT_ROLE_RELATIONS: readonly string[] = ['responded', 'originated'];

/** The roles for "subject RELATION object": an entity type, RESPONDED or ORIGINATED, and events. */
export function eventRoles(subject: string, relation: string, object: string): EventRole[] {
  if (object !== EVENT_TYPE) return [];
  return EVENT_ROLES.filter((r) => r.relation === relation && r.type === subject);
}

/** Whether an event whose action is `action` plays the role (process roles depend on what the event is about). */
export function playsRole(role: EventRole, action: unknown): boolean {
  if (role.self === undefined) return true;
  const self = typeof action === 'string' && action.split(',').some((a) => SELF_ACTIONS.includes(a.trim().toLowerCase()));
  return self === role.self;
}

/**
 * The reference that an OCSF event's `actor.process` is kept at: the parent of the process a creation event
 * creates, else the event's own process_ref.
 */
export function actorProcessRef(action: unknown): string {
  return action === PROCESS_CREATION ? 'parent_process_ref' : 'process_ref';
}
