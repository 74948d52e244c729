import type { ViewGraph } from '../view-graph';
import { CONTROL, unicodeEscape } from './control-characters';
import { describeGraph } from './describe-graph';

const SHAPES: Readonly<Record<string, string>> = {
  process: 'box',
  'network-traffic': 'ellipse',
  'ipv4-addr': 'diamond',
  'ipv6-addr': 'diamond',
  file: 'note',
  directory: 'folder',
  'user-account': 'house',
};

/**
 * Graphviz DOT (`dot -Tsvg`): every id and label a quoted string, shape by entity type, the hunt's own
 * entities drawn bold, edges labelled with their relation, the notes in the graph's comment. `class` carries
 * `type-TYPE` (and `chosen`) into SVG output for styling.
 */
export function toDot(g: ViewGraph): string {
  const out = [
    `digraph ${dotString(g.title)} {`,
    `  graph [label=${dotString(g.title)}, labelloc="t", comment=${dotString(describeGraph(g))}];`,
    '  node [fontname="Helvetica", style="rounded"];',
    '  edge [fontname="Helvetica", fontsize="10"];',
  ];
  for (const n of g.nodes) {
    const chosen = n.variables.length > 0;
    const attrs = [
      `label=${dotString(n.label)}`,
      `shape=${dotString(SHAPES[n.type] ?? 'ellipse')}`,
      `tooltip=${dotString(`${n.type} ${n.id}`)}`,
      `class=${dotString(`type-${n.type}${chosen ? ' chosen' : ''}`)}`,
      ...(chosen ? ['penwidth="2.5"'] : []),
    ];
    out.push(`  ${dotString(n.id)} [${attrs.join(', ')}];`);
  }
  for (const e of g.edges) out.push(`  ${dotString(e.source)} -> ${dotString(e.target)} [label=${dotString(e.relation)}];`);
  out.push('}', '');
  return out.join('\n');
}

/** A DOT quoted string: backslash and quote escaped, line breaks as `\n`, other controls as visible `\u001b`. */
function dotString(s: string): string {
  const body = s
    .replace(/[\\"]/g, (ch) => `\\${ch}`)
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(CONTROL, (ch) => `\\${unicodeEscape(ch)}`);
  return `"${body}"`;
}
