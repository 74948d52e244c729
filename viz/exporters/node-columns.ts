import type { AttrValue } from '../../src/model/observation';
import { stableStringify } from '../../src/model/stable-id';
import type { ViewNode } from '../view-graph';

export type CellValue = string | number | undefined;

/** A node column of the flat formats (GraphML, GEXF, CSV): its name, its type, and its value for a node. */
export interface NodeColumn {
  name: string;
  kind: 'string' | 'int' | 'long';
  value(node: ViewNode): CellValue;
}

const FIXED: readonly NodeColumn[] = [
  { name: 'type', kind: 'string', value: (n) => n.type },
  { name: 'label', kind: 'string', value: (n) => n.label },
  { name: 'variables', kind: 'string', value: (n) => (n.variables.length ? n.variables.join(',') : undefined) },
  { name: 'depth', kind: 'int', value: (n) => n.depth },
  { name: 'time', kind: 'long', value: (n) => n.time },
  { name: 'recordCount', kind: 'int', value: (n) => n.recordCount },
  { name: 'records', kind: 'string', value: (n) => (n.records.length ? n.records.join(' ') : undefined) },
];

/**
 * The fixed columns, then one per attribute name any node has (sorted), as text: nested values (hashes,
 * lists) as JSON. An attribute whose name a fixed column (or `id`) uses is named `attr.NAME`.
 */
export function nodeColumns(nodes: readonly ViewNode[]): NodeColumn[] {
  const names = new Set<string>();
  for (const n of nodes) for (const k of Object.keys(n.attrs)) names.add(k);
  const taken = new Set(['id', ...FIXED.map((c) => c.name)]);
  const attrs = [...names].sort(byCodeUnit).map((k): NodeColumn => ({
    name: taken.has(k) ? `attr.${k}` : k,
    kind: 'string',
    value: (n) => flatValue(n.attrs[k]),
  }));
  return [...FIXED, ...attrs];
}

function flatValue(v: AttrValue | undefined): CellValue {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string' || typeof v === 'number') return v;
  if (typeof v === 'boolean') return String(v);
  return stableStringify(v);
}

export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
