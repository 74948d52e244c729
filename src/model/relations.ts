import { EVENT_ACTORS, EVENT_RELATIONS, EVENT_TYPE, eventRelations, eventRelationWord } from './event-relations';
import { EVENT_ROLE_RELATIONS, EVENT_ROLES, eventRoles } from './event-roles';

/**
 * The FIND relation table (reference 1.5, Kestrel 1.x `stix_2_0_ref_mapping`), as data.
 * A row reads "subject RELATION object". `via` lists the references that witness it:
 * side 'object' means the object holds a ref to the subject (child.parent_ref -> parent),
 * side 'subject' means the subject holds a ref to the object (process.opened_connection_refs -> traffic).
 */
export interface RefWitness {
  side: 'subject' | 'object';
  ref: string;
}

export interface RelationRow {
  subject: string;
  relation: string;
  object: string;
  via: readonly RefWitness[];
}

const ADDRESS_TYPES = ['ipv4-addr', 'ipv6-addr', 'mac-addr', 'domain-name'];

const obj = (ref: string): RefWitness => ({ side: 'object', ref });
const subj = (ref: string): RefWitness => ({ side: 'subject', ref });

export const RELATION_TABLE: readonly RelationRow[] = [
  { subject: 'process', relation: 'created', object: 'process', via: [obj('parent_ref')] },
  { subject: 'process', relation: 'created', object: 'network-traffic', via: [subj('opened_connection_refs')] },
  ...ADDRESS_TYPES.map((t) => ({ subject: t, relation: 'created', object: 'network-traffic', via: [obj('src_ref')] })),
  { subject: 'artifact', relation: 'created', object: 'network-traffic', via: [obj('src_payload_ref')] },
  ...ADDRESS_TYPES.map((t) => ({ subject: t, relation: 'accepted', object: 'network-traffic', via: [obj('dst_ref')] })),
  { subject: 'artifact', relation: 'accepted', object: 'network-traffic', via: [obj('dst_payload_ref')] },
  { subject: 'email-addr', relation: 'created', object: 'email-message', via: [obj('from_ref'), obj('sender_ref')] },
  {
    subject: 'email-addr',
    relation: 'accepted',
    object: 'email-message',
    via: [obj('to_refs'), obj('cc_refs'), obj('bcc_refs')],
  },
  { subject: 'process', relation: 'loaded', object: 'file', via: [subj('binary_ref')] },
  { subject: 'user-account', relation: 'owned', object: 'process', via: [obj('creator_user_ref')] },
  { subject: 'user-account', relation: 'owned', object: 'email-addr', via: [obj('belongs_to_ref')] },
  { subject: 'autonomous-system', relation: 'owned', object: 'ipv4-addr', via: [obj('belongs_to_refs')] },
  { subject: 'autonomous-system', relation: 'owned', object: 'ipv6-addr', via: [obj('belongs_to_refs')] },
  {
    subject: 'directory',
    relation: 'contained',
    object: 'file',
    via: [subj('contains_refs'), obj('parent_directory_ref')],
  },
  { subject: 'directory', relation: 'contained', object: 'directory', via: [subj('contains_refs')] },
  { subject: 'file', relation: 'contained', object: 'artifact', via: [subj('content_ref')] },
  {
    subject: 'network-traffic',
    relation: 'contained',
    object: 'network-traffic',
    via: [subj('encapsulates_refs'), obj('encapsulated_by_ref')],
  },
];

/** LINKED is generic: entities mentioned by the same record. */
export const LINKED = 'linked';

export const RELATION_WORDS: readonly string[] = [
  'created', 'accepted', 'loaded', 'owned', 'contained', 'written', 'read', 'deleted', 'updated', ...EVENT_ROLE_RELATIONS, LINKED,
];

export function findRelation(subject: string, relation: string, object: string): RelationRow | undefined {
  return RELATION_TABLE.find((r) => r.subject === subject && r.relation === relation && r.object === object);
}

/** Whether "subject RELATION object" is a row of the relation table, witnessed by events, or an event's role. */
export function isRelation(subject: string, relation: string, object: string): boolean {
  return findRelation(subject, relation, object) !== undefined || eventRelations(subject, relation, object).length > 0
    || eventRoles(subject, relation, object).length > 0;
}

/**
 * A relation learned from the data (#342): any reference name. `FIND T ref V` finds the T entities whose `ref`
 * points at an entity of V; `FIND T ref BY V` finds the T entities that the `ref` of V's entities points at.
 */
export function isRefName(relation: string): boolean {
  return /^[a-z0-9_]+_refs?$/.test(relation);
}

/** The type pairs a relation word relates, for error hints ("process CREATED process", ...). */
export function pairsFor(relation: string): { subject: string; object: string }[] {
  const pairs = [
    ...RELATION_TABLE.filter((r) => r.relation === relation),
    ...Object.keys(EVENT_ACTORS).flatMap((actor) => EVENT_RELATIONS.filter((r) => r.relation === eventRelationWord(relation))
      .map((r) => ({ subject: actor, object: r.object }))),
    ...EVENT_ROLES.filter((r) => r.relation === relation).map((r) => ({ subject: r.type, object: EVENT_TYPE })),
  ];
  return pairs.filter((p, i) => pairs.findIndex((q) => q.subject === p.subject && q.object === p.object) === i);
}
