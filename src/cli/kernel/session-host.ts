import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RunReply, RunRequest } from './session-protocol';

/** Thrown by `run` for the cell an interrupt stopped. */
export class Interrupted extends Error {
  constructor() {
    super('interrupted');
  }
}

interface Pending {
  resolve: (r: RunReply) => void;
  reject: (e: Error) => void;
  /** A user's cell, not a replay. */
  interruptible: boolean;
}

/**
 * The kernel's side of the session worker. Cells run one at a time. An interrupt terminates the worker, which
 * stops the cell wherever it is; a new worker then replays the cells that finished, so the session holds what
 * it held before the interrupted cell (a block is transactional: the interrupted one changes nothing).
 */
export class SessionHost {
  private worker!: Worker;
  private pending?: Pending;
  private chain: Promise<unknown> = Promise.resolve();
  /** Settles when the worker holds every finished cell again (after an interrupt). */
  private ready: Promise<unknown> = Promise.resolve();
  private readonly finished: { code: string; file: string }[] = [];
  private closed = false;

  constructor(private readonly script = path.join(__dirname, 'session-worker.js')) {
    this.start();
  }

  /** Runs a cell after the ones before it; rejects with Interrupted when interrupted. */
  run(code: string, file: string): Promise<RunReply> {
    const done = this.chain.then(async () => {
      await this.ready;
      const reply = await this.request({ code, file, quiet: false }, true);
      this.finished.push({ code, file });
      return reply;
    });
    this.chain = done.catch(() => undefined);
    return done;
  }

  /** Stops the running cell, if any; true when there was one. */
  interrupt(): boolean {
    if (!this.pending?.interruptible) return false;
    this.restart(new Interrupted());
    return true;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.pending?.reject(new Error('the kernel is shutting down'));
    await this.worker.terminate();
  }

  private start(): void {
    const worker = new Worker(this.script);
    worker.on('message', (reply: RunReply) => {
      const p = this.pending;
      this.pending = undefined;
      p?.resolve(reply);
    });
    let failure: Error | undefined;
    worker.on('error', (e) => {
      failure = e;
    });
    worker.on('exit', (code) => {
      if (worker === this.worker && !this.closed) this.restart(failure ?? new Error(`the session stopped (exit code ${code})`));
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
      for (const cell of this.finished) await this.request({ ...cell, quiet: true }, false);
    };
    this.ready = replay().catch(() => undefined);
  }

  private request(r: RunRequest, interruptible: boolean): Promise<RunReply> {
    return new Promise<RunReply>((resolve, reject) => {
      this.pending = { resolve, reject, interruptible };
      this.worker.postMessage(r);
    });
  }
}
