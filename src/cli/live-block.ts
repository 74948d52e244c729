import type { Cell } from '../engine/display';
import type { LiveEvent } from '../engine/follow/live-hunt';
import type { VariableSummary } from '../engine/summary';
import { clock } from './follow-output';
import { formatTable } from './format-table';
import { escapeText as text, htmlTable, htmlTitle } from './kernel/html';
import type { FollowSummary } from './session-protocol';

/** A followed block shows the newest this many live rows of each DISP (and of its errors and warnings). */
export const LIVE_ROWS = 1000;

interface LiveRows {
  columns: string[];
  /** The time seen, + (new) or ~ (changed), the cells (fewer than the columns when columns came later). */
  rows: Cell[][];
  added: number;
  changed: number;
}

/**
 * What a front end (serve's page, a notebook cell) shows of a block while it is followed: each DISP's new (+) and
 * changed (~) rows with the time they were seen, newest first, the variables' counts as they change, the errors and
 * warnings that came; as HTML (every string from the data escaped) and as plain text.
 */
export class LiveBlock {
  private readonly disps = new Map<string, LiveRows>();
  private readonly counts = new Map<string, VariableSummary>();
  private readonly notes: string[] = [];
  private updates = 0;
  private last?: string;

  constructor(readonly followed: readonly string[], readonly since = new Date().toISOString()) {}

  /** Takes what an update brought; returns the variables of the DISPs it brought rows to. */
  take(events: readonly LiveEvent[]): string[] {
    const shown = new Set<string>();
    if (events.length) {
      this.updates++;
      this.last = events[0].at;
    }
    for (const e of events) {
      if (e.kind === 'disp') {
        const d = this.disps.get(e.variable) ?? { columns: [], rows: [], added: 0, changed: 0 };
        d.columns = e.columns;
        d.rows.push(...e.added.map((r) => [clock(e.at), '+', ...r]), ...e.changed.map((r) => [clock(e.at), '~', ...r]));
        d.rows.splice(0, Math.max(0, d.rows.length - LIVE_ROWS));
        d.added += e.added.length;
        d.changed += e.changed.length;
        this.disps.set(e.variable, d);
        shown.add(e.variable);
      } else if (e.kind === 'variable') {
        const { kind: _, at: __, ...counts } = e;
        this.counts.set(e.name, counts);
      } else {
        this.notes.push(`${clock(e.at)} ${e.kind === 'error' ? `error[${e.error.code}]: ${e.error.message}` : `warning: ${e.message}`}`);
        this.notes.splice(0, Math.max(0, this.notes.length - LIVE_ROWS));
      }
    }
    return [...shown];
  }

  /** A DISP's live rows under a heading saying how many came; empty before any came. */
  dispHtml(variable: string): string {
    const d = this.disps.get(variable);
    if (!d) return '';
    return `${htmlTitle(`DISP ${variable}`, `live: ${this.tally(d)}`)}\n${htmlTable(['seen (UTC)', '', ...d.columns], this.padded(d))}`;
  }

  dispText(variable: string): string {
    const d = this.disps.get(variable);
    if (!d) return '';
    return `DISP ${variable} live: ${this.tally(d)}\n${formatTable(['SEEN', '', ...d.columns], this.padded(d), { width: Infinity })}`;
  }

  /** What is followed since when, how many updates came, the variables' counts now, the errors and warnings that came. */
  statusHtml(): string {
    return [
      `<p class="live">${text(this.statusLine())}</p>`,
      this.counts.size ? `<p class="live">${text(this.countsLine())}</p>` : '',
      ...this.notes.map((n) => `<p class="warning">${text(n)}</p>`),
    ].filter(Boolean).join('\n');
  }

  statusText(): string {
    return [this.statusLine(), ...(this.counts.size ? [this.countsLine()] : []), ...this.notes].join('\n');
  }

  /** The status, then each DISP's live rows. */
  html(): string {
    return [this.statusHtml(), ...[...this.disps.keys()].map((v) => this.dispHtml(v))].join('\n');
  }

  /** What a block that stopped following says it followed. */
  stoppedLine(summary: FollowSummary): string {
    return `followed ${summary.followed.join(', ')} from ${clock(this.since)} to ${clock(new Date().toISOString())} (UTC): ${summary.records} new record${summary.records === 1 ? '' : 's'} in ${summary.batches} update${summary.batches === 1 ? '' : 's'}`;
  }

  private statusLine(): string {
    const updates = this.updates ? `${this.updates} update${this.updates === 1 ? '' : 's'}, the last at ${clock(this.last!)}` : 'no new records yet';
    return `following ${this.followed.join(', ')} since ${clock(this.since)} (UTC): ${updates}`;
  }

  private countsLine(): string {
    return [...this.counts.values()].map((c) => `${c.name}: ${c.entities} entities, ${c.records} records${c.rows === undefined ? '' : `, ${c.rows} rows`}`).join('; ');
  }

  private tally(d: LiveRows): string {
    const newest = d.added + d.changed > d.rows.length ? ` (the newest ${d.rows.length} shown)` : '';
    return `${d.added} new, ${d.changed} changed${newest}`;
  }

  /** Newest first, as wide as the columns are now. */
  private padded(d: LiveRows): Cell[][] {
    const width = d.columns.length + 2;
    return d.rows.map((r) => (r.length < width ? [...r, ...Array<Cell>(width - r.length).fill(null)] : r)).reverse();
  }
}
