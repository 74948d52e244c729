/**
 * One session in a worker thread, so that the thread that talks to the user (a terminal, a notebook, a web
 * page) stays free while a block runs: it can stop the block wherever it is by terminating this worker, and a
 * block that exhausts the heap ends this worker, not the process. `session-host.ts` drives it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ErrorReport, Session } from '../engine/session';
import { isKestrelError } from '../model/errors';
import { openSession } from './open-session';
import { openStore } from './open-store';
import { answer, errorResult } from './session-answer';
import { answerFollowing } from './session-follow';
import type { HostMessage, WorkerMessage, WorkerSettings } from './session-protocol';

const settings = (workerData ?? {}) as WorkerSettings;
const post = (m: WorkerMessage) => parentPort!.postMessage(m);

async function open(): Promise<Session | ErrorReport> {
  try {
    const { store } = await openStore(settings);
    const onProgress = settings.progress ? (source: string, records: number, done: boolean) => post({ kind: 'progress', source, records, done }) : undefined;
    return openSession({ collapse: settings.collapse, store, onProgress }).session;
  } catch (e) {
    if (!isKestrelError(e)) throw e;
    return { code: e.code, message: e.message, hint: e.hint, file: e.file };
  }
}

const opened = open();
void opened.then((s) => post({ kind: 'ready', error: 'execute' in s ? undefined : s }));

/** Stops the block being followed, if any. */
let stopFollowing: AbortController | undefined;

parentPort!.on('message', (message: HostMessage) => {
  if (message === 'stop') return stopFollowing?.abort();
  const stop = message.follow ? (stopFollowing = new AbortController()) : undefined;
  void opened
    .then((s) => {
      if (!('execute' in s)) return { result: errorResult(s) };
      return stop ? answerFollowing(s, message, stop.signal, post) : answer(s, message);
    })
    .catch((e: unknown) => ({ result: errorResult({ code: 'E_INTERNAL', message: `internal error: ${(e as Error)?.message ?? String(e)}` }) }))
    .then((reply) => {
      // What a followed block that failed left open closes.
      stop?.abort();
      post({ kind: 'reply', reply });
    });
});
