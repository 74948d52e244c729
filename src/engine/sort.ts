import type { GraphStore, RecordScope } from '../../graph/graph-store';
import type { SortOrder } from '../lang/ast';
import type { AttrValue } from '../model/observation';
import { pathValues } from './path-values';

function cmp(a: AttrValue | undefined, b: AttrValue | undefined): number {
  if (a === undefined || a === null) return b === undefined || b === null ? 0 : 1;
  if (b === undefined || b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Stable sort by the attribute's first value; entities without a value go last in either order. */
export async function sortIds(
  store: GraphStore, ids: readonly string[], attribute: string, order: SortOrder, scope?: RecordScope,
): Promise<string[]> {
  const values = await pathValues(store, ids, attribute, { scope });
  const sign = order === 'asc' ? 1 : -1;
  return ids
    .map((id, i) => ({ id, i, v: values.get(id)?.[0] }))
    .sort((a, b) => {
      const missing = (a.v === undefined ? 1 : 0) - (b.v === undefined ? 1 : 0);
      return missing || sign * cmp(a.v, b.v) || a.i - b.i;
    })
    .map((x) => x.id);
}
