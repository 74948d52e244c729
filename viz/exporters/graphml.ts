import type { ViewGraph } from '../view-graph';
import { describeGraph } from './describe-graph';
import { nodeColumns } from './node-columns';
import { xmlText } from './xml-text';

/**
 * GraphML (Gephi, yEd, Cytoscape desktop, Neo4j `apoc.import.graphml`): a `<key>` per node column (fixed
 * fields, then attributes; ids `n0…`, names as written) and the edge's relation (`e0`), a directed graph
 * whose `<desc>` holds the title and the notes. Every data string is XML-escaped (xml-text.ts).
 */
export function toGraphml(g: ViewGraph): string {
  const columns = nodeColumns(g.nodes);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
    '    xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
  ];
  columns.forEach((c, i) => out.push(`  <key id="n${i}" for="node" attr.name="${xmlText(c.name)}" attr.type="${c.kind}"/>`));
  out.push('  <key id="e0" for="edge" attr.name="relation" attr.type="string"/>');
  out.push('  <graph id="G" edgedefault="directed">');
  out.push(`    <desc>${xmlText(describeGraph(g))}</desc>`);
  for (const n of g.nodes) {
    out.push(`    <node id="${xmlText(n.id)}">`);
    columns.forEach((c, i) => {
      const v = c.value(n);
      if (v !== undefined) out.push(`      <data key="n${i}">${xmlText(String(v))}</data>`);
    });
    out.push('    </node>');
  }
  for (const e of g.edges) {
    out.push(`    <edge id="${xmlText(e.id)}" source="${xmlText(e.source)}" target="${xmlText(e.target)}">`);
    out.push(`      <data key="e0">${xmlText(e.relation)}</data>`);
    out.push('    </edge>');
  }
  out.push('  </graph>', '</graphml>', '');
  return out.join('\n');
}
