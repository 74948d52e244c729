/** The explorer's own page: a huntflow editor, the text output of each block, and the provenance view in a sandboxed frame. */
export const EXPLORER_CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src data:";

const STYLE = `
body { margin: 0; font: 14px system-ui, sans-serif; display: grid; grid-template-columns: minmax(320px, 38%) 1fr; height: 100vh; }
#side { display: flex; flex-direction: column; border-right: 1px solid #ccc; min-height: 0; }
textarea { font: 13px ui-monospace, monospace; height: 30%; padding: 8px; border: 0; border-bottom: 1px solid #ccc; resize: vertical; }
#bar { padding: 6px 8px; display: flex; gap: 8px; align-items: center; border-bottom: 1px solid #ccc; }
#output { flex: 1; margin: 0; padding: 8px; overflow: auto; font: 12px ui-monospace, monospace; white-space: pre; }
iframe { width: 100%; height: 100%; border: 0; }
`;

const SCRIPT = `
const token = document.querySelector('meta[name="kestrel-token"]').content;
const editor = document.getElementById('huntflow');
const output = document.getElementById('output');
const status = document.getElementById('status');
const view = document.getElementById('view');
async function run() {
  status.textContent = 'running…';
  try {
    const res = await fetch('run', { method: 'POST', headers: { 'content-type': 'application/json', 'x-kestrel-token': token }, body: JSON.stringify({ huntflow: editor.value }) });
    const body = await res.json();
    output.textContent = body.text;
    if (body.view) view.srcdoc = body.view;
    status.textContent = body.ok ? 'done' : 'failed';
  } catch (e) {
    status.textContent = 'the explorer is not answering';
  }
}
document.getElementById('run').addEventListener('click', run);
editor.addEventListener('keydown', (e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) run(); });
`;

/** The page, with the token every request to /run must carry (a page on another site cannot read it). */
export function explorerPage(token: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${EXPLORER_CSP}">
<meta name="kestrel-token" content="${token}">
<title>kestrel explorer</title><style>${STYLE}</style></head>
<body>
<div id="side">
<textarea id="huntflow" spellcheck="false" placeholder="procs = GET process FROM file://data.json WHERE name = 'cmd.exe'&#10;kids = FIND process CREATED BY procs"></textarea>
<div id="bar"><button id="run">Run block (Ctrl+Enter)</button><span id="status"></span></div>
<pre id="output"></pre>
</div>
<iframe id="view" sandbox="allow-scripts" title="provenance view"></iframe>
<script>${SCRIPT}</script>
</body></html>`;
}
