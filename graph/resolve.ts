import { hostScope, identify } from '../src/model/identity';
import type { AttrValue, Observation, ObservedObject } from '../src/model/observation';
import { stableId } from '../src/model/stable-id';
import type { RecordNode } from './graph-store';
import type { ProcessInstances } from './process-instances';

/** Receives one record's resolved entities and edges, as they are resolved (no intermediate arrays). */
export interface ResolveSink {
  record(record: RecordNode): boolean;
  entity(id: string, type: string, attrs: Record<string, AttrValue>): void;
  edge(from: string, to: string, name: string): void;
  endRecord(): void;
}

export function timeOf(iso: string | undefined): number | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : t;
}

/** Identity keys repeat across records (the same address, directory, user): hash each once. */
export class IdCache {
  private readonly ids = new Map<string, string>();

  id(type: string, key: string): string {
    const k = `${type}\u0000${key}`;
    let id = this.ids.get(k);
    if (id === undefined) this.ids.set(k, (id = stableId(type, key)));
    return id;
  }
}

/** Resolves records in time order, so that pid reuse is judged on the timeline. */
export function resolveObservations(
  observations: readonly Observation[], processes: ProcessInstances, ids: IdCache, sink: ResolveSink,
): void {
  const timed = observations.map((o, i) => ({ o, i, t: timeOf(o.firstObserved) ?? Number.NEGATIVE_INFINITY }));
  timed.sort((a, b) => a.t - b.t || a.i - b.i);
  for (const { o } of timed) resolveObservation(o, processes, ids, sink);
}

function resolveObservation(obs: Observation, processes: ProcessInstances, cache: IdCache, sink: ResolveSink): void {
  const time = timeOf(obs.firstObserved);
  const record: RecordNode = {
    id: obs.id,
    source: obs.source,
    firstObserved: time,
    lastObserved: timeOf(obs.lastObserved) ?? time,
    numberObserved: obs.numberObserved,
  };
  if (!sink.record(record)) return;
  const byKey = new Map<string, ObservedObject>();
  for (const o of obs.objects) byKey.set(o.key, o);
  const asset = obs.objects.find((o) => o.type === 'x-oca-asset');
  const scope = (asset && hostScope(asset.attrs)) ?? `source:${obs.source}`;
  const ids = new Map<string, string>();
  const inProgress = new Set<string>();

  const idOf = (key: string): string | undefined => {
    const known = ids.get(key);
    if (known !== undefined) return known;
    const o = byKey.get(key);
    if (!o || inProgress.has(key)) return undefined;
    inProgress.add(key);
    const identity = identify(o.type, o.attrs, Object.keys(o.refs), {
      scope,
      time,
      refKey: (ref) => {
        const target = o.refs[ref];
        if (target === undefined) return undefined;
        return Array.isArray(target) ? target.map((t) => idOf(t) ?? t) : idOf(target);
      },
      refAttr: (ref, attr): AttrValue | undefined => {
        const target = o.refs[ref];
        return typeof target === 'string' ? byKey.get(target)?.attrs[attr] : undefined;
      },
    });
    inProgress.delete(key);
    const id =
      identity.kind === 'exact'
        ? cache.id(o.type, identity.key)
        : processes.resolve(identity, (seed) => stableId('process', seed));
    ids.set(key, id);
    return id;
  };

  for (const o of obs.objects) {
    const from = idOf(o.key);
    if (from === undefined) continue;
    sink.entity(from, o.type, o.attrs);
  }
  for (const o of obs.objects) {
    const from = ids.get(o.key);
    if (from === undefined) continue;
    for (const name in o.refs) {
      const target = o.refs[name];
      for (const t of Array.isArray(target) ? target : [target]) {
        const to = ids.get(t);
        if (to !== undefined && to !== from) sink.edge(from, to, name);
      }
    }
  }
  sink.endRecord();
}
