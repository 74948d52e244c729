import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ProgressListener } from '../engine/data-sources';
import type { LiveEvent } from '../engine/follow/live-hunt';
import type { ErrorReport } from '../engine/session';
import { Interrupted } from './stopped-block';
import type { RunReply, RunRequest, ViewScope, WorkerMessage, WorkerSettings } from './session-protocol';

export interface HostOptions extends Omit<WorkerSettings, 'progress'> {
  /** Told how far long reads have come. */
  onProgress?: ProgressListener;
  /** The compiled worker (default: `session-worker.js` beside this module). */
  script?: string;
}

/** Told how a followed block goes: its first run once its sources are followed, then what each update brought. */
export interface FollowListener {
  following(reply: RunReply, followed: string[]): void;
  update(events: LiveEvent[], view?: string): void;
}

/** What runs blocks for a front end, one at a time in the order given: a SessionHost, or (in tests) a session in the same thread. */
export interface BlockRunner {
  /** Settles once the session is open: with the reason when it could not be (E_CONFIG, E_GRAPH_STORE). */
  readonly opened: Promise<ErrorReport | undefined>;
  /** With `follow`, the block is followed until interrupted, and its answer is what it is then. */
  run(code: string, file: string, view?: ViewScope, follow?: FollowListener): Promise<RunReply>;
  interrupt(): boolean;
  close(): Promise<void>;
}

interface Pending {
  resolve: (r: RunReply) => void;
  reject: (e: Error) => void;
  /** A user's block, not a replay. */
  interruptible: boolean;
  follow?: FollowListener;
  /** A followed block asked to stop. */
  stopping?: boolean;
}

/**
 * One session in a worker thread (`session-worker.ts`). Blocks run one at a time. An interrupt terminates the
 * worker, which stops the block wherever it is; so does a block that exhausts the heap. A new worker then
 * replays the blocks that finished, so the session holds what it held before the stopped block (a block is
 * transactional: the stopped one changes nothing). A followed block is asked to stop instead, and keeps what it
 * saw; a replay runs it once, over its sources as they are then.
 */
export class SessionHost implements BlockRunner {
  readonly opened: Promise<ErrorReport | undefined>;
  private onOpened!: (error: ErrorReport | undefined) => void;
  private worker!: Worker;
  private pending?: Pending;
  private chain: Promise<unknown> = Promise.resolve();
  /** Settles when the worker holds every finished block again (after an interrupt). */
  private ready: Promise<unknown> = Promise.resolve();
  private readonly finished: { code: string; file: string }[] = [];
  private closed = false;
  private readonly script: string;

  constructor(private readonly options: HostOptions = {}) {
    this.script = options.script ?? path.join(__dirname, 'session-worker.js');
    this.opened = new Promise((resolve) => (this.onOpened = resolve));
    this.start();
  }

  /** Runs a block after the ones before it; rejects with Interrupted when interrupted, and with the worker's error when it died. */
  run(code: string, file: string, view?: ViewScope, follow?: FollowListener): Promise<RunReply> {
    const done = this.chain.then(async () => {
      await this.ready;
      const reply = await this.request({ code, file, quiet: false, view, follow: follow !== undefined }, true, follow);
      this.finished.push({ code, file });
      return reply;
    });
    this.chain = done.catch(() => undefined);
    return done;
  }

  /** Stops the running block, if any; true when there was one. A followed block stops following first, and is stopped when interrupted again. */
  interrupt(): boolean {
    const p = this.pending;
    if (!p?.interruptible) return false;
    if (p.follow && !p.stopping) {
      p.stopping = true;
      this.worker.postMessage('stop');
    } else {
      this.restart(new Interrupted());
    }
    return true;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.pending?.reject(new Error('the session is closing'));
    await this.worker.terminate();
  }

  private start(): void {
    const { onProgress, script: _, ...settings } = this.options;
    const worker = new Worker(this.script, { workerData: { ...settings, progress: Boolean(onProgress) } satisfies WorkerSettings });
    worker.on('message', (m: WorkerMessage) => {
      if (m.kind === 'progress') return onProgress?.(m.source, m.records, m.done);
      if (m.kind === 'ready') return this.onOpened(m.error);
      if (m.kind === 'following') return this.pending?.follow?.following(m.reply, m.followed);
      if (m.kind === 'live') return this.pending?.follow?.update(m.events, m.view);
      const p = this.pending;
      this.pending = undefined;
      p?.resolve(m.reply);
    });
    let failure: Error | undefined;
    worker.on('error', (e) => {
      failure = e;
    });
    worker.on('exit', (code) => {
      if (worker !== this.worker || this.closed) return;
      const reason = failure ?? new Error(`the session stopped (exit code ${code})`);
      this.onOpened({ code: 'E_INTERNAL', message: `the session did not start: ${reason.message}` });
      this.restart(reason);
    });
    this.worker = worker;
  }

  private restart(reason: Error): void {
    const p = this.pending;
    this.pending = undefined;
    const old = this.worker;
    if (!this.closed) this.start();
    void old.terminate();
    p?.reject(reason);
    const replay = async () => {
      for (const block of this.finished) await this.request({ ...block, quiet: true }, false);
    };
    this.ready = replay().catch(() => undefined);
  }

  private request(r: RunRequest, interruptible: boolean, follow?: FollowListener): Promise<RunReply> {
    return new Promise<RunReply>((resolve, reject) => {
      this.pending = { resolve, reject, interruptible, follow };
      this.worker.postMessage(r);
    });
  }
}
