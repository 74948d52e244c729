import { cytoscapeSource } from './cytoscape-source';
import { inlineScript } from './inline-script';

/**
 * In a view rendered `from-notebook`, in place of cytoscape.js: asks the page around its frame for the library
 * (again each second: the notebook may not have run its provider yet), runs what the parent frame answers, then
 * fires `kestrel-cytoscape` for the view's script. After 20 s without an answer the drawing area says why.
 */
export const CYTOSCAPE_LOADER = String.raw`
(function () {
  let tries = 0;
  const ask = setInterval(() => {
    if (++tries > 20) {
      clearInterval(ask);
      document.getElementById('cy').textContent = 'Cytoscape.js is not in this notebook: run a cell that draws a view again.';
      return;
    }
    window.parent.postMessage({ kestrel: 'cytoscape?' }, '*');
  }, 1000);
  window.addEventListener('message', (e) => {
    if (e.source !== window.parent || !e.data || e.data.kestrel !== 'cytoscape' || window.cytoscape) return;
    clearInterval(ask);
    const script = document.createElement('script');
    script.textContent = e.data.source;
    document.head.append(script);
    window.dispatchEvent(new Event('kestrel-cytoscape'));
  });
  window.parent.postMessage({ kestrel: 'cytoscape?' }, '*');
})();
`;

const PROVIDER = String.raw`
(function () {
  if (window.kestrelCytoscapeProvider) return;
  window.kestrelCytoscapeProvider = true;
  window.addEventListener('message', (e) => {
    const library = document.getElementById('kestrel-cytoscape-js');
    if (library && e.source && e.data && e.data.kestrel === 'cytoscape?') e.source.postMessage({ kestrel: 'cytoscape', source: library.textContent }, '*');
  });
})();
`;

/**
 * The one copy of cytoscape.js a notebook holds (sent with its first view): the library as inert text, and a script
 * that hands it to each view frame that asks.
 */
export function notebookCytoscape(): string {
  const library = cytoscapeSource();
  if (/<\/script|<!--/i.test(library)) throw new Error('cytoscape.js contains "</script" or "<!--"');
  return `<script type="text/plain" id="kestrel-cytoscape-js">${library}</script>\n${inlineScript(PROVIDER)}`;
}
