import type { EntityNode, GraphStore } from '../../graph/graph-store';
import { parsePath } from '../model/attribute-path';
import type { AttrValue } from '../model/observation';

type Item = { entity: string } | { value: AttrValue };

/**
 * For each entity, every value the path reaches (references followed, lists flattened). With `variants`,
 * values that earlier records gave an attribute count too: a WHERE matches what any record observed.
 */
export async function pathValues(
  store: GraphStore, ids: readonly string[], path: string, options: { variants?: boolean } = {},
): Promise<Map<string, AttrValue[]>> {
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
            const v = seg.name === 'id' ? e.id : seg.name === 'type' ? e.type : e.attrs[seg.name];
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
