import { referenceType } from '../entity-types';
import { KESTREL_TS_FIELDS, OCSF_ENTITY_TYPES } from './entity-types';
import { kestrel2Tables, leaves } from './tables';

/**
 * One entity model, two vocabularies: kestrel-ts keeps entities as STIX objects and reads OCSF names (Kestrel 2),
 * and ECS names through OCSF, with Kestrel 2's own tables (`tables.ts`) completed by `entity-types.ts`.
 * Attribute paths are relative to an entity: OCSF `file.name` of a process is STIX `binary_ref.name`.
 */

/** Where an OCSF field's entity is in kestrel-ts: entities of `type`, or the entities their `refs` reach. */
export interface Projection {
  type: string;
  refs: string[];
}

interface Model {
  /** OCSF field (`process.file.name`) → STIX type and path (`process`, `binary_ref.name`); `*` paths end in `*`. */
  stix: Map<string, { type: string; path: string }>;
  /** ECS field → the OCSF fields that map to it, in table order (plain ECS fields only, no transformers). */
  ecsToOcsf: Map<string, string[]>;
  /** OCSF field → the ECS prefix of its entity (`process.parent_process` → `process.parent`). */
  ecsPrefix: Map<string, string>;
}

let model: Model | undefined;

function load(): Model {
  if (model) return model;
  const { stix, ecs } = kestrel2Tables();
  const stixFields = new Map<string, { type: string; path: string }>();
  for (const [field, value] of [...leaves(stix), ...Object.entries(KESTREL_TS_FIELDS)]) {
    const m = typeof value === 'string' ? /^([a-z0-9-]+)[:.](.+)$/.exec(value) : null;
    if (m) stixFields.set(field, { type: m[1], path: m[2] });
  }
  const ecsToOcsf = new Map<string, string[]>();
  const ecsPrefix = new Map<string, string>();
  for (const [field, value] of leaves(ecs)) {
    if (typeof value !== 'string') continue;
    if (field.endsWith('.*') || field === '*') {
      if (value.endsWith('.*')) ecsPrefix.set(field.slice(0, -2), value.slice(0, -2));
      continue;
    }
    ecsToOcsf.set(value, [...(ecsToOcsf.get(value) ?? []), field]);
  }
  model = { stix: stixFields, ecsToOcsf, ecsPrefix };
  return model;
}

/** The STIX type kestrel-ts keeps an OCSF entity type as (`user` → `user-account`). */
export function stixTypeOf(ocsfType: string): string | undefined {
  return Object.hasOwn(OCSF_ENTITY_TYPES, ocsfType) ? OCSF_ENTITY_TYPES[ocsfType] : undefined;
}

/** The OCSF entity type of a STIX type (`user-account` → `user`; `ipv6-addr` → `network_endpoint`). */
export function ocsfTypeOf(stixType: string): string | undefined {
  if (stixType === 'ipv6-addr') return 'network_endpoint';
  return Object.keys(OCSF_ENTITY_TYPES).find((t) => OCSF_ENTITY_TYPES[t] === stixType);
}

/** The OCSF entity type of an OCSF field (`process.parent_process` → `process`, `device` → `endpoint`). */
export function ocsfTypeOfField(field: string): string | undefined {
  const { types } = kestrel2Tables();
  if (Object.hasOwn(types, field)) return types[field];
  return Object.hasOwn(OCSF_ENTITY_TYPES, field) ? field : undefined;
}

/** Where an OCSF field's entities are (`process.parent_process` → processes' parent_ref; `device` → x-oca-asset). */
export function projectionOf(field: string): Projection | undefined {
  const star = load().stix.get(`${field}.*`);
  if (star) {
    const refs = star.path === '*' ? [] : star.path.replace(/\.\*$/, '').split('.');
    return { type: star.type, refs };
  }
  const type = ocsfTypeOfField(field);
  const stixType = type && stixTypeOf(type);
  return stixType ? { type: stixType, refs: [] } : undefined;
}

/** The STIX type a projection reaches. */
export function projectedType(p: Projection): string | undefined {
  return p.refs.length ? referenceType(p.refs[p.refs.length - 1]) : p.type;
}

/** The OCSF fields whose entities are of an OCSF entity type, the type's own field first (`user`, `process.user`, …). */
function fieldsOf(ocsfType: string): string[] {
  const own = ocsfType === 'endpoint' ? ['endpoint', 'device'] : [ocsfType];
  const typed = Object.entries(kestrel2Tables().types).filter(([, t]) => t === ocsfType).map(([f]) => f);
  return [...new Set([...own, ...typed])];
}

/**
 * An OCSF attribute of an entity (`cmd_line`, `file.name`, `parent_process.user.name` of a process) as the STIX
 * path kestrel-ts stores it at (`command_line`, `binary_ref.name`, `parent_ref.creator_user_ref.account_login`).
 * A path the tables map only in part keeps the rest as written (`file.path` → `binary_ref.path`); undefined when
 * they map none of it.
 */
