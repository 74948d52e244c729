import type { Cell } from '../engine/display';
import type { LiveEvent } from '../engine/follow/live-hunt';
import type { VariableSummary } from '../engine/summary';
import { formatTable, printable } from './format-table';
import { formatError } from './format-text';

/**
 * `kestrel run --follow --json`: one JSON object per line. A DISP's rows are objects keyed by column:
 * `{"output": "kids", "added": [{...}], "changed": [{...}], "at": "..."}`; a variable's counts
 * `{"variable": "kids", "type": "process", "entities": 3, "records": 5, "at": "..."}`; errors and warnings as
 * `{"error": {...}}` and `{"warning": "..."}`.
 */
export function eventJson(e: LiveEvent): string {
  switch (e.kind) {
    case 'disp': {
      const object = (r: Cell[]) => Object.fromEntries(e.columns.map((c, i) => [c, r[i]]));
      return JSON.stringify({ output: e.variable, added: e.added.map(object), changed: e.changed.map(object), at: e.at });
    }
    case 'variable': {
      const { kind: _, name, at, ...counts } = e;
      return JSON.stringify({ variable: name, ...counts, at });
    }
    case 'error':
      return JSON.stringify({ error: e.error, at: e.at });
    case 'warning':
      return JSON.stringify({ warning: e.message, at: e.at });
  }
}

/** What is said of a followed hunt or block none of whose sources can be followed. */
export const NOTHING_FOLLOWED = 'none of its data sources can be followed (event-log files, Elasticsearch, PostgreSQL and SysFlow folders can): it ran once';

/** The time a row was seen, as text mode marks it: the UTC time of day to the millisecond. */
export function clock(at: string): string {
  return at.slice(11, 23);
}

/**
 * Text mode: each DISP's new (`+`) and changed (`~`) rows under a heading with the time they were seen; variables
 * whose counts changed on one line.
 */
export function eventsText(events: readonly LiveEvent[], width: number): string {
  const parts: string[] = [];
  const counts: string[] = [];
  for (const e of events) {
    if (e.kind === 'disp') {
      const rows = [...e.added.map((r) => [clock(e.at), '+', ...r]), ...e.changed.map((r) => [clock(e.at), '~', ...r])];
      parts.push(`[${e.at}] DISP ${e.variable}: ${e.added.length} new, ${e.changed.length} changed\n${formatTable(['SEEN', '', ...e.columns], rows, { width })}`);
    } else if (e.kind === 'variable') {
      counts.push(`${e.name} ${e.entities} entities, ${e.records} records${e.rows === undefined ? '' : `, ${e.rows} rows`}`);
    } else if (e.kind === 'error') {
      parts.push(`[${e.at}] ${formatError(e.error)}`);
    } else {
      parts.push(`[${e.at}] warning: ${printable(e.message)}`);
    }
  }
  if (counts.length) parts.push(`[${events[0].at}] ${counts.join('; ')}`);
  return parts.join('\n');
}

/** The last line of a followed hunt with --json: it stopped, and what the variables hold. */
export function stoppedJson(variables: readonly VariableSummary[], records: number): string {
  return JSON.stringify({ stopped: true, records, variables, at: new Date().toISOString() });
}
