import * as fs from 'node:fs';
import type { ViewGraph } from '../../viz/view-graph';
import { renderViewHtml, VIEW_CSP } from '../../viz/view/render-view-html';
import { jsonIsland } from '../../viz/view/json-island';
import { notebookCytoscape } from '../../viz/view/cytoscape-loader';

const HOSTILE = '</script><script>window.pwned=1</script><!-- & \u2028\u2029 "\'';

function graph(): ViewGraph {
  return {
    title: 'parents <of> children',
    nodes: [
      { id: 'process--a', type: 'process', label: 'cmd.exe (1)', attrs: { name: 'cmd.exe', command_line: HOSTILE }, variables: ['procs'], records: ['r1'], recordCount: 1, time: 1 },
      { id: 'process--b', type: 'process', label: HOSTILE, attrs: {}, variables: [], records: [], recordCount: 0 },
    ],
    edges: [{ id: 'process--a|created|process--b', source: 'process--a', target: 'process--b', relation: 'created' }],
    notes: { truncated: 0, cycles: [], inferredRoots: [] },
  };
}

const island = (html: string) => /<script type="application\/json" id="graph">([^]*?)<\/script>/.exec(html)![1];
const cytoscapeBytes = fs.statSync(require.resolve('cytoscape/dist/cytoscape.min.js')).size;

test('the page fetches nothing: no external script, style, image or frame, and a CSP that forbids the network', () => {
  const html = renderViewHtml(graph(), { query: 'procs = GET process FROM https://example.com/x' });
  expect(html).not.toMatch(/<(script|link|img|iframe|frame|embed|object|source|audio|video|base)\b[^>]*\b(src|href|data)\s*=/i);
  expect(html).not.toMatch(/@import|url\(\s*['"]?(https?:)?\/\//i);
  expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${VIEW_CSP}">`);
  expect(VIEW_CSP).toContain("default-src 'none'");
  // The only http(s) URL outside cytoscape.js is the query's text, escaped inside <pre>.
  const own = html.replace(/<script>[^]*?<\/script>/g, '');
  expect(own.match(/https?:\/\/[^\s<"']*/g)).toEqual(['https://example.com/x']);
  expect(html.match(/<script\b/g)).toHaveLength(3);
});

test('the JSON island cannot close its tag and parses back to the graph', () => {
  const g = graph();
  const html = renderViewHtml(g);
  const json = island(html);
  expect(json).not.toMatch(/[<>&\u2028\u2029]/);
  expect(json).toContain('\\u003c/script\\u003e');
  expect(JSON.parse(json)).toMatchObject({ nodes: g.nodes, edges: g.edges, notes: g.notes, styles: { process: { color: '#4e79a7' } } });
  expect(jsonIsland('\u2028&')).toBe('"\\u2028\\u0026"');
});

test('title and query are escaped as HTML text', () => {
  const html = renderViewHtml(graph(), { title: HOSTILE, query: HOSTILE });
  expect(html).toContain('<title>&lt;/script&gt;&lt;script&gt;window.pwned=1&lt;/script&gt;&lt;!-- &amp; \u2028\u2029 &quot;&#39;</title>');
  expect(html).toContain('<pre>&lt;/script&gt;');
  expect(html).not.toContain('window.pwned=1</script>');
  expect(renderViewHtml(graph())).toContain('<title>parents &lt;of&gt; children</title>');
  expect(renderViewHtml(graph())).not.toContain('<details id="query">');
});

test('same graph, same page; the page is cytoscape.js plus a few tens of kilobytes', () => {
  const html = renderViewHtml(graph(), { query: 'x' });
  expect(renderViewHtml(graph(), { query: 'x' })).toBe(html);
  expect(Buffer.byteLength(html)).toBeGreaterThan(cytoscapeBytes);
  expect(Buffer.byteLength(html)).toBeLessThan(cytoscapeBytes + 60_000);
});

test('a view for a notebook leaves cytoscape.js out: it asks the notebook for its one copy', () => {
  const html = renderViewHtml(graph(), { cytoscape: 'from-notebook' });
  expect(Buffer.byteLength(html)).toBeLessThan(60_000);
  expect(html).toContain("postMessage({ kestrel: 'cytoscape?' }");
  expect(notebookCytoscape()).toMatch(/^<script type="text\/plain" id="kestrel-cytoscape-js">/);
  expect(Buffer.byteLength(notebookCytoscape())).toBeGreaterThan(cytoscapeBytes);
});
