import type { ViewGraph } from '../view-graph';

/** The title and what the graph leaves out, in one line (for formats with a description field). */
export function describeGraph(g: ViewGraph): string {
  const { truncated, cycles, inferredRoots } = g.notes;
  return `${g.title} (truncated: ${truncated}; cycles: ${cycles.length}; inferred roots: ${inferredRoots.length})`;
}
