/**
 * The session of a kernel, in a worker thread so that an interrupt can stop a cell wherever it is: the
 * kernel terminates this worker and replays the cells that finished in a new one.
 */
import { parentPort } from 'node:worker_threads';
import type { BlockResult, Session } from '../../engine/session';
import { isKestrelError } from '../../model/errors';
import { sessionGraph } from '../session-graph';
import { renderViewHtml } from '../../../viz/view/render-view-html';
import { buildVocabulary } from '../completion';
import { openSession } from '../open-session';
import type { RunReply, RunRequest } from './session-protocol';

/** The provenance view of a cell stays small enough to draw in a notebook. */
const VIEW_MAX_NODES = 2000;

let session: Session | undefined;
let startError: BlockResult['errors'][number] | undefined;
try {
  session = openSession().session;
} catch (e) {
  if (!isKestrelError(e)) throw e;
  startError = { code: e.code, message: e.message, hint: e.hint, file: e.file };
}

async function run(request: RunRequest): Promise<RunReply> {
  if (!session) {
    return { result: { outputs: [], variables: [], errors: [startError!], warnings: [], elapsedMs: 0 } };
  }
  const result = await session.execute(request.code, request.file);
  if (request.quiet) return { result };
  const types: Record<string, string> = {};
  for (const name of session.variableNames()) types[name] = (await session.entitiesOf(name))?.type ?? '';
  const vocabulary = await buildVocabulary(session.store, session.variableNames(), types);
  return { result, vocabulary, view: await viewOf(session, result, request.code) };
}

async function viewOf(s: Session, result: BlockResult, code: string): Promise<string | undefined> {
  if (!result.variables.some((v) => v.type === 'process')) return undefined;
  const names = result.variables.map((v) => v.name);
  const title = names.join(', ');
  return renderViewHtml(await sessionGraph(s, names, { maxNodes: VIEW_MAX_NODES, title }), { title, query: code });
}

parentPort?.on('message', (request: RunRequest) => {
  void run(request).then(
    (reply) => parentPort!.postMessage(reply),
    (e: unknown) => parentPort!.postMessage({
      result: { outputs: [], variables: [], warnings: [], elapsedMs: 0, errors: [{ code: 'E_INTERNAL', message: `internal error: ${(e as Error)?.message ?? String(e)}` }] },
    } satisfies RunReply),
  );
});
