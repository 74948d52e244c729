import { EVENT_ACTOR_REF, EVENT_TYPE, PROCESS_CREATION } from '../src/model/event-relations';
import { hostScope, identify, imageName, processGuid, type IdentityContext } from '../src/model/identity';
import type { AttrValue, Observation, ObservedObject } from '../src/model/observation';
import { stableId } from '../src/model/stable-id';
import type { RecordNode } from './graph-store';
import type { ProcessInstances } from './process-instances';

/** Receives one record's resolved entities and edges, as they are resolved (no intermediate arrays). */
export interface ResolveSink {
  record(record: RecordNode): boolean;
  entity(id: string, type: string, attrs: Record<string, AttrValue>): void;
  edge(from: string, to: string, name: string): void;
}

/** Epoch ms of an ISO timestamp; the common UTC form is read directly (Date.parse is the slower path). */
export function timeOf(iso: string | undefined): number | undefined {
  if (!iso) return undefined;
  const utc = utcTime(iso);
  if (utc !== undefined) return utc;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : t;
}

const DASH = 45, COLON = 58, DOT = 46, T = 84, Z = 90;

/** `YYYY-MM-DDTHH:MM:SS[.1 to 9 digits]Z`, read without allocating (milliseconds from the first three digits); else undefined. */
function utcTime(s: string): number | undefined {
  const n = s.length;
  if (n < 20 || n === 21 || n > 30 || s.charCodeAt(n - 1) !== Z) return undefined;
  if (s.charCodeAt(4) !== DASH || s.charCodeAt(7) !== DASH || s.charCodeAt(10) !== T || s.charCodeAt(13) !== COLON || s.charCodeAt(16) !== COLON) return undefined;
  const year = digits(s, 0, 4), month = digits(s, 5, 2), day = digits(s, 8, 2);
  const hour = digits(s, 11, 2), minute = digits(s, 14, 2), second = digits(s, 17, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return undefined;
  let ms = 0;
  if (n > 20) {
    const fraction = n - 21;
    if (s.charCodeAt(19) !== DOT || digits(s, 20, fraction) < 0) return undefined;
    ms = fraction >= 3 ? digits(s, 20, 3) : digits(s, 20, fraction) * 10 ** (3 - fraction);
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
}

/** The number the `count` decimal digits at `from` write, or -1 when one is not a digit. */
function digits(s: string, from: number, count: number): number {
  let v = 0;
  for (let i = from; i < from + count; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** Records of up to this many objects find an object by its key with a search, not a map. */
const SEARCHED_OBJECTS = 16;

/** Longer keys are content keys (events), each seen about once: hashing one again costs less than keeping it. */
const CACHED_KEY_LENGTH = 200;

/** Identity keys repeat across records (the same address, directory, user): hash each once. */
export class IdCache {
  private readonly byType = new Map<string, Map<string, string>>();

  id(type: string, key: string): string {
    if (key.length > CACHED_KEY_LENGTH) return stableId(type, key);
    let ids = this.byType.get(type);
    if (!ids) this.byType.set(type, (ids = new Map()));
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = stableId(type, key)));
    return id;
  }
}

/**
 * Resolves records in the order of their sighting times (the log time when a record has one, else its first
 * observation), so that pid reuse is judged on the timeline. Creation events are learnt first, then processes
 * with a GUID, so a sighting of the same pid without a GUID (Security 4688 next to Sysmon 1) resolves to the
 * GUID's entity, and a record keeps out of what a process's creation event said, whether it comes before or
 * after it.
 */
export function resolveObservations(
  observations: readonly Observation[], processes: ProcessInstances, ids: IdCache, sink: ResolveSink, onResolved?: (i: number) => void,
): void {
  const { times, sightings, order, resolver } = learn(observations, processes, ids);
  for (const i of order) {
    resolver.resolve(observations[i], times[i], sightings[i], sink);
    onResolved?.(i);
  }
}

/** What records tell the process instances (their creation events, then the GUIDs they show), in sighting order. */
export function learnProcesses(observations: readonly Observation[], processes: ProcessInstances, ids: IdCache): void {
  // In the order given: a GUID's sightings widen its window whatever their order, and it has one creation event.
  const resolver = new RecordResolver(processes, ids);
  for (const o of observations) resolver.learnCreation(o, false);
  for (const o of observations) resolver.learnGuidProcesses(o, timeOf(o.loggedAt) ?? timeOf(o.firstObserved));
}

function learn(observations: readonly Observation[], processes: ProcessInstances, ids: IdCache) {
  const times = observations.map((o) => timeOf(o.firstObserved));
  const sightings = observations.map((o, i) => (o.loggedAt === undefined ? times[i] : timeOf(o.loggedAt) ?? times[i]));
  const key = (i: number) => sightings[i] ?? Number.NEGATIVE_INFINITY;
  const order = observations.map((_, i) => i).sort((a, b) => key(a) - key(b) || a - b);
  const resolver = new RecordResolver(processes, ids);
  for (const i of order) resolver.learnCreation(observations[i], true);
  for (const i of order) resolver.learnGuidProcesses(observations[i], sightings[i]);
  return { times, sightings, order, resolver };
}

/**
 * Turns one record's objects into entity ids. One resolver serves a whole ingest and is the identity
 * context of the object being identified, so a record costs no closures or maps of its own.
 */
class RecordResolver implements IdentityContext {
  scope = '';
  time: number | undefined;
  private objects: readonly ObservedObject[] = [];
  /** Per object of the record: its entity id, null while it is being identified (a ref cycle), undefined before. */
  private readonly ids: (string | null | undefined)[] = [];
  /** Key → object position, for records too large to search. */
  private readonly byKey = new Map<string, number>();
  private current: ObservedObject | undefined;

  constructor(
    private readonly processes: ProcessInstances,
    private readonly cache: IdCache,
  ) {}

  /** Tells the process instances which image a GUID's creation event ran, and, for records being ingested, what it said about the process. */
  learnCreation(obs: Observation, ingesting: boolean): void {
    const key = createdKey(obs);
    const o = key === undefined ? undefined : obs.objects.find((x) => x.key === key);
    if (!o || o.type !== 'process' || processGuid(o.attrs) === undefined) return;
    const identity = identify(o.type, o.attrs, o.refs, this);
    if (identity.kind !== 'exact') return;
    this.processes.learnCreation(identity.key, o.attrs);
    if (ingesting) this.processes.sayCreated(this.cache.id(o.type, this.processes.guidKey(identity.key, o.attrs)), namesOf(o), 2);
  }

  /** Tells the process instances where and when each process with a GUID and a pid was seen. */
  learnGuidProcesses(obs: Observation, sighting: number | undefined): void {
    let scope: string | undefined;
    for (const o of obs.objects) {
      if (o.type !== 'process' || o.attrs.pid === undefined || o.attrs.pid === null || processGuid(o.attrs) === undefined) continue;
      scope ??= this.scopeOf(obs);
      const identity = identify(o.type, o.attrs, o.refs, this);
      if (identity.kind !== 'exact') continue;
      const command = o.attrs.command_line;
      this.processes.learn(
        { scope, pid: String(o.attrs.pid), name: imageName(o.attrs), commandLine: typeof command === 'string' && command !== '' ? command : undefined, time: sighting },
        this.cache.id(o.type, this.processes.guidKey(identity.key, o.attrs)),
      );
    }
  }

  resolve(obs: Observation, time: number | undefined, sighting: number | undefined, sink: ResolveSink): void {
    this.time = sighting;
    const record: RecordNode = {
      id: obs.id,
      sources: [obs.source],
      firstObserved: time,
      lastObserved: obs.lastObserved === obs.firstObserved ? time : timeOf(obs.lastObserved) ?? time,
      numberObserved: obs.numberObserved,
    };
    if (!sink.record(record)) return;
    this.enter(obs.objects);
    this.scope = this.scopeOf(obs);
    const created = createdKey(obs);
    for (const o of obs.objects) {
      const id = this.idOf(o.key);
      if (id === undefined) continue;
      const rank = o.key === created && o.type === 'process' ? creationRank(o) : 0;
      if (rank) this.processes.sayCreated(id, namesOf(o), rank);
      const said = this.saidAbove(o, id, created);
      sink.entity(id, o.type, said ? without(o.attrs, said) : o.attrs);
    }
    for (const o of obs.objects) {
      const from = this.idOf(o.key);
      if (from === undefined) continue;
      const said = this.saidAbove(o, from, created);
      for (const name in o.refs) {
        if (said?.has(name)) continue;
        const target = o.refs[name];
        if (Array.isArray(target)) {
          for (const t of target) this.edge(sink, from, t, name);
        } else {
          this.edge(sink, from, target, name);
        }
      }
    }
  }

  /** What a mention of a process keeps out of: what a creation event of higher rank said about the process. */
  private saidAbove(o: ObservedObject, id: string, created: string | undefined): ReadonlySet<string> | undefined {
    if (o.type !== 'process') return undefined;
    return this.processes.saidAbove(id, o.key === created ? creationRank(o) : 0);
  }

  private scopeOf(obs: Observation): string {
    const asset = obs.objects.find((o) => o.type === 'x-oca-asset');
    return (asset && hostScope(asset.attrs)) ?? `source:${obs.source}`;
  }

  private edge(sink: ResolveSink, from: string, key: string, name: string): void {
    const to = this.idOf(key);
    if (to !== undefined && to !== from) sink.edge(from, to, name);
  }

  private enter(objects: readonly ObservedObject[]): void {
    this.objects = objects;
    for (let i = 0; i < objects.length; i++) this.ids[i] = undefined;
    if (objects.length <= SEARCHED_OBJECTS) return;
    this.byKey.clear();
    for (let i = 0; i < objects.length; i++) this.byKey.set(objects[i].key, i);
  }

  /** The position of the object with this key (the last one, should two share it), or -1. */
  private indexOf(key: string): number {
    const objects = this.objects;
    if (objects.length > SEARCHED_OBJECTS) return this.byKey.get(key) ?? -1;
    for (let i = objects.length - 1; i >= 0; i--) if (objects[i].key === key) return i;
    return -1;
  }

  private idOf(key: string): string | undefined {
    const i = this.indexOf(key);
    if (i < 0) return undefined;
    const known = this.ids[i];
    if (known !== undefined) return known ?? undefined;
    const o = this.objects[i];
    this.ids[i] = null;
    const outer = this.current;
    this.current = o;
    const identity = identify(o.type, o.attrs, o.refs, this);
    this.current = outer;
    const id =
      identity.kind === 'exact'
        ? this.cache.id(o.type, o.type === 'process' ? this.processes.guidKey(identity.key, o.attrs) : identity.key)
        : this.processes.resolve(identity, (seed) => stableId('process', seed));
    this.ids[i] = id;
    return id;
  }

  refKey(ref: string): string | string[] | undefined {
    const o = this.current!;
    const target = o.refs[ref];
    if (target === undefined) return undefined;
    const id = (t: string) => {
      this.current = o;
      const r = this.idOf(t) ?? t;
      this.current = o;
      return r;
    };
    return Array.isArray(target) ? target.map(id) : id(target);
  }

  refAttr(ref: string, attr: string): AttrValue | undefined {
    const target = this.current!.refs[ref];
    if (typeof target !== 'string') return undefined;
    const i = this.indexOf(target);
    return i < 0 ? undefined : this.objects[i].attrs[attr];
  }
}

/** The key of the process a record's creation event (an x-oca-event `process_creation`) created. */
function createdKey(obs: Observation): string | undefined {
  for (const o of obs.objects) {
    if (o.type !== EVENT_TYPE || o.attrs.action !== PROCESS_CREATION) continue;
    const ref = o.refs[EVENT_ACTOR_REF];
    return typeof ref === 'string' ? ref : undefined;
  }
  return undefined;
}

/** A process's creation event with a GUID (Sysmon 1) outranks one without (Security 4688): 2, else 1. */
function creationRank(o: ObservedObject): 1 | 2 {
  return processGuid(o.attrs) === undefined ? 1 : 2;
}

function namesOf(o: ObservedObject): string[] {
  return [...Object.keys(o.attrs), ...Object.keys(o.refs)];
}

function without(attrs: Record<string, AttrValue>, names: ReadonlySet<string>): Record<string, AttrValue> {
  const out = Object.create(null) as Record<string, AttrValue>;
  for (const k in attrs) if (!names.has(k)) out[k] = attrs[k];
  return out;
}
