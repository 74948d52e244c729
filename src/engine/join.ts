import type { GraphStore } from '../../graph/graph-store';
import type { AttrValue } from '../model/observation';
import { tableOf, type Cell, type Rows } from './display';
import type { EntitySet } from './entity-set';
import { columnIndex } from './table';

/** Join keys: "99" and 99 are one key, as in Kestrel's SQL store. */
function keys(cell: Cell): string[] {
  if (cell === null) return [];
  return (Array.isArray(cell) ? cell : [cell]).map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v)));
}

/** Rows of entities say their type, as Kestrel's tables do. */
function withType(t: Rows, type: string): Rows {
  return t.columns.includes('type') ? t : { ...t, columns: ['type', ...t.columns], rows: t.rows.map((r) => [type, ...r]) };
}

/**
 * JOIN: the left rows whose `leftAttr` equals the right rows' `rightAttr`, one row per matching pair. The left's
 * columns (its type first) come first, filled from the right where the left has no value; the right's other columns follow.
 */
export async function join(store: GraphStore, left: EntitySet, right: EntitySet, leftAttr: string, rightAttr: string): Promise<EntitySet> {
  const a = withType(await tableOf(store, left, [leftAttr]), left.type);
  const b = await tableOf(store, right, [rightAttr]);
  const ka = columnIndex(a.columns, leftAttr);
  const kb = columnIndex(b.columns, rightAttr);
  const byKey = new Map<string, (readonly Cell[])[]>();
  for (const row of b.rows) {
    for (const k of new Set(keys(row[kb]))) byKey.set(k, [...(byKey.get(k) ?? []), row]);
  }
  const shared = a.columns.map((c) => b.columns.indexOf(c));
  const extra = b.columns.map((c, i) => [c, i] as const).filter(([c]) => !a.columns.includes(c));
  const rows: AttrValue[][] = [];
  const rowIds: string[] = [];
  a.rows.forEach((row, i) => {
    const matches = new Set(keys(row[ka]).flatMap((k) => byKey.get(k) ?? []));
    for (const match of matches) {
      rows.push([...row.map((v, j) => (v === null && shared[j] >= 0 ? match[shared[j]] : v)), ...extra.map(([, k]) => match[k])]);
      if (a.rowIds) rowIds.push(a.rowIds[i]);
    }
  });
  return {
    type: left.type,
    ids: [...new Set(rowIds)],
    scope: left.scope,
    table: { columns: [...a.columns, ...extra.map(([c]) => c)], rows, rowIds: a.rowIds ? rowIds : undefined },
  };
}
