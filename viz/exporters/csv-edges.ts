import type { ViewGraph } from '../view-graph';
import { csvRows } from './csv-cell';

/** The edges as CSV: `id,source,target,relation`, source and target being node ids of the nodes CSV. */
export function toCsvEdges(g: ViewGraph): string {
  return csvRows([['id', 'source', 'target', 'relation'], ...g.edges.map((e) => [e.id, e.source, e.target, e.relation])]);
}
