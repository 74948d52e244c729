import type { BlockResult, ErrorReport, Output } from '../engine/session';
import { formatTable, printable } from './format-table';

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} seconds`;
}

function keyValues(data: object, width: number): string {
  const rows = Object.entries(data).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)]);
  return formatTable(['', ''], rows, { width }).split('\n').slice(1).join('\n');
}

function formatOutput(o: Output, width: number): string {
  switch (o.kind) {
    case 'disp': {
      const n = o.rows.length;
      const head = `DISP ${o.variable} (${n} row${n === 1 ? '' : 's'})`;
      return n ? `${head}\n${formatTable(o.columns, o.rows, { width })}` : `${head}\n(no rows)`;
    }
    case 'info':
      return `INFO ${o.variable}\n${keyValues(o.data, width)}`;
    case 'describe': {
      const { attribute, ...stats } = o.data;
      return `DESCRIBE ${o.variable}.${attribute}\n${keyValues(stats, width)}`;
    }
    case 'explain': {
      const dag = o.data.dag.map((n) => `  #${n.id} ${n.kind.padEnd(9)} ${n.detail}${n.inputs.length ? `  <- ${n.inputs.map((i) => `#${i}`).join(', ')}` : ''}`);
      const queries = o.data.queries.map((q) => `  #${q.node} ${q.dataSources.join(',')}\n    ${q.language}: ${q.statement}${
        q.parameters && Object.keys(q.parameters).length ? `\n    parameters: ${JSON.stringify(q.parameters)}` : ''}`);
      const live = (o.data.live ?? []).map((m) => `  #${m.node} ${m.kind.padEnd(9)} ${m.update}: ${m.why}`);
      return [`EXPLAIN ${o.variable}`, 'dataflow:', ...dag, ...(queries.length ? ['native queries:', ...queries] : []),
        ...(live.length ? ['under --follow:', ...live] : [])].join('\n');
    }
    case 'apply': {
      const head = `APPLY ${printable(o.analytics)} ON ${o.variables.join(', ')}: ${o.updated} entit${o.updated === 1 ? 'y' : 'ies'} updated`;
      if (o.display?.kind === 'table') return `${head}\n${formatTable(o.display.columns, o.display.rows, { width })}`;
      if (o.display?.kind === 'html') return `${head}\n(an HTML display of ${o.display.html.length} characters: run with --json to get it)`;
      return head;
    }
    case 'save':
      return o.edges === undefined
        ? `SAVE ${o.variable}: ${o.rows} row${o.rows === 1 ? '' : 's'} written to ${printable(o.file)}`
        : `SAVE ${o.variable}: ${o.rows} node${o.rows === 1 ? '' : 's'} and ${o.edges} edge${o.edges === 1 ? '' : 's'} written to ${printable(o.file)}`;
  }
}

/** Messages and excerpts quote data files (a bad JSON line, a URL): their control characters are escaped too. */
export function formatError(e: ErrorReport): string {
  const where = e.file ? `\n  --> ${printable(e.file)}${e.line ? `:${e.line}:${e.column ?? 1}` : ''}` : '';
  const excerpt = e.excerpt ? `\n${e.excerpt.split('\n').map((l) => `  ${printable(l)}`).join('\n')}` : '';
  const expected = e.expected?.length ? `\n  expected: ${printable(e.expected.join(', '))}` : '';
  const hint = e.hint ? `\n  hint: ${printable(e.hint)}` : '';
  return `error[${e.code}]: ${printable(e.message)}${where}${excerpt}${expected}${hint}\n  see docs/errors.md#${e.code.toLowerCase()}`;
}

/** Text mode: every output in order, then the execution summary. */
export function formatBlock(r: BlockResult, width: number): string {
  const parts = r.outputs.map((o) => formatOutput(o, width));
  if (!r.errors.length || r.variables.length) {
    // GROUP and JOIN results hold rows; the column shows only when a variable has them.
    const withRows = r.variables.some((v) => v.rows !== undefined);
    const columns = ['VARIABLE', 'TYPE', '#(ENTITIES)', '#(RECORDS)', ...(withRows ? ['#(ROWS)'] : [])];
    const rows = r.variables.map((v) => [v.name, v.type, v.entities, v.records, ...(withRows ? [v.rows ?? null] : [])]);
    parts.push(`[SUMMARY] block executed in ${seconds(r.elapsedMs)}\n${formatTable(columns, rows, { width })}`);
  }
  return parts.join('\n\n');
}
