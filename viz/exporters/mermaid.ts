import { typeStyle } from '../entity-style';
import type { ViewGraph, ViewNode } from '../view-graph';
import { CONTROL, unicodeEscape } from './control-characters';
import { foldLeafGroups } from './fold-leaf-groups';

export interface MermaidOptions {
  /** Nodes drawn at most (default 100): Mermaid renders large graphs slowly and unreadably. */
  maxNodes?: number;
}

const DEFAULT_MAX_NODES = 100;

/**
 * A Mermaid flowchart for Markdown reports: leaves of one kind folded into counted groups (`foldLeafGroups`),
 * then the first `maxNodes` nodes and the edges among them, a `%%` comment saying how many were left out,
 * each node filled with its type's colour in the view (class `t_TYPE`), the hunt's own entities in class
 * `chosen`. Node ids are the entity ids with every character outside [A-Za-z0-9_] replaced (numbered when
 * two collide); labels are quoted with every character that could end the string or carry markup written as
 * an entity code.
 */
export function toMermaid(graph: ViewGraph, options: MermaidOptions = {}): string {
  const g = foldLeafGroups(graph);
  const max = options.maxNodes ?? DEFAULT_MAX_NODES;
  const nodes = g.nodes.slice(0, max);
  const ids = mermaidIds(nodes);
  const edges = g.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
  const out = ['flowchart TD', `  %% ${mermaidLabel(g.title)}`];
  const leftOut = g.nodes.length - nodes.length;
  if (leftOut > 0) out.push(`  %% ${leftOut} of ${g.nodes.length} nodes and ${g.edges.length - edges.length} edges left out (Mermaid cap: ${max} nodes)`);
  if (g.notes.truncated > 0) out.push(`  %% ${g.notes.truncated} more entities were not in the graph (its size bound)`);
  for (const n of nodes) out.push(`  ${ids.get(n.id)}${shape(n, `"${mermaidLabel(n.label)}"`)}`);
  for (const e of edges) out.push(`  ${ids.get(e.source)} -->|"${mermaidLabel(e.relation)}"| ${ids.get(e.target)}`);
  const types = [...new Set(nodes.map((n) => n.type))];
  for (const type of types) {
    const cls = `t_${type.replace(/[^A-Za-z0-9_]/g, '_')}`;
    out.push(`  classDef ${cls} fill:${typeStyle(type).color}55`, `  class ${nodes.filter((n) => n.type === type).map((n) => ids.get(n.id)).join(',')} ${cls}`);
  }
  const chosen = nodes.filter((n) => n.variables.length > 0).map((n) => ids.get(n.id));
  if (chosen.length) out.push('  classDef chosen stroke-width:3px', `  class ${chosen.join(',')} chosen`);
  return `${out.join('\n')}\n`;
}

function shape(n: ViewNode, text: string): string {
  if (n.type === 'process') return `[${text}]`;
  if (n.type.endsWith('-addr')) return `{{${text}}}`;
  return `(${text})`;
}

function mermaidIds(nodes: readonly ViewNode[]): Map<string, string> {
  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const n of nodes) {
    const base = `n_${n.id.replace(/[^A-Za-z0-9_]/g, '_')}`;
    let id = base;
    for (let i = 2; used.has(id); i++) id = `${base}_${i}`;
    used.add(id);
    ids.set(n.id, id);
  }
  return ids;
}

/**
 * Text for inside a quoted Mermaid label (or a comment): quotes, brackets, markup, `#`, `%` (directives),
 * `|` and backticks as `#NN;` codes; line breaks and other controls as visible `\n`, `\u001b`.
 */
function mermaidLabel(s: string): string {
  return s
    .replace(/[#"'<>&[\](){}|`%;\\]/g, (ch) => `#${ch.charCodeAt(0)};`)
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(CONTROL, unicodeEscape);
}