export function ocsfToStix(ocsfType: string, attribute: string): string | undefined {
  const stixType = stixTypeOf(ocsfType);
  if (!stixType) return undefined;
  for (const field of fieldsOf(ocsfType)) {
    const p = projectionOf(field);
    if (!p || projectedType(p) !== stixType) continue;
    const found = throughField(field, p, attribute);
    if (found) return found;
  }
  return undefined;
}

function throughField(field: string, p: Projection, attribute: string): string | undefined {
  const { stix } = load();
  const prefix = p.refs.length ? `${p.refs.join('.')}.` : '';
  const leaf = stix.get(`${field}.${attribute}`);
  if (leaf && leaf.type === p.type && leaf.path.startsWith(prefix) && !leaf.path.endsWith('*')) return leaf.path.slice(prefix.length);
  // A sub-entity: `file.name` of a process is the `name` of the file its binary_ref reaches.
  const steps = attribute.split('.');
  for (let i = steps.length - 1; i >= 1; i--) {
    const child = projectionOf(`${field}.${steps.slice(0, i).join('.')}`);
    const childStix = child && projectedType(child);
    const childType = childStix && ocsfTypeOf(childStix);
    if (!child || !childType || child.type !== p.type || child.refs.length <= p.refs.length) continue;
    if (child.refs.slice(0, p.refs.length).join('.') !== p.refs.join('.')) continue;
    const rest = steps.slice(i).join('.');
    return [...child.refs.slice(p.refs.length), ocsfToStix(childType, rest) ?? rest].join('.');
  }
  return undefined;
}

/**
 * A STIX attribute path of an entity as its OCSF name (`command_line` of a process → `cmd_line`,
 * `creator_user_ref.account_login` → `user.name`); undefined when the tables name it nowhere.
 */
export function stixToOcsf(stixType: string, path: string): string | undefined {
  const ocsfType = ocsfTypeOf(stixType);
  if (!ocsfType) return undefined;
  const { stix } = load();
  for (const field of fieldsOf(ocsfType)) {
    const p = projectionOf(field);
    if (!p || projectedType(p) !== stixType) continue;
    const full = [...p.refs, path].join('.');
    for (const [ocsf, leaf] of stix) {
      if (leaf.type === p.type && leaf.path === full && ocsf.startsWith(`${field}.`)) return ocsf.slice(field.length + 1);
    }
    // Through a sub-entity: the longest reference prefix an OCSF field of this entity projects to.
    const steps = path.split('.');
    for (let i = steps.length - 1; i >= 1; i--) {
      const refs = [...p.refs, ...steps.slice(0, i)].join('.');
      const child = [...stix].find(([f, l]) => f.startsWith(`${field}.`) && l.type === p.type && l.path === `${refs}.*`);
      const childType = child && referenceType(steps[i - 1]);
      if (!child || !childType) continue;
      const rest = steps.slice(i).join('.');
      return `${child[0].slice(field.length + 1, -2)}.${stixToOcsf(childType, rest) ?? rest}`;
    }
  }
  return undefined;
}

/**
 * An ECS attribute of an entity (`entity_id`, `parent.name` of a process; `id` of a user) as its OCSF name
 * (`uid`, `parent_process.name`; `uid`), through `fields-ecs.yaml` read backwards. An event's ECS names are whole
 * ECS fields (`process.command_line`).
 */
export function ecsToOcsf(ocsfType: string, attribute: string): string | undefined {
  const { ecsToOcsf: byEcs, ecsPrefix } = load();
  if (ocsfType === 'event') return byEcs.get(attribute)?.[0];
  for (const field of fieldsOf(ocsfType)) {
    const prefix = ecsPrefix.get(field);
    const ocsf = prefix && byEcs.get(`${prefix}.${attribute}`)?.find((f) => f.startsWith(`${field}.`));
    if (ocsf) return ocsf.slice(field.length + 1);
  }
  return undefined;
}

/** The OCSF field whose entity an ECS entity name is (`host` → `device`, `process.parent.user` → `process.parent_process.user`). */
export function ecsEntityField(name: string): string | undefined {
  for (const [field, prefix] of load().ecsPrefix) if (prefix === name) return field;
  return undefined;
}

/** The OCSF field a STIX projection (`process:parent_ref`) is, when a table names it (`process.parent_process`). */
export function stixProjectionField(type: string, refs: readonly string[]): string | undefined {
  const path = refs.length ? `${refs.join('.')}.*` : '*';
  for (const [field, leaf] of load().stix) if (field.endsWith('.*') && leaf.type === type && leaf.path === path) return field.slice(0, -2);
  return undefined;
}
