import * as path from 'node:path';
import type { Session } from '../../src/engine/session';
import { answer } from '../../src/cli/session-answer';
import type { BlockRunner } from '../../src/cli/session-host';
import type { ViewScope } from '../../src/cli/session-protocol';

/** The compiled session worker (`npm test` builds first): what a SessionHost runs when a test needs a real one. */
export const SESSION_WORKER = path.join(__dirname, '..', '..', 'dist', 'src', 'cli', 'session-worker.js');

/** Runs blocks one after the other in a session of the test's own thread, as the worker would; it cannot be interrupted. */
export class LocalRunner implements BlockRunner {
  readonly opened = Promise.resolve(undefined);
  private chain: Promise<unknown> = Promise.resolve();

  constructor(readonly session: Session) {}

  run(code: string, file: string, view?: ViewScope) {
    const done = this.chain.then(() => answer(this.session, { code, file, quiet: false, view }));
    this.chain = done.catch(() => undefined);
    return done;
  }

  interrupt(): boolean {
    return false;
  }

  async close(): Promise<void> {}
}
