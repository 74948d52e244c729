import type { SortOrder } from '../lang/ast';
import { KestrelError } from '../model/errors';
import { compareCells } from './compare';
import type { EntitySet, Table } from './entity-set';

/** A table's set after picking some of its rows: the entities are those the kept rows stand for. */
export function withRows(set: EntitySet & { table: Table }, keep: readonly number[]): EntitySet {
  const { table } = set;
  const rowIds = table.rowIds && keep.map((i) => table.rowIds![i]);
  return {
    ...set,
    ids: rowIds ? [...new Set(rowIds)] : [],
    table: { columns: table.columns, rows: keep.map((i) => table.rows[i]), rowIds },
  };
}

export function sortRows(set: EntitySet & { table: Table }, column: string, order: SortOrder): EntitySet {
  const c = columnIndex(set.table.columns, column);
  const sign = order === 'asc' ? 1 : -1;
  const rows = set.table.rows;
  const keep = rows.map((_, i) => i).sort((a, b) => {
    const [x, y] = [rows[a][c], rows[b][c]];
    const missing = (x === null ? 1 : 0) - (y === null ? 1 : 0);
    return missing || sign * compareCells(x, y) || a - b;
  });
  return withRows(set, keep);
}

export function projectRows(set: EntitySet & { table: Table }, columns: readonly string[]): EntitySet {
  const indexes = columns.map((c) => columnIndex(set.table.columns, c));
  return { ...set, table: { ...set.table, columns: [...columns], rows: set.table.rows.map((r) => indexes.map((i) => r[i])) } };
}

export function columnIndex(columns: readonly string[], column: string): number {
  const i = columns.indexOf(column);
  if (i < 0) throw new KestrelError('E_UNKNOWN_ATTRIBUTE', `the rows have no column "${column}"`, { hint: `columns are ${columns.join(', ')}` });
  return i;
}

export function hasTable(set: EntitySet): set is EntitySet & { table: Table } {
  return set.table !== undefined;
}
