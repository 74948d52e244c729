import type { ViewGraph } from '../view-graph';
import { CLIENT_SCRIPT } from './client-script';
import { cytoscapeSource } from './cytoscape-source';
import { htmlText } from './html-text';
import { jsonIsland } from './json-island';
import { VIEW_CSS } from './view-css';

export interface ViewHtmlOptions {
  /** The page's title; the graph's own title when absent. */
  title?: string;
  /** The huntflow text behind the view, shown one click away. */
  query?: string;
}

/** Nothing leaves the page: no fetch, no frame, no font; inline script and style only, images from data: URLs. */
export const VIEW_CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:";

function inlineScript(js: string): string {
  if (/<\/script|<!--/i.test(js)) throw new Error('a script to inline contains "</script" or "<!--"');
  return `<script>${js}</script>`;
}

/**
 * The provenance view of a graph as one self-contained offline HTML page: cytoscape.js, the view's script and
 * style inlined, the graph as an escaped JSON island.
 */
export function renderViewHtml(g: ViewGraph, options: ViewHtmlOptions = {}): string {
  const title = htmlText(options.title ?? g.title);
  const query = options.query === undefined ? '' :
    `<details id="query"><summary>Query behind this view</summary><pre>${htmlText(options.query)}</pre></details>\n`;
  const graph = { nodes: g.nodes, edges: g.edges, notes: g.notes };
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
<div id="graph-area"><div id="cy"></div><div id="legend"></div></div>
<aside>
<section id="panel"><p>Click a node for its attributes and records; double-click it to collapse or expand.</p></section>
<section id="table-wrap"><table id="nodes"><thead><tr><th>Type</th><th>Label</th><th>Variables</th><th>Depth</th></tr></thead><tbody></tbody></table></section>
</aside>
</main>
<script type="application/json" id="graph">${jsonIsland(graph)}</script>
${inlineScript(cytoscapeSource())}
${inlineScript(CLIENT_SCRIPT)}
</body>
</html>
`;
}
