import type { AttrValue } from '../../model/observation';

/** One row of a table file: attribute name to value. A null or empty cell is an absent attribute. */
export type Row = Record<string, AttrValue>;

/** What a table file held. */
export interface LoadedTable {
  /** Column names in file order (a CSV header, a parquet schema, first appearance in JSON). */
  columns: string[];
  rows: Row[];
  /**
   * Only for a JSON array of scalars (Kestrel's `["cmd.exe", "reg.exe"]`): its items, nulls dropped; `rows`
   * and `columns` are then empty. Which attribute they fill depends on the entity type (`LOAD … AS process`).
   */
  values?: AttrValue[];
}

/** Columns in first-seen order over `rows`. */
export function columnsOf(rows: readonly Record<string, unknown>[]): string[] {
  const seen = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) seen.add(k);
  return [...seen];
}

/** A copy of `o` without its null and undefined members (the absent attributes). */
export function withoutNulls(o: Record<string, unknown>): Row {
  const row: Row = {};
  for (const [k, v] of Object.entries(o)) if (v !== null && v !== undefined) row[k] = v as AttrValue;
  return row;
}
