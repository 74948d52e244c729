import type { EntityNode, GraphStore, RecordScope } from '../../graph/graph-store';
import { parsePath } from '../model/attribute-path';
import type { AttrValue } from '../model/observation';
import { RECORD_ATTRIBUTES } from '../model/entity-types';
import type { EntitySet } from './entity-set';

type Item = { entity: string } | { value: AttrValue };

export interface PathOptions {
  /** Values that earlier records gave an attribute count too: a WHERE matches what any record observed. */
  variants?: boolean;
  /** The records that count for record attributes. */
  scope?: RecordScope;
  /** Hops from a FIND's input (`EntitySet.depths`), the values of `x_depth`. */
  depths?: ReadonlyMap<string, number>;
}

/** The hops from a FIND's input, for a FIND with DEPTH. */
export const DEPTH_COLUMN = 'x_depth';

/** An entity's record attributes: first seen, last seen, times observed, and the records themselves. */
async function recordValues(store: GraphStore, ids: readonly string[], name: string, scope?: RecordScope): Promise<Map<string, AttrValue[]>> {
  const byEntity = await store.recordsOf(ids, scope);
  const records = new Map((await store.records([...new Set([...byEntity.values()].flat())])).map((r) => [r.id, r]));
  const out = new Map<string, AttrValue[]>();
  for (const [id, rids] of byEntity) {
    const rs = rids.map((r) => records.get(r)!);
    const times = (pick: (r: (typeof rs)[number]) => number | undefined) => rs.flatMap((r) => (pick(r) === undefined ? [] : [pick(r)!]));
    const first = times((r) => r.firstObserved);
    const last = times((r) => r.lastObserved ?? r.firstObserved);
    const value: AttrValue[] =
      name === 'observation_id' ? rids
        : name === 'number_observed' ? [rs.reduce((n, r) => n + r.numberObserved, 0)]
          : name === 'first_observed' ? (first.length ? [new Date(Math.min(...first)).toISOString()] : [])
            : last.length ? [new Date(Math.max(...last)).toISOString()] : [];
    out.set(id, value);
  }
  return out;
}

/** For each entity, every value the path reaches (references followed, lists flattened). */
export async function pathValues(
  store: GraphStore, ids: readonly string[], path: string, options: PathOptions = {},
): Promise<Map<string, AttrValue[]>> {
  if (RECORD_ATTRIBUTES.includes(path)) return recordValues(store, ids, path, options.scope);
  const { depths } = options;
  if (path === DEPTH_COLUMN && depths) return new Map(ids.map((id) => [id, depths.has(id) ? [depths.get(id)!] : []]));
  let current = new Map<string, Item[]>(ids.map((id) => [id, [{ entity: id }]]));
  for (const seg of parsePath(path)) {
    const entityIds = new Set<string>();
    for (const items of current.values()) for (const it of items) if ('entity' in it) entityIds.add(it.entity);
    const step = seg.isRef
      ? await store.neighbors([...entityIds], seg.name, 'out')
      : new Map((await store.entities([...entityIds])).map((e) => [e.id, e] as const));
    const next = new Map<string, Item[]>();
    for (const [root, items] of current) {
      const out: Item[] = [];
      for (const it of items) {
        if ('entity' in it) {
          if (seg.isRef) {
            for (const n of (step as Map<string, string[]>).get(it.entity) ?? []) out.push({ entity: n });
          } else {
            const e = (step as Map<string, EntityNode>).get(it.entity);
            if (!e) continue;
            // An id the data gave (NEW, LOAD) is the entity's id as the hunter knows it.
            const v = seg.name === 'id' ? e.attrs.id ?? e.id : seg.name === 'type' ? e.type : e.attrs[seg.name];
            pushValue(out, v);
            if (options.variants && e.variants?.[seg.name]) pushValue(out, e.variants[seg.name]);
          }
        } else if (it.value !== null && typeof it.value === 'object' && !Array.isArray(it.value)) {
          pushValue(out, Object.prototype.hasOwnProperty.call(it.value, seg.name) ? it.value[seg.name] : undefined);
        }
      }
      next.set(root, out);
    }
    current = next;
  }
  const result = new Map<string, AttrValue[]>();
  for (const [root, items] of current) {
    result.set(root, items.map((it) => ('entity' in it ? it.entity : it.value)));
  }
  return result;
}

function pushValue(out: Item[], v: AttrValue | undefined): void {
  if (v === undefined || v === null) return;
  if (Array.isArray(v)) for (const x of v) pushValue(out, x);
  else out.push({ value: v });
}

/** Every value an attribute has across a set: its entities' values, or a column of its rows. */
export async function attributeValues(store: GraphStore, set: EntitySet, attribute: string): Promise<AttrValue[]> {
  if (set.table) {
    const i = set.table.columns.indexOf(attribute);
    return i < 0 ? [] : set.table.rows.flatMap((r) => (r[i] === null ? [] : Array.isArray(r[i]) ? (r[i] as AttrValue[]) : [r[i]]));
  }
  const byEntity = await pathValues(store, set.ids, attribute, { scope: set.scope, depths: set.depths });
  return set.ids.flatMap((id) => byEntity.get(id) ?? []);
}
