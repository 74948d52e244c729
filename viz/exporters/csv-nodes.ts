import type { ViewGraph } from '../view-graph';
import { csvRows } from './csv-cell';
import { nodeColumns } from './node-columns';

/** The nodes as CSV (spreadsheets, Neo4j `LOAD CSV`): `id`, the fixed fields, then one column per attribute. */
export function toCsvNodes(g: ViewGraph): string {
  const columns = nodeColumns(g.nodes);
  return csvRows([['id', ...columns.map((c) => c.name)], ...g.nodes.map((n) => [n.id, ...columns.map((c) => c.value(n))])]);
}
