import type { GraphStore } from '../../graph/graph-store';
import { buildViewGraph } from '../../viz/build-view-graph';
import type { GraphFormat } from '../../viz/exporters';
import { KestrelError } from '../model/errors';
import type { EntitySet } from './entity-set';
import { resolveTablePath } from './table-files/formats';
import { writeAtomically } from './table-files/io';

export { graphFormatOfFile } from '../../viz/exporters';

/**
 * SAVE to a graph format: the variable's entities and what connects them (`buildViewGraph` with that one
 * variable) through the format's exporter, written atomically as a table is. Returns the absolute path and
 * the numbers of nodes and edges written.
 */
export async function saveGraph(
  store: GraphStore, variable: string, set: EntitySet, format: GraphFormat, file: string, baseDir: string,
): Promise<{ file: string; nodes: number; edges: number }> {
  const out = resolveTablePath(file, baseDir);
  if (set.table && !set.table.rowIds) {
    throw new KestrelError('E_SAVE_FAILED', `${out}: cannot save ${variable} as a graph: it holds grouped rows, not entities`, {
      file: out,
      hint: 'save grouped rows as a table (.csv, .json, .parquet)',
    });
  }
  const ids = set.table ? [...new Set(set.table.rowIds)] : set.ids;
  const graph = await buildViewGraph(store, [{ name: variable, ids }]);
  const [only] = format.files(graph);
  await writeAtomically(out, () => Buffer.from(only.text, 'utf8'));
  return { file: out, nodes: graph.nodes.length, edges: graph.edges.length };
}
