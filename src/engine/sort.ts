import type { GraphStore, RecordScope } from '../../graph/graph-store';
import type { SortOrder } from '../lang/ast';
import { compareCells } from './compare';
import { pathValues } from './path-values';

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
      return missing || sign * compareCells(a.v, b.v) || a.i - b.i;
    })
    .map((x) => x.id);
}
