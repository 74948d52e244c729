import type { ViewGraph } from '../view-graph';
import { describeGraph } from './describe-graph';
import { nodeColumns } from './node-columns';
import { xmlText } from './xml-text';

/**
 * GEXF 1.2draft, the version both Gephi and networkx read (networkx 2.8 reads only 1.1draft and 1.2draft): a
 * static directed graph; the label is the node's own `label`, the other node columns (fixed fields, then
 * attributes) are typed `<attribute>`s of class node with ids `a0…`, and the relation is each edge's label.
 * No modification date, so the same graph gives the same file. Every data string is XML-escaped.
 */
export function toGexf(g: ViewGraph): string {
  const columns = nodeColumns(g.nodes).filter((c) => c.name !== 'label');
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
    '    xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">',
    '  <meta>',
    '    <creator>kestrel-ts</creator>',
    `    <description>${xmlText(describeGraph(g))}</description>`,
    '  </meta>',
    '  <graph defaultedgetype="directed" mode="static">',
    '    <attributes class="node">',
  ];
  columns.forEach((c, i) => out.push(`      <attribute id="a${i}" title="${xmlText(c.name)}" type="${c.kind === 'int' ? 'integer' : c.kind}"/>`));
  out.push('    </attributes>', '    <nodes>');
  for (const n of g.nodes) {
    out.push(`      <node id="${xmlText(n.id)}" label="${xmlText(n.label)}">`, '        <attvalues>');
    columns.forEach((c, i) => {
      const v = c.value(n);
      if (v !== undefined) out.push(`          <attvalue for="a${i}" value="${xmlText(String(v))}"/>`);
    });
    out.push('        </attvalues>', '      </node>');
  }
  out.push('    </nodes>', '    <edges>');
  for (const e of g.edges) {
    out.push(`      <edge id="${xmlText(e.id)}" source="${xmlText(e.source)}" target="${xmlText(e.target)}" label="${xmlText(e.relation)}"/>`);
  }
  out.push('    </edges>', '  </graph>', '</gexf>', '');
  return out.join('\n');
}
