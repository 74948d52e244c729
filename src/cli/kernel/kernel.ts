import { randomUUID } from 'node:crypto';
import { version as VERSION } from '../../../package.json';
import type { BlockResult } from '../../engine/session';
import type { VariableSummary } from '../../engine/summary';
import { KestrelError } from '../../model/errors';
import { complete, emptyVocabulary, type Vocabulary } from '../completion';
import { completeness } from '../is-complete';
import { openChannels, type Channels } from './channels';
import { toCodePoints, toUtf16 } from './code-points';
import { readConnectionFile } from './connection-file';
import { inspect, wordAt } from './inspect';
import { NOTHING_FOLLOWED } from '../follow-output';
import type { FollowSummary } from '../session-protocol';
import { followedBlock, LiveCell } from './live-cell';
import { renderCytoscape, renderError, renderOutput, renderSummary, renderView, type MimeBundle } from './render-output';
import { errorResult } from '../session-answer';
import { SessionHost } from '../session-host';
import { stoppedBlock } from '../stopped-block';
import { PROTOCOL_VERSION, reply, type Message } from './wire';

const LANGUAGE_INFO = {
  name: 'kestrel',
  version: VERSION,
  mimetype: 'text/x-kestrel',
  file_extension: '.hf',
  codemirror_mode: 'kestrel',
  pygments_lexer: 'text',
};

const BANNER = `kestrel-ts ${VERSION}: each cell is one block of Kestrel, run as a whole; variables stay for the session.`;

