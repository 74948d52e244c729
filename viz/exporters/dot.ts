import { typeStyle } from '../entity-style';
import type { ViewGraph } from '../view-graph';
import { CONTROL, unicodeEscape } from './control-characters';
import { describeGraph } from './describe-graph';
import { foldLeafGroups } from './fold-leaf-groups';

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
 * Graphviz DOT (`dot -Tsvg`): every id and label a quoted string, shape by entity type and filled with a tint of
 * its colour in the view, the hunt's own entities drawn bold, edges labelled with their relation, the notes in
 * the graph's comment. Leaves of one kind are folded into counted groups (`foldLeafGroups`); parents rank above
 * children, and unconnected trees are packed into a block rather than one long row. `class` carries
 * `type-TYPE` (and `chosen`) into SVG output for styling.
 */
export function toDot(graph: ViewGraph): string {
  const g = foldLeafGroups(graph);
  const out = [
    `digraph ${dotString(g.title)} {`,
    `  graph [label=${dotString(g.title)}, labelloc="t", rankdir="TB", pack="true", packmode="array_u", comment=${dotString(describeGraph(g))}];`,
    '  node [fontname="Helvetica", style="rounded,filled"];',
    '  edge [fontname="Helvetica", fontsize="10"];',
  ];
  for (const n of g.nodes) {
    const chosen = n.variables.length > 0;
    const attrs = [
      `label=${dotString(wrapped(n.label))}`,
      `shape=${dotString(SHAPES[n.type] ?? 'ellipse')}`,
      `fillcolor=${dotString(`${typeStyle(n.type).color}55`)}`,
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

/** Lines of at most `width` characters, broken after a path separator, a space or a dot where one is near the end (registry paths are long). */
function wrapped(s: string, width = 40): string {
  const lines: string[] = [];
  let rest = s;
  while (rest.length > width) {
    const cut = Math.max(...['\\', '/', ' ', '.'].map((c) => rest.lastIndexOf(c, width - 1)));
    const at = cut > width / 2 ? cut + 1 : width;
    lines.push(rest.slice(0, at));
    rest = rest.slice(at);
  }
  lines.push(rest);
  return lines.join('\n');
}

/** A DOT quoted string: backslash and quote escaped, line breaks as `\n`, other controls as visible `\u001b`. */
function dotString(s: string): string {
  const body = s
    .replace(/[\\"]/g, (ch) => `\\${ch}`)
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(CONTROL, (ch) => `\\${unicodeEscape(ch)}`);
  return `"${body}"`;
}
