import type { GraphStore } from '../../graph/graph-store';
import type { Aggregation, AggregationFunc, GroupKey } from '../lang/ast';
import { UNIT_MS } from '../ir/compile';
import { KestrelError } from '../model/errors';
import type { AttrValue } from '../model/observation';
import { stableStringify } from '../model/stable-id';
import { compareCells, ISO_TIME } from './compare';
import { tableOf, transformColumns, type Cell } from './display';
import type { EntitySet } from './entity-set';


/** The column a GROUP key yields: the attribute, or `<attr>_bin` for BIN. */
export function keyColumn(key: GroupKey): string {
  return key.kind === 'bin' ? `${key.attribute}_bin` : key.attribute;
}

/** The column an aggregation yields: its alias, or `<func>_<attr>`. */
export function aggregationColumn(a: Aggregation): string {
  return a.alias ?? `${a.func.toLowerCase()}_${a.attribute}`;
}

function isNumber(v: Cell): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function numeric(v: Cell): number | undefined {
  if (isNumber(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

function bin(v: Cell, key: GroupKey & { kind: 'bin' }): Cell {
  if (v === null || Array.isArray(v)) return null;
  if (typeof v === 'string' && ISO_TIME.test(v) && !Number.isNaN(Date.parse(v))) {
    const width = key.size * UNIT_MS[key.unit ?? 'second'];
    return new Date(Math.floor(Date.parse(v) / width) * width).toISOString().replace('.000Z', 'Z');
  }
  const n = numeric(v);
  if (n === undefined || key.unit) {
    throw new KestrelError('E_GROUP_BIN', `cannot bin ${key.attribute} value ${JSON.stringify(v)}`, {
      hint: key.unit ? `BIN with a time unit needs timestamps, e.g. BIN(first_observed, 1m) on TIMESTAMPED(var)` : 'BIN(attr, n) needs numbers or timestamps',
    });
  }
  return Math.floor(n / key.size) * key.size;
}

function aggregate(func: AggregationFunc, cells: Cell[]): Cell {
  const present = cells.filter((c) => c !== null);
  switch (func) {
    case 'COUNT': return present.length;
    case 'NUNIQUE': return new Set(present.map((c) => stableStringify(c))).size;
    case 'SUM':
    case 'AVG': {
      const nums = present.flatMap((c) => numeric(c) ?? []);
      if (!nums.length) return null;
      const sum = nums.reduce((a, b) => a + b, 0);
      return func === 'SUM' ? sum : sum / nums.length;
    }
    case 'MIN':
    case 'MAX': {
      if (!present.length) return null;
      const sign = func === 'MIN' ? 1 : -1;
      return present.reduce((best, c) => (sign * compareCells(c, best) < 0 ? c : best));
    }
  }
}

/** What GROUP without WITH computes for a column (firepit's auto-aggregation). */
function autoAggregation(column: string, cells: Cell[], type: string): Aggregation {
  if (column === 'number_observed') return { func: 'SUM', attribute: column, alias: column };
  if (column === 'first_observed') return { func: 'MIN', attribute: column, alias: column };
  if (column === 'last_observed') return { func: 'MAX', attribute: column, alias: column };
  const identifying = (type === 'network-traffic' && column.endsWith('_port')) || (type === 'process' && column.endsWith('pid'));
  const integers = cells.some((c) => c !== null) && cells.every((c) => c === null || Number.isInteger(c));
  return identifying || !integers
    ? { func: 'NUNIQUE', attribute: column, alias: `unique_${column}` }
    : { func: 'AVG', attribute: column, alias: `mean_${column}` };
}

/**
 * GROUP: one row per distinct key, sorted by the keys, with the aggregations (or firepit's automatic ones).
 * The result holds rows, not entities.
 */
export async function group(store: GraphStore, set: EntitySet, by: readonly GroupKey[], aggregations?: readonly Aggregation[]): Promise<EntitySet> {
  const wanted = [...new Set([...by.map((k) => k.attribute), ...(aggregations ?? []).map((a) => a.attribute)])];
  const fromTransform = transformColumns(set.transform);
  const columns = set.table || !aggregations ? set.columns : wanted.filter((c) => !fromTransform.includes(c));
  const source = await tableOf(store, { ...set, columns });
  const keyColumns = by.map(keyColumn);
  // Kestrel skips a command whose input is empty: nothing to group, whatever the columns.
  if (!source.rows.length) {
    return { type: set.type, ids: [], table: { columns: [...keyColumns, ...(aggregations ?? []).map(aggregationColumn)], rows: [] } };
  }
  const index = (c: string) => {
    const i = source.columns.indexOf(c);
    if (i >= 0) return i;
    throw new KestrelError('E_UNKNOWN_ATTRIBUTE', `cannot group by or aggregate "${c}": the variable has no such column`, {
      hint: `its columns are ${source.columns.join(', ')}`,
    });
  };
  const keyIndexes = by.map((k) => index(k.attribute));
  for (const [i, k] of by.entries()) {
    if (source.rows.every((r) => r[keyIndexes[i]] === null)) {
      throw new KestrelError('E_UNKNOWN_ATTRIBUTE', `cannot group by "${k.attribute}": none of the ${source.rows.length} rows has a value`, {
        hint: `group by an attribute the entities have, e.g. one of ${source.columns.join(', ')}`,
      });
    }
  }
  const groups = new Map<string, { key: Cell[]; rows: (readonly Cell[])[] }>();
  for (const row of source.rows) {
    const key = by.map((k, i) => (k.kind === 'bin' ? bin(row[keyIndexes[i]], k) : row[keyIndexes[i]]));
    const id = stableStringify(key);
    const g = groups.get(id) ?? { key, rows: [] };
    g.rows.push(row);
    groups.set(id, g);
  }
  const aggs = aggregations
    ?? source.columns
      .filter((c) => !by.some((k) => k.attribute === c))
      .map((c) => autoAggregation(c, source.rows.map((r) => r[source.columns.indexOf(c)]), set.type));
  const aggIndexes = aggs.map((a) => index(a.attribute));
  const rows = [...groups.values()]
    .sort((a, b) => a.key.reduce<number>((d, k, i) => d || compareCells(k, b.key[i]), 0))
    .map((g) => [...g.key, ...aggs.map((a, i) => aggregate(a.func, g.rows.map((r) => r[aggIndexes[i]])))] as AttrValue[]);
  return { type: set.type, ids: [], table: { columns: [...keyColumns, ...aggs.map(aggregationColumn)], rows } };
}
