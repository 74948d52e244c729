import { GROUP_NOUNS, typeStyle, type TypeStyle } from '../entity-style';
import type { ViewGraph } from '../view-graph';
import { CLIENT_SCRIPT } from './client-script';
import { CYTOSCAPE_LOADER } from './cytoscape-loader';
import { cytoscapeSource } from './cytoscape-source';
import { htmlText } from './html-text';
import { inlineScript } from './inline-script';
import { jsonIsland } from './json-island';
import { VIEW_CSS } from './view-css';

export interface ViewHtmlOptions {
  /** The page's title; the graph's own title when absent. */
  title?: string;
  /** The huntflow text behind the view, shown one click away. */
  query?: string;
  /**
   * `inline` (default): cytoscape.js is in the page. `from-notebook`: the page asks the notebook around it for the one copy
   * `notebookCytoscape` put there (see cytoscape-loader.ts), so that each view in a notebook stays small.
   */
  cytoscape?: 'inline' | 'from-notebook';
}

/** Nothing leaves the page: no fetch, no frame, no font; inline script and style only, images from data: URLs. */
export const VIEW_CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:";

/** What the page's script reads: the graph, a style per entity type in it, and the nouns groups are named with. */
function island(g: ViewGraph): string {
  const styles: Record<string, TypeStyle> = {};
  for (const n of g.nodes) styles[n.type] ??= typeStyle(n.type);
  return jsonIsland({ nodes: g.nodes, edges: g.edges, notes: g.notes, recordFacts: g.recordFacts ?? {}, styles, nouns: GROUP_NOUNS });
}

/**
 * The provenance view of a graph as one self-contained offline HTML page: cytoscape.js, the view's script and
 * style inlined, the graph as an escaped JSON island.
 */
export function renderViewHtml(g: ViewGraph, options: ViewHtmlOptions = {}): string {
  const title = htmlText(options.title ?? g.title);
  const query = options.query === undefined ? '' :
    `<details id="query"><summary>Query behind this view</summary><pre>${htmlText(options.query)}</pre></details>\n`;
  const library = options.cytoscape === 'from-notebook' ? CYTOSCAPE_LOADER : cytoscapeSource();
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${VIEW_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${VIEW_CSS}</style>
</head>
<body>
<header><h1>${title}</h1><input id="search" type="search" placeholder="Search labels and attributes (Enter: next)" aria-label="Search"><span id="hits"></span></header>
<ul id="notes" class="notes" hidden></ul>
${query}<main>
<div id="graph-area"><div id="legend"></div><div id="cy"></div>
<div id="timeline" title="Drag across the timeline to select what started in that span"><canvas></canvas><div id="brush" hidden></div><div id="time-mark" hidden></div></div></div>
<aside>
<section id="panel"><p>Click a node for its attributes and records; double-click it to collapse or expand it.</p></section>
<section id="table-wrap"><div id="pager"></div><table id="nodes"><thead><tr></tr></thead><tbody></tbody></table></section>
</aside>
</main>
<script type="application/json" id="graph">${island(g)}</script>
${inlineScript(library)}
${inlineScript(CLIENT_SCRIPT)}
</body>
</html>
`;
}
