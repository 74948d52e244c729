import type { Cell } from '../../engine/display';
import { cellText, printable } from '../format-table';

/** Every string from the data is escaped: process names and command lines are the attacker's to choose. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Data and messages as HTML text: escaped, control characters shown as \xNN. */
export function escapeText(s: string): string {
  return escapeHtml(printable(s));
}

export function htmlTable(columns: readonly string[], rows: readonly Cell[][]): string {
  const head = columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(cellText(c))}</td>`).join('')}</tr>`).join('\n');
  return `<table class="kestrel">\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

/** A heading line: bold command and variable, then plain words. */
export function htmlTitle(bold: string, rest = ''): string {
  return `<p><b>${escapeHtml(bold)}</b>${rest ? ` ${escapeHtml(rest)}` : ''}</p>`;
}
