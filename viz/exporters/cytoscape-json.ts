import type { ViewGraph } from '../view-graph';
import { nodeColumns } from './node-columns';

/**
 * Cytoscape.js elements JSON, as `cy.json()` writes it and Cytoscape desktop imports it (`.cyjs`): the graph's
 * title and notes in `data`, each node's fixed fields and attributes in its `data` (nested values as JSON
 * text, `records` as a list), classes for styling: `type-TYPE`, and `chosen` for entities of the hunt's variables.
 */
export function toCytoscapeJson(g: ViewGraph): string {
  const columns = nodeColumns(g.nodes).filter((c) => c.name !== 'records' && c.name !== 'variables');
  const nodes = g.nodes.map((n) => {
    const data: Record<string, unknown> = { id: n.id, variables: n.variables, records: n.records };
    for (const c of columns) {
      const v = c.value(n);
      if (v !== undefined) data[c.name] = v;
    }
    return { group: 'nodes', data, classes: classesOf(n.type, n.variables.length > 0) };
  });
  const edges = g.edges.map((e) => ({
    group: 'edges',
    data: { id: e.id, source: e.source, target: e.target, relation: e.relation, label: e.relation },
  }));
  return `${JSON.stringify({ data: { title: g.title, notes: g.notes }, elements: { nodes, edges } }, null, 2)}\n`;
}

function classesOf(type: string, chosen: boolean): string[] {
  const classes = [`type-${type.replace(/[^A-Za-z0-9_-]/g, '_')}`];
  if (chosen) classes.push('chosen');
  return classes;
}
