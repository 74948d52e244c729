import type { BlockResult, ErrorReport, Output } from '../../engine/session';
import { formatBlock, formatError } from '../format-text';
import { escapeHtml, htmlTable, htmlTitle } from './html';
import { notebookCytoscape } from '../../../viz/view/cytoscape-loader';

/** A Jupyter mime bundle: HTML for the notebook, plain text for everything else. */
export interface MimeBundle {
  'text/html': string;
  'text/plain': string;
  [mime: string]: string;
}

const empty = (r: Partial<BlockResult>): BlockResult => ({ outputs: [], variables: [], errors: [], warnings: [], elapsedMs: 0, ...r });

/** The text `kestrel run` prints for one output (the block's summary left out). */
function plainOutput(o: Output): string {
  return formatBlock(empty({ outputs: [o] }), Infinity).replace(/\n\n\[SUMMARY\][^]*$/, '');
}

function keyValues(data: object): string {
  return htmlTable(['', ''], Object.entries(data).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)]));
}

function htmlOutput(o: Output, plain: string): string {
  switch (o.kind) {
    case 'disp': {
      const n = o.rows.length;
      const title = htmlTitle(`DISP ${o.variable}`, `(${n} row${n === 1 ? '' : 's'})`);
      return n ? `${title}\n${htmlTable(o.columns, o.rows)}` : `${title}\n<p>(no rows)</p>`;
    }
    case 'info':
      return `${htmlTitle(`INFO ${o.variable}`)}\n${keyValues(o.data)}`;
    case 'describe': {
      const { attribute, ...stats } = o.data;
      return `${htmlTitle(`DESCRIBE ${o.variable}.${attribute}`)}\n${keyValues(stats)}`;
    }
    case 'apply': {
      const [head] = plain.split('\n');
      if (o.display?.kind === 'table') return `<p>${escapeHtml(head)}</p>\n${htmlTable(o.display.columns, o.display.rows)}`;
      if (o.display?.kind === 'html') return `<p>${escapeHtml(head)}</p>\n${sandboxed(o.display.html, '', 400)}`;
      return `<p>${escapeHtml(head)}</p>`;
    }
    case 'explain':
      return `<pre>${escapeHtml(plain)}</pre>`;
    case 'save':
      return `<p>${escapeHtml(plain)}</p>`;
  }
}

export function renderOutput(o: Output): MimeBundle {
  const plain = plainOutput(o);
  return { 'text/html': htmlOutput(o, plain), 'text/plain': plain };
}

/** The execution summary, as `kestrel run` ends a block; undefined when a failed block kept no variable. */
export function renderSummary(r: BlockResult): MimeBundle | undefined {
  if (r.errors.length && !r.variables.length) return undefined;
  const plain = formatBlock(empty({ variables: r.variables, elapsedMs: r.elapsedMs }), Infinity);
  const [head] = plain.split('\n');
  const withRows = r.variables.some((v) => v.rows !== undefined);
  const columns = ['VARIABLE', 'TYPE', '#(ENTITIES)', '#(RECORDS)', ...(withRows ? ['#(ROWS)'] : [])];
  const rows = r.variables.map((v) => [v.name, v.type, v.entities, v.records, ...(withRows ? [v.rows ?? null] : [])]);
  return { 'text/html': `${htmlTitle('[SUMMARY]', head.replace('[SUMMARY] ', ''))}\n${htmlTable(columns, rows)}`, 'text/plain': plain };
}

/** An `error` message's content: the code, the message, and the text `kestrel run` prints (caret excerpt, hint). */
export function renderError(e: ErrorReport): { ename: string; evalue: string; traceback: string[] } {
  return { ename: e.code, evalue: e.message, traceback: formatError(e).split('\n') };
}

/** A full HTML page in a sandboxed frame: its scripts run (when allowed) without reaching the notebook. */
function sandboxed(page: string, sandbox: string, height: number): string {
  return `<iframe sandbox="${sandbox}" srcdoc="${escapeHtml(page)}" style="width:100%;height:${height}px;border:1px solid #ccc"></iframe>`;
}

/** The one copy of cytoscape.js the notebook's views share (sent before the first view): no visible output. */
export function renderCytoscape(): MimeBundle {
  return { 'text/html': notebookCytoscape(), 'text/plain': '' };
}

/** The provenance view of a cell's variables, one click away; laid out when opened. */
export function renderView(page: string, variables: readonly string[]): MimeBundle {
  return {
    'text/html': `<details><summary>provenance view: ${escapeHtml(variables.join(', '))}</summary>\n${sandboxed(page, 'allow-scripts', 600)}\n</details>`,
    'text/plain': `(provenance view of ${variables.join(', ')}: open the notebook in Jupyter to see it)`,
  };
}
