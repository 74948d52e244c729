import { isKnownEntityType, RECORD_ATTRIBUTES, referenceType, COMMON_ATTRIBUTES } from '../model/entity-types';
import { EVENT_TYPE } from '../model/event-relations';
import { actorProcessRef } from '../model/event-roles';
import { TYPE_UID_ACTIONS } from '../model/kestrel2/entity-types';
import {
  ecsEntityField, ecsToOcsf, ocsfToStix, ocsfTypeOf, ocsfTypeOfField, projectedType, projectionOf, stixTypeOf,
} from '../model/kestrel2/ocsf';

/**
 * Names a hunt may use for one entity model (decision 40): STIX (Kestrel 1) and OCSF or ECS (Kestrel 2). Entities
 * stay STIX objects; these functions turn the names a statement uses into STIX ones and say whether the statement
 * spoke OCSF, so that what it shows uses the names it used.
 */
export type Dialect = 'stix' | 'ocsf';

/** An entity name after GET, FIND, NEW or LOAD … AS, resolved. */
export interface EntityName {
  /** The STIX type of the entities. */
  type: string;
  /** What the summary shows: the OCSF entity type for a Kestrel 2 name, else the STIX type. */
  shown: string;
  dialect: Dialect;
  /** A projection (`process.parent.user`, `process:parent_ref`): entities of `base`, then the refs that reach them. */
  projection?: { base: string; refs: string[] };
}

/**
 * A STIX type (or one the data holds) is itself; `type:refs` is a STIX projection; otherwise an OCSF entity type
 * (`user`, `endpoint`, `event`), an OCSF field (`device`, `dst_endpoint`, `process.parent_process.user`) or an ECS
 * entity (`host`, `destination`, `registry`, `process.parent.user`). Undefined when it is none of these.
 */
export function entityName(name: string, inData: (type: string) => boolean): EntityName | undefined {
  if (isKnownEntityType(name) || inData(name)) return { type: name, shown: name, dialect: 'stix' };
  const colon = name.indexOf(':');
  if (colon > 0) {
    const base = name.slice(0, colon);
    const refs = name.slice(colon + 1).split('.');
    const type = refs.every((r) => referenceType(r)) ? referenceType(refs[refs.length - 1]) : undefined;
    return isKnownEntityType(base) && type ? { type, shown: type, dialect: 'stix', projection: { base, refs } } : undefined;
  }
  const stixType = stixTypeOf(name);
  if (stixType) return { type: stixType, shown: name, dialect: 'ocsf' };
  const field = ocsfTypeOfField(name) ? name : ecsEntityField(name);
  const p = field && projectionOf(field);
  const type = p && projectedType(p);
  if (!field || !p || !type) return undefined;
  const shown = ocsfTypeOfField(field) ?? ocsfTypeOf(type) ?? type;
  return { type, shown, dialect: 'ocsf', ...(p.refs.length && { projection: { base: p.type, refs: p.refs } }) };
}

/** An attribute path as kestrel-ts stores it, and whether an OCSF or ECS name was read. */
export interface AttributeName {
  path: string;
  dialect: Dialect;
}

/**
 * An attribute of entities of `type` named in `dialect`: a STIX statement's known STIX attributes stay as written;
 * otherwise the OCSF name, then the ECS name, is looked up; what no table names stays as written. kestrel-ts's own
 * columns (id, type, record attributes) are never renamed.
 */
export function attributeName(type: string, path: string, dialect: Dialect, known: (type: string) => string[]): AttributeName {
  const asWritten = { path, dialect: 'stix' as const };
  const head = path.split('.')[0].replace('[*]', '');
  if ([...COMMON_ATTRIBUTES, ...RECORD_ATTRIBUTES].includes(path)) return asWritten;
  if (dialect === 'stix' && (known(type).includes(head) || head.startsWith('x_'))) return asWritten;
  const ocsfType = ocsfTypeOf(type);
  if (!ocsfType) return asWritten;
  const fromOcsf = ocsfToStix(ocsfType, path);
  const ecs = fromOcsf ? undefined : ecsToOcsf(ocsfType, path);
  const stix = fromOcsf ?? (ecs && (ocsfToStix(ocsfType, ecs) ?? ecs));
  return stix ? { path: stix, dialect: 'ocsf' } : asWritten;
}

/**
 * A NEW or LOAD row with its keys as STIX paths. An OCSF event row also gets the action its `type_uid` stands for,
 * and its `actor.process` goes where that action puts it (a creation event's actor is the created process's parent).
 */
export function stixRow<V>(
  type: string, row: Readonly<Record<string, V>>, dialect: Dialect, known: (type: string) => string[],
): { row: Record<string, V | string>; dialect: Dialect } {
  const out: Record<string, V | string> = {};
  let spoke: Dialect = dialect;
  const action = type === EVENT_TYPE && !Object.hasOwn(row, 'action') ? TYPE_UID_ACTIONS[Number(row.type_uid)] : undefined;
  if (action) out.action = action;
  for (const [key, value] of Object.entries(row)) {
    const name = attributeName(type, key, dialect, known);
    if (name.dialect === 'ocsf') spoke = 'ocsf';
    const path = action && key.startsWith('actor.process.') ? name.path.replace(/^process_ref\b/, actorProcessRef(action)) : name.path;
    Object.defineProperty(out, path, { value, enumerable: true, writable: true, configurable: true });
  }
  return { row: out, dialect: spoke };
}