/** Only comments and blank lines: nothing to run. */
const isBlank = (code: string): boolean => code.split('\n').every((l) => /^\s*(#.*)?$/.test(l));

/** A Jupyter kernel over one session: each execute_request runs its cell as one block. */
class Kernel {
  private readonly session = randomUUID();
  private count = 0;
  /** Whether this session's notebook was sent the one copy of cytoscape.js its views share. */
  private cytoscapeSent = false;
  private readonly summaries = new Map<string, VariableSummary>();
  private vocabulary: Vocabulary = emptyVocabulary();
  private stopping?: () => void;
  readonly stopped = new Promise<void>((resolve) => {
    this.stopping = resolve;
  });

  constructor(private readonly channels: Channels, private readonly host: SessionHost) {}

  async handle(m: Message, channel: 'shell' | 'control'): Promise<void> {
    const answer = (type: string, content: Record<string, unknown>) => this.channels[channel].send(reply(m, type, content, this.session));
    await this.publish(m, 'status', { execution_state: 'busy' });
    try {
      switch (m.header.msg_type) {
        case 'kernel_info_request':
          return await answer('kernel_info_reply', {
            status: 'ok',
            protocol_version: PROTOCOL_VERSION,
            implementation: 'kestrel-ts',
            implementation_version: VERSION,
            language_info: LANGUAGE_INFO,
            banner: BANNER,
            help_links: [],
          });
        case 'execute_request':
          return await answer('execute_reply', await this.execute(m));
        case 'complete_request': {
          const code = String(m.content.code ?? '');
          const c = complete(code, toUtf16(code, Number(m.content.cursor_pos ?? Infinity)), this.vocabulary);
          return await answer('complete_reply', {
            status: 'ok', matches: c.matches, cursor_start: toCodePoints(code, c.start), cursor_end: toCodePoints(code, c.end), metadata: {},
          });
        }
        case 'inspect_request': {
          const code = String(m.content.code ?? '');
          const word = wordAt(code, toUtf16(code, Number(m.content.cursor_pos ?? Infinity)));
          const known = this.vocabulary.variables.includes(word) ? this.summaries : new Map<string, VariableSummary>();
          const text = inspect(word, known);
          return await answer('inspect_reply', { status: 'ok', found: text !== undefined, data: text ? { 'text/plain': text } : {}, metadata: {} });
        }
        case 'is_complete_request': {
          const status = completeness(String(m.content.code ?? ''));
          return await answer('is_complete_reply', status === 'incomplete' ? { status, indent: '' } : { status });
        }
        case 'comm_info_request':
          return await answer('comm_info_reply', { status: 'ok', comms: {} });
        case 'history_request':
          return await answer('history_reply', { status: 'ok', history: [] });
        case 'interrupt_request':
          this.host.interrupt();
          return await answer('interrupt_reply', { status: 'ok' });
        case 'shutdown_request': {
          // Jupyter restarts a kernel by starting the command again: either way this process ends.
          await answer('shutdown_reply', { status: 'ok', restart: Boolean(m.content.restart) });
          this.stopping!();
          return;
        }
      }
    } finally {
      await this.publish(m, 'status', { execution_state: 'idle' });
    }
  }

  /** Stops the running cell (a SIGINT, or interrupt_request). */
  interrupt(): void {
    this.host.interrupt();
  }

  stop(): void {
    this.stopping!();
  }

  private publish(parent: Message, type: string, content: Record<string, unknown>): Promise<void> {
    return this.channels.iopub.send({ ...reply(parent, type, content, this.session), identities: [Buffer.from(type)] });
  }

  private async execute(m: Message): Promise<Record<string, unknown>> {
    const code = String(m.content.code ?? '');
    const silent = Boolean(m.content.silent);
    if (!silent && m.content.store_history !== false) this.count++;
    const n = this.count;
    if (!silent) await this.publish(m, 'execute_input', { code, execution_count: n });
    if (isBlank(code)) return { status: 'ok', execution_count: n, user_expressions: {}, payload: [] };

    const block = followedBlock(code);
    const live = block === undefined ? undefined : new LiveCell((type, content) => (silent ? Promise.resolve() : this.publish(m, type, content)), `${this.session}-${n}`);
    let result: BlockResult;
    let view: string | undefined;
    let follow: FollowSummary | undefined;
    try {
      const run = await this.host.run(block ?? code, `In[${n}]`, 'block', live);
      ({ result, view, follow } = run);
      if (run.vocabulary) this.vocabulary = run.vocabulary;
      for (const v of result.variables) this.summaries.set(v.name, v);
    } catch (e) {
      result = errorResult(stoppedBlock(e, 'cell'));
    }
    if (!silent) await this.show(m, n, result, view, live, follow);
    const [first] = result.errors;
    if (!first) return { status: 'ok', execution_count: n, user_expressions: {}, payload: [] };
    return { status: 'error', execution_count: n, ...renderError(first) };
  }

  /**
   * Warnings, each output, the provenance view, the execution summary (last), then the errors. A followed cell
   * showed its warnings and outputs when it began: they are brought up to date instead.
   */
  private async show(m: Message, n: number, r: BlockResult, view: string | undefined, live?: LiveCell, follow?: FollowSummary): Promise<void> {
    const display = (data: MimeBundle) => this.publish(m, 'display_data', { data, metadata: {}, transient: {} });
    if (live?.started) {
      await live.end(r, follow);
    } else {
      if (r.warnings.length) await this.publish(m, 'stream', { name: 'stderr', text: r.warnings.map((w) => `warning: ${w}\n`).join('') });
      for (const o of r.outputs) await display(renderOutput(o));
    }
    if (follow && !follow.followed.length) await this.publish(m, 'stream', { name: 'stderr', text: `note: ${NOTHING_FOLLOWED}\n` });
    if (view) {
      if (!this.cytoscapeSent) await display(renderCytoscape());
      this.cytoscapeSent = true;
      await display(renderView(view, r.variables.map((v) => v.name)));
    }
    const summary = renderSummary(r);
    if (summary) await this.publish(m, 'execute_result', { execution_count: n, data: summary, metadata: {} });
    for (const e of r.errors) await this.publish(m, 'error', renderError(e));
  }
}

/**
 * `kestrel kernel run -f CONNECTION_FILE`: serves Jupyter until a shutdown_request (or SIGTERM). A bad
 * connection file or a port that cannot be bound is E_KERNEL.
 */
export async function runKernel(connectionFile: string, log: (line: string) => void): Promise<void> {
  const info = readConnectionFile(connectionFile);
  let channels: Channels;
  try {
    channels = await openChannels(info);
  } catch (e) {
    throw new KestrelError('E_KERNEL', `cannot open the kernel's sockets on ${info.ip}: ${(e as Error).message}`, {
      file: connectionFile, hint: 'another kernel may still hold the ports; let Jupyter start the kernel with a new connection file',
    });
  }
  const host = new SessionHost();
  const kernel = new Kernel(channels, host);
  const onSigint = () => kernel.interrupt();
  const onSigterm = () => kernel.stop();
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigterm);
  void channels.shell.listen((m) => kernel.handle(m, 'shell'), log);
  void channels.control.listen((m) => kernel.handle(m, 'control'), log);
  await kernel.stopped;
  process.off('SIGINT', onSigint);
  process.off('SIGTERM', onSigterm);
  await host.close();
  channels.close();
}
