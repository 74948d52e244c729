import type { GraphStore } from '../../graph/graph-store';
import type { SortOrder } from '../lang/ast';
import { compareCells } from './compare';
import type { EntitySet } from './entity-set';
import { pathValues } from './path-values';

/** Stable sort of the set's entities by the attribute's first value; entities without a value go last in either order. */
export async function sortIds(store: GraphStore, set: EntitySet, attribute: string, order: SortOrder): Promise<string[]> {
  const { ids } = set;
  const values = await pathValues(store, ids, attribute, { scope: set.scope, depths: set.depths });
  const sign = order === 'asc' ? 1 : -1;
  return ids
    .map((id, i) => ({ id, i, v: values.get(id)?.[0] }))
    .sort((a, b) => {
      const missing = (a.v === undefined ? 1 : 0) - (b.v === undefined ? 1 : 0);
      return missing || sign * compareCells(a.v, b.v) || a.i - b.i;
    })
    .map((x) => x.id);
}
