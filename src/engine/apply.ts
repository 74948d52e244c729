import type { GraphStore } from '../../graph/graph-store';
import type { IRValue, OutputNode } from '../ir/nodes';
import type { AttrValue } from '../model/observation';
import { runAnalytics, type AnalyticsDisplay, type AnalyticsValue, type Row } from './analytics';
import { tableOf } from './display';
import type { EntitySet } from './entity-set';
import { attributeValues } from './path-values';

export interface AnalyticsSettings {
  /** `js://name` -> module path. */
  profiles: Record<string, string>;
  timeoutMs: number;
}

export interface ApplyResult {
  analytics: string;
  variables: string[];
  /** Entities whose attributes the analytics added or changed. */
  updated: number;
  display?: AnalyticsDisplay;
}

type ApplyNode = Extract<OutputNode, { kind: 'apply' }>;

function plain(v: AttrValue): AnalyticsValue {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => (x === null || typeof x !== 'object' ? x : JSON.stringify(x)));
  return JSON.stringify(v);
}

/**
 * Each input as the analytics sees it: one row per entity, `id` plus its displayed (flattened) attributes. The id
 * is the store's, which the analytics' updates name, even where the data gave the entity an id of its own.
 */
async function rowsOf(store: GraphStore, set: EntitySet): Promise<Row[]> {
  const table = await tableOf(store, { ...set, transform: undefined });
  return table.rows.map((cells, i) => {
    const row: Row = { id: table.rowIds![i] };
    table.columns.forEach((c, j) => {
      if (cells[j] !== null && c !== 'id') row[c] = plain(cells[j]);
    });
    return row;
  });
}

/**
 * APPLY: runs the analytics on the inputs' entities and writes the attributes it returns onto them, so every
 * variable holding those entities sees them. Parameters are strings, references joined with commas (Kestrel).
 * Nothing is written unless the analytics succeeds and its output is valid.
 */
export async function apply(
  store: GraphStore,
  node: ApplyNode,
  value: (n: ApplyNode['inputs'][number]) => Promise<EntitySet>,
  baseDir: string,
  settings: AnalyticsSettings,
): Promise<ApplyResult> {
  const sets = await Promise.all(node.inputs.map(value));
  const param = async (v: IRValue): Promise<string[]> => {
    if (v.kind === 'literal') return [v.value === null ? '' : String(v.value)];
    if (v.kind === 'list') return (await Promise.all(v.items.map(param))).flat();
    return (await attributeValues(store, await value(v.variable), v.attribute)).map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x)));
  };
  const params: Record<string, string> = {};
  for (const p of node.params) params[p.key] = (await param(p.value)).join(',');
  const result = await runAnalytics({
    uri: node.analytics,
    baseDir,
    profiles: settings.profiles,
    inputs: await Promise.all(sets.map(async (set, i) => ({ variable: node.inputs[i].name, entityType: set.type, rows: await rowsOf(store, set) }))),
    params,
    timeoutMs: settings.timeoutMs,
  });
  const updates = new Map<string, Record<string, AttrValue>>();
  for (const rows of result.updates) {
    for (const { id, ...attrs } of rows) updates.set(String(id), { ...updates.get(String(id)), ...attrs });
  }
  await store.setAttributes(updates);
  return { analytics: node.analytics, variables: node.inputs.map((v) => v.name), updated: updates.size, display: result.display };
}
