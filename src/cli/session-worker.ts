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
import type { RunRequest, WorkerMessage, WorkerSettings } from './session-protocol';

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

parentPort!.on('message', (request: RunRequest) => {
  void opened
    .then((s) => ('execute' in s ? answer(s, request) : { result: errorResult(s) }))
    .catch((e: unknown) => ({ result: errorResult({ code: 'E_INTERNAL', message: `internal error: ${(e as Error)?.message ?? String(e)}` }) }))
    .then((reply) => post({ kind: 'reply', reply }));
});
