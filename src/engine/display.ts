import type { Transform } from '../lang/ast';
import type { GraphStore, RecordNode } from '../../graph/graph-store';
import type { ColumnNames } from '../ir/nodes';
import { stixToOcsf } from '../model/kestrel2/ocsf';
import { labelAttribute, preferredColumns, RECORD_ATTRIBUTES } from '../model/entity-types';
import type { AttrValue } from '../model/observation';
import { stableStringify } from '../model/stable-id';
import type { EntitySet } from './entity-set';
import { DEPTH_COLUMN, pathValues } from './path-values';

export type Cell = AttrValue;

export interface Rows {
  columns: string[];
  rows: Cell[][];
  /** The entity each row shows (absent for GROUP rows). */
  rowIds?: string[];
}

export interface DisplayOptions {
  /** Merge identical rows (Kestrel 1.x always does; kestrel-ts shows one row per entity unless asked). */
  collapse?: boolean;
}

const TRANSFORM_COLUMNS: Record<Transform, readonly string[]> = {
  TIMESTAMPED: ['first_observed'],
  ADDOBSID: ['observation_id'],
  RECORDS: ['observation_id', 'first_observed', 'last_observed', 'number_observed'],
} as const;

/** The record columns a transform puts before an entity's attributes. */
export function transformColumns(transform: Transform | undefined): string[] {
  return transform ? [...TRANSFORM_COLUMNS[transform]] : [];
}

/** The attributes present on the set's entities, hunters' favourites first, then reference columns. */
async function defaultColumns(store: GraphStore, set: EntitySet): Promise<string[]> {
  const seen = new Set<string>();
  for (const e of await store.entities(set.ids)) for (const k of Object.keys(e.attrs)) seen.add(k);
  const preferred = preferredColumns(set.type).filter((c) => seen.has(c));
  const rest = [...seen].filter((c) => !preferred.includes(c) && c !== 'extensions');
  const refColumns: string[] = [];
  for (const edge of await store.edgeNames(set.type)) {
    if (!edge.endsWith('_ref')) continue;
    const targets = [...(await store.neighbors(set.ids, edge, 'out')).values()].flat();
    if (!targets.length) continue;
    const [first] = await store.entities(targets.slice(0, 1));
    const label = first && labelAttribute(first.type);
    if (label) refColumns.push(`${edge}.${label}`);
  }
  return [...preferred, ...rest, ...refColumns];
}

function cell(values: AttrValue[] | undefined): Cell {
  if (!values || values.length === 0) return null;
  return values.length === 1 ? values[0] : values;
}

function iso(ms: number | undefined): string | null {
  return ms === undefined ? null : new Date(ms).toISOString();
}

function recordCell(column: string, r: RecordNode): Cell {
  switch (column) {
    case 'observation_id': return r.id;
    case 'first_observed': return iso(r.firstObserved);
    case 'last_observed': return iso(r.lastObserved);
    default: return r.numberObserved;
  }
}

/**
 * A set as rows: one per entity (per entity and record with a transform), columns dereferenced through refs.
 * A set that already holds rows (GROUP, JOIN) is its own table.
 */
export async function tableOf(store: GraphStore, set: EntitySet, extraColumns: readonly string[] = []): Promise<Rows> {
  if (set.table) {
    return { columns: [...set.table.columns], rows: set.table.rows.map((r) => [...r]), rowIds: set.table.rowIds && [...set.table.rowIds] };
  }
  const recordColumns = transformColumns(set.transform);
  const chosen = set.columns ?? [...(set.depths ? [DEPTH_COLUMN] : []), ...(await defaultColumns(store, set))];
  // A record column asked for by name (ATTR first_observed of TIMESTAMPED) is the transform's.
  const attrColumns = [...new Set([...chosen, ...extraColumns])].filter((c) => !recordColumns.includes(c));
  // A plain attribute shows as stored (a one-item list stays a list); paths show what they reach.
  const plain = (c: string) => /^[A-Za-z_][\w-]*$/.test(c) && c !== 'id' && c !== 'type' && !RECORD_ATTRIBUTES.includes(c)
    && !(c === DEPTH_COLUMN && set.depths);
  const stored = new Map((await store.entities(set.ids)).map((e) => [e.id, e.attrs]));
  const values = new Map<string, Map<string, AttrValue[]>>();
  for (const c of attrColumns) if (!plain(c)) values.set(c, await pathValues(store, set.ids, c, { scope: set.scope, depths: set.depths }));
  const entityCells = (id: string) => attrColumns.map((c) => (plain(c) ? stored.get(id)?.[c] ?? null : cell(values.get(c)!.get(id))));

  const columns = [...recordColumns, ...attrColumns];
  if (!recordColumns.length) return { columns, rows: set.ids.map(entityCells), rowIds: [...set.ids] };
  const byEntity = await store.recordsOf(set.ids, set.scope);
  const records = new Map((await store.records([...new Set([...byEntity.values()].flat())])).map((r) => [r.id, r]));
  const rows: Cell[][] = [];
  const rowIds: string[] = [];
  for (const id of set.ids) {
    for (const rid of byEntity.get(id) ?? []) {
      rows.push([...recordColumns.map((c) => recordCell(c, records.get(rid)!)), ...entityCells(id)]);
      rowIds.push(id);
    }
  }
  return { columns, rows, rowIds };
}

/**
 * A DISP column as the hunt named it: ATTR's as written; the others by their OCSF names when the statements behind
 * the variable used Kestrel 2's (decision 40), STIX otherwise.
 */
export function columnName(column: string, names: ColumnNames): string {
  if (Object.hasOwn(names.written, column)) return names.written[column];
  return names.dialect === 'ocsf' ? stixToOcsf(names.type, column) ?? column : column;
}

/** DISP: the set's rows, identical rows merged when asked. */
export async function display(store: GraphStore, set: EntitySet, options: DisplayOptions = {}): Promise<{ columns: string[]; rows: Cell[][] }> {
  const table = await tableOf(store, set);
  let rows = table.rows;
  if (options.collapse) {
    const seen = new Set<string>();
    rows = rows.filter((r) => {
      const key = stableStringify(r);
      if (r.every((c) => c === null) || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }
  return { columns: table.columns, rows };
}
