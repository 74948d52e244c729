import type { BlockResult, ErrorReport, Output } from '../engine/session';
import { escapeText as text, htmlTable, htmlTitle } from './kernel/html';
import { renderOutput, renderSummary } from './kernel/render-output';

/** A DISP shows this many rows on the page; LIMIT and OFFSET page through the rest, SAVE writes them all. */
export const PAGE_ROWS = 1000;

function dispHtml(o: Extract<Output, { kind: 'disp' }>): string {
  const n = o.rows.length;
  const title = htmlTitle(`DISP ${o.variable}`, `(${n} row${n === 1 ? '' : 's'})`);
  if (!n) return `${title}\n<p>(no rows)</p>`;
  const cut = n > PAGE_ROWS ? `\n<p class="note">the first ${PAGE_ROWS} of ${n} rows: LIMIT and OFFSET page through them, SAVE writes them all</p>` : '';
  return `${title}\n${htmlTable(o.columns, o.rows.slice(0, PAGE_ROWS))}${cut}`;
}

/**
 * Where an error is: in a block (a button that opens the block in the editor at the error), or in a data file.
 * `blockOf` tells which block a file name stands for.
 */
function errorPlace(e: ErrorReport, blockOf: (file: string) => number | undefined): string {
  if (e.file === undefined) return '';
  const block = blockOf(e.file);
  const line = e.line ?? 1;
  const column = e.column ?? 1;
  if (block === undefined) return `<p class="where">in ${text(e.file)}${e.line ? `:${line}:${column}` : ''}</p>`;
  const at = e.line ? `, line ${line}, column ${column}` : '';
  return `<p class="where"><button class="at" data-block="${block}" data-line="${line}" data-column="${column}" title="edit the block there">block ${block}${at}</button></p>`;
}

function errorHtml(e: ErrorReport, blockOf: (file: string) => number | undefined): string {
  return [
    `<div class="error" data-code="${text(e.code)}">`,
    `<p><b>error[${text(e.code)}]</b>: ${text(e.message)}</p>`,
    errorPlace(e, blockOf),
    e.excerpt ? `<pre>${e.excerpt.split('\n').map(text).join('\n')}</pre>` : '',
    e.expected?.length ? `<p>expected: ${text(e.expected.join(', '))}</p>` : '',
    e.hint ? `<p>hint: ${text(e.hint)}</p>` : '',
    `<p class="note">see docs/errors.md#${text(e.code.toLowerCase())}</p>`,
    '</div>',
  ].filter(Boolean).join('\n');
}

/** A block's warnings, outputs (tables as HTML tables), summary and errors, every string from the data escaped. */
export function blockHtml(r: BlockResult, blockOf: (file: string) => number | undefined): string {
  return [
    ...r.warnings.map((w) => `<p class="warning">warning: ${text(w)}</p>`),
    ...r.outputs.map((o) => (o.kind === 'disp' ? dispHtml(o) : renderOutput(o)['text/html'])),
    renderSummary(r)?.['text/html'],
    ...r.errors.map((e) => errorHtml(e, blockOf)),
  ].filter((part) => part !== undefined).join('\n');
}
