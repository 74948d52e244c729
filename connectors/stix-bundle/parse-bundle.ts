import { stableId } from '../../src/model/stable-id';
import type { ObservedObject, Observation } from '../../src/model/observation';
import { bundleObjects, isJsonObject, type JsonObject } from './bundle-shape';
import { toObservedObject, type RefTargets } from './observed-object';
import { clip, quote } from './quote';
import { locationOf } from './source-uri';
import { isObservableType } from './stix-types';

type Warn = (message: string) => void;

/** What a bundle holds, by role. `others` are ids of SDOs and SROs: refs may name them, records never hold them. */
interface BundleIndex {
  observedData: JsonObject[];
  observables: Map<string, JsonObject>;
  others: Set<string>;
}

const OMIT_IN_DICTIONARY = new Set(['type']);
const OMIT_AT_TOP_LEVEL = new Set(['type', 'id', 'spec_version']);

/**
 * The records of a parsed STIX 2.0 or 2.1 bundle read from `source`: one per observed-data, in bundle order,
 * then one per top-level observable that neither an observed-data nor another such observable reaches, holding
 * it and what its refs reach. Throws E_BAD_INPUT_FILE if `json` is not a bundle; anything skipped or dropped
 * inside it goes to `onWarning`.
 */
export function parseBundle(json: unknown, source: string, onWarning: Warn = () => {}): Observation[] {
  const file = locationOf(source);
  const warn: Warn = (message) => onWarning(`${file}: ${message}`);
  const index = indexBundle(bundleObjects(json, file), warn);
  const reached = new Set<string>();
  const observations: Observation[] = [];
  index.observedData.forEach((od, n) => {
    const id = typeof od.id === 'string' ? od.id : stableId('observed-data', `${source}#${n}`);
    const objects = isJsonObject(od.objects)
      ? fromDictionary(od.objects, id, warn)
      : Array.isArray(od.object_refs)
        ? fromObjectRefs(od.object_refs, id, index, reached, warn)
        : undefined;
    if (objects) observations.push(record(id, source, od, objects));
    else warn(`${clip(id)} has neither "objects" nor "object_refs"; skipped`);
  });
  for (const scoId of standaloneRoots(index.observables, reached)) {
    if (reached.has(scoId)) continue;
    const id = stableId('observed-data', scoId);
    observations.push(record(id, source, {}, fromObjectRefs([scoId], id, index, reached, warn)));
  }
  return observations;
}

function indexBundle(objects: unknown[], warn: Warn): BundleIndex {
  const index: BundleIndex = { observedData: [], observables: new Map(), others: new Set() };
  for (let i = 0; i < objects.length; i++) {
    const o = objects[i];
    if (!hasType(o)) {
      warn(`bundle object ${i} has no type; skipped`);
      continue;
    }
    if (o.type === 'observed-data') index.observedData.push(o);
    const id = typeof o.id === 'string' ? o.id : undefined;
    if (!isObservableType(o.type)) {
      if (id !== undefined) index.others.add(id);
    } else if (id !== undefined) index.observables.set(id, o);
    else warn(`bundle object ${i} (${quote(o.type)}) has no id; skipped`);
  }
  return index;
}

function record(id: string, source: string, od: JsonObject, objects: ObservedObject[]): Observation {
  const n = od.number_observed;
  const numberObserved = typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : 1;
  const observation: Observation = { id, source, numberObserved, objects };
  if (typeof od.first_observed === 'string') observation.firstObserved = od.first_observed;
  if (typeof od.last_observed === 'string') observation.lastObserved = od.last_observed;
  return observation;
}

/** STIX 2.0: objects keyed "0", "1", … inside the observed-data; refs name those keys. */
function fromDictionary(dictionary: JsonObject, recordId: string, warn: Warn): ObservedObject[] {
  const keys: string[] = [];
  for (const key of Object.keys(dictionary)) {
    if (hasType(dictionary[key])) keys.push(key);
    else warn(`${clip(recordId)} object ${quote(key)} has no type; skipped`);
  }
  const present = new Set(keys);
  const targets: RefTargets = {
    has: (target) => present.has(target),
    unresolved: (key, property, target) => warn(dangling(recordId, key, property, target)),
  };
  return keys.map((key) => toObservedObject(key, dictionary[key] as JsonObject, OMIT_IN_DICTIONARY, targets));
}

/** STIX 2.1: top-level observables named by id, with every observable their refs reach. */
function fromObjectRefs(
  roots: unknown[],
  recordId: string,
  index: BundleIndex,
  reached: Set<string>,
  warn: Warn,
): ObservedObject[] {
  const { observables, others } = index;
  for (const root of roots) {
    if (typeof root !== 'string' || !(observables.has(root) || others.has(root))) {
      warn(`${clip(recordId)} object_refs names ${quote(root)}, which is not in the bundle; dropped`);
    }
  }
  const targets: RefTargets = {
    has: (target) => observables.has(target),
    unresolved: (key, property, target) => {
      if (typeof target !== 'string' || !others.has(target)) warn(dangling(recordId, key, property, target));
    },
  };
  return reachable(roots, observables).map((id) => {
    reached.add(id);
    return toObservedObject(id, observables.get(id) as JsonObject, OMIT_AT_TOP_LEVEL, targets);
  });
}

function reachable(roots: unknown[], observables: Map<string, JsonObject>): string[] {
  const seen = new Set<string>();
  const visit = (target: unknown) => {
    if (typeof target === 'string' && observables.has(target)) seen.add(target);
  };
  roots.forEach(visit);
  // A Set's iterator also visits what is added while it runs: this is the breadth-first walk.
  for (const id of seen) forEachRef(observables.get(id) as JsonObject, visit);
  return [...seen];
}

/** Unreached observables that no other unreached one names first, then the rest (members of ref cycles). */
function standaloneRoots(observables: Map<string, JsonObject>, reached: Set<string>): string[] {
  const unreached = [...observables.keys()].filter((id) => !reached.has(id));
  const named = new Set<unknown>();
  for (const id of unreached) {
    forEachRef(observables.get(id) as JsonObject, (target) => {
      if (target !== id) named.add(target);
    });
  }
  return [...unreached.filter((id) => !named.has(id)), ...unreached];
}

function forEachRef(o: JsonObject, visit: (target: unknown) => void): void {
  for (const name in o) {
    const value = o[name];
    if (name.endsWith('_ref')) visit(value);
    else if (name.endsWith('_refs') && Array.isArray(value)) value.forEach(visit);
  }
}

function hasType(value: unknown): value is JsonObject & { type: string } {
  return isJsonObject(value) && typeof value.type === 'string' && value.type !== '';
}

function dangling(recordId: string, key: string, property: string, target: unknown): string {
  const ref = `${clip(property)} ${quote(target)}`;
  return `${clip(recordId)} object ${quote(key)}: ${ref} names no object of the record; dropped`;
}
