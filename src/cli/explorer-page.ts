import { EXPLORER_SCRIPT } from './explorer-page-script';
import { escapeHtml } from './kernel/html';

/** The explorer's own page: a notebook of blocks with their outputs, and the provenance view in a sandboxed frame beside it. */
export const EXPLORER_CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src data:";

const STYLE = `
* { box-sizing: border-box; }
body { --notebook: 40%; margin: 0; height: 100vh; display: grid; grid-template-columns: var(--notebook) 6px 1fr;
  font: 14px/1.4 system-ui, sans-serif; color: #222; }
#notebook { display: flex; flex-direction: column; min-width: 0; min-height: 0; }
#cells { flex: 1; overflow: auto; padding: 10px 14px; }
#intro { color: #555; }
.cell { margin: 0 0 18px; padding: 2px 0 2px 10px; border-left: 4px solid #bbb; }
.cell.ok { border-color: #3a8a5a; }
.cell.failed { border-color: #c62828; }
.cell.running { border-color: #0b57d0; }
.cell.following { border-color: #d97706; }
.cell.following .state { color: #b45309; font-weight: bold; }
.cell header { display: flex; align-items: center; gap: 8px; color: #555; }
.cell .number { font: bold 13px ui-monospace, monospace; color: #333; min-width: 3.5em; }
.cell .state { flex: 1; }
.cell.failed .state { color: #c62828; }
pre { font: 13px/1.45 ui-monospace, monospace; margin: 4px 0; white-space: pre-wrap; overflow-wrap: anywhere; }
pre.source { background: #f4f5f7; padding: 6px 8px; counter-reset: line; max-height: 18em; overflow-y: auto; }
pre.source span { display: block; padding-left: 3em; text-indent: -3em; }
pre.source span::before { counter-increment: line; content: counter(line); display: inline-block; width: 2.2em; margin-right: 0.8em;
  text-align: right; text-indent: 0; color: #999; }
.out { overflow-x: auto; }
.out p { margin: 6px 0 2px; }
.out table { border-collapse: collapse; font-size: 13px; margin: 2px 0 8px; }
.out th, .out td { border: 1px solid #ddd; padding: 2px 8px; text-align: left; vertical-align: top; white-space: pre-wrap;
  overflow-wrap: break-word; max-width: 40em; }
.out th { background: #f3f3f3; }
.out .note, .out .warning { color: #8a5a00; }
.out .live { color: #555; font-style: italic; }
.error { background: #fff2f2; border: 1px solid #eab0b0; padding: 4px 10px; margin: 6px 0; }
.error pre { color: #222; white-space: pre; overflow-x: auto; }
button.at { font: inherit; font-weight: bold; color: #0b57d0; background: none; border: 0; padding: 0; text-decoration: underline; cursor: pointer; }
#editor { border-top: 1px solid #ccc; padding: 8px 14px; background: #fafafa; }
textarea { display: block; width: 100%; height: 9em; font: 13px/1.45 ui-monospace, monospace; padding: 6px 8px; resize: vertical; }
#bar { display: flex; gap: 10px; align-items: center; margin-top: 6px; color: #555; }
#divider { cursor: col-resize; background: #e3e3e3; border-left: 1px solid #ccc; touch-action: none; }
#view-pane { min-width: 0; min-height: 0; }
#view-pane p { color: #555; padding: 1em; }
#view-pane iframe { display: block; width: 100%; height: 100%; border: 0; }
`;

/** The page, with the token every request to /run and /blocks must carry (a page on another site cannot read it). */
export function explorerPage(token: string, baseDir: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${EXPLORER_CSP}">
<meta name="kestrel-token" content="${token}">
<title>kestrel explorer</title><style>${STYLE}</style></head>
<body>
<div id="notebook">
<div id="cells"><p id="intro">Type a block of huntflow below and run it: each block runs in one session, and stays here with its output.
Data paths are relative to ${escapeHtml(baseDir)}.</p></div>
<div id="editor">
<textarea id="huntflow" spellcheck="false" aria-label="block" placeholder="procs = GET process FROM file://data.json WHERE name = 'cmd.exe'&#10;kids = FIND process CREATED BY procs"></textarea>
<div id="bar"><button id="run">Run block</button>
<label title="keep the block running: its tables and the view grow as its logs, indices and tables do, until Stop"><input type="checkbox" id="follow"> follow</label>
<span>Ctrl+Enter runs it</span></div>
</div>
</div>
<div id="divider" title="drag to widen the notebook or the view"></div>
<div id="view-pane"><p>The provenance view of every variable so far shows here once a block assigns one.</p></div>
<template id="view-frame"><iframe id="view" sandbox="allow-scripts" title="provenance view"></iframe></template>
<script>${EXPLORER_SCRIPT}</script>
</body></html>`;
}
