import type { LiveEvent } from '../../engine/follow/live-hunt';
import type { BlockResult, Output } from '../../engine/session';
import { LiveBlock } from '../live-block';
import type { FollowListener } from '../session-host';
import type { FollowSummary, RunReply } from '../session-protocol';
import { escapeText } from './html';
import { renderOutput, type MimeBundle } from './render-output';

/** The magic that follows a cell, alone on its first line. */
const MAGIC = /^\s*%follow\s*$/;

/** A cell whose first line is `%follow`: its block, the magic line left blank so that lines keep their numbers; else undefined. */
export function followedBlock(code: string): string | undefined {
  const [first, ...rest] = code.split('\n');
  return MAGIC.test(first) ? ['', ...rest].join('\n') : undefined;
}

type Publish = (type: string, content: Record<string, unknown>) => Promise<void>;

/**
 * A `%follow` cell's outputs, updated in place as its block is followed: a status line (what is followed, how many
 * updates came, the variables' counts) and each output as the block first ran, DISPs as displays whose new and
 * changed rows are shown above their table (update_display_data) as they come; when it stops, each DISP shows
 * every row, and the status what was followed.
 */
export class LiveCell implements FollowListener {
  private live?: LiveBlock;
  private outputs: Output[] = [];
  private sent: Promise<void> = Promise.resolve();

  constructor(private readonly publish: Publish, private readonly displayId: string) {}

  /** Whether the block's sources were followed (else the cell shows as any other). */
  get started(): boolean {
    return this.live !== undefined;
  }

  following(reply: RunReply, followed: string[]): void {
    this.live = new LiveBlock(followed);
    this.outputs = reply.result.outputs;
    const { warnings } = reply.result;
    if (warnings.length) this.send('stream', { name: 'stderr', text: warnings.map((w) => `warning: ${w}\n`).join('') });
    this.send('display_data', this.content(this.status(), 'status'));
    this.outputs.forEach((o, i) => this.send('display_data', o.kind === 'disp' ? this.content(this.disp(i), `disp-${i}`) : { data: renderOutput(o), metadata: {}, transient: {} }));
  }

  update(events: LiveEvent[]): void {
    const shown = this.live!.take(events);
    if (!events.length) return;
    this.send('update_display_data', this.content(this.status(), 'status'));
    this.outputs.forEach((o, i) => o.kind === 'disp' && shown.includes(o.variable) && this.send('update_display_data', this.content(this.disp(i), `disp-${i}`)));
  }

  /** Once stopped: each DISP with every row, the status with what was followed (a cell stopped by force shows its error after). */
  async end(result: BlockResult, summary: FollowSummary | undefined): Promise<void> {
    result.outputs.forEach((o, i) => o.kind === 'disp' && this.send('update_display_data', this.content(renderOutput(o), `disp-${i}`)));
    const line = summary ? this.live!.stoppedLine(summary) : 'stopped following';
    this.send('update_display_data', this.content({ 'text/html': `<p class="live">${escapeText(line)}</p>`, 'text/plain': line }, 'status'));
    await this.sent;
  }

  private status(): MimeBundle {
    return { 'text/html': this.live!.statusHtml(), 'text/plain': this.live!.statusText() };
  }

  /** A DISP as the block first ran it, its live rows above. */
  private disp(i: number): MimeBundle {
    const o = this.outputs[i] as Extract<Output, { kind: 'disp' }>;
    const first = renderOutput(o);
    const html = this.live!.dispHtml(o.variable);
    const text = this.live!.dispText(o.variable);
    return { 'text/html': html ? `${html}\n${first['text/html']}` : first['text/html'], 'text/plain': text ? `${text}\n\n${first['text/plain']}` : first['text/plain'] };
  }

  private content(data: MimeBundle, part: string): Record<string, unknown> {
    return { data, metadata: {}, transient: { display_id: `${this.displayId}-${part}` } };
  }

  /** Messages go out in the order they were made, whatever the caller awaits. */
  private send(type: string, content: Record<string, unknown>): void {
    this.sent = this.sent.then(() => this.publish(type, content)).catch(() => undefined);
  }
}
