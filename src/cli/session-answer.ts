import type { BlockResult, ErrorReport, Session } from '../engine/session';
import { renderViewHtml } from '../../viz/view/render-view-html';
import { buildVocabulary } from './completion';
import { sessionGraph } from './session-graph';
import type { RunReply, RunRequest } from './session-protocol';

/** The provenance view of a notebook cell stays small enough to draw in a notebook. */
const CELL_VIEW_MAX_NODES = 2000;

/** Runs a block in the session and answers with its result, the vocabulary completion needs next and the view asked for. */
export async function answer(session: Session, request: RunRequest): Promise<RunReply> {
  return replyTo(session, await session.execute(request.code, request.file), request);
}

/** A block's result with the vocabulary completion needs next and the view asked for (none for a replay). */
export async function replyTo(session: Session, result: BlockResult, request: RunRequest): Promise<RunReply> {
  if (request.quiet) return { result };
  const names = session.variableNames();
  const types: Record<string, string> = {};
  for (const name of names) types[name] = (await session.entitiesOf(name))?.type ?? '';
  const vocabulary = await buildVocabulary(session.store, names, types);
  return { result, vocabulary, view: request.view && (await viewOf(session, result, request)) };
}

async function viewOf(s: Session, result: BlockResult, request: RunRequest): Promise<string | undefined> {
  const cell = request.view === 'block';
  if (cell && !result.variables.some((v) => v.type === 'process')) return undefined;
  // A block that assigned nothing and applied nothing leaves the session's view as it was.
  if (!cell && !result.variables.length && !result.outputs.some((o) => o.kind === 'apply')) return undefined;
  return drawView(s, result, request);
}

/** The view asked for, drawn now: of the block's variables (a notebook cell), or of every variable so far. */
export async function drawView(s: Session, result: BlockResult, request: RunRequest): Promise<string | undefined> {
  const cell = request.view === 'block';
  const names = cell ? result.variables.map((v) => v.name) : s.variableNames();
  if (!names.length) return undefined;
  const title = names.join(', ');
  const graph = await sessionGraph(s, names, { title, ...(cell ? { maxNodes: CELL_VIEW_MAX_NODES } : {}) });
  return renderViewHtml(graph, { title, query: request.code, cytoscape: cell ? 'from-notebook' : 'inline' });
}

/** A block that did not run: only its error. */
export function errorResult(error: ErrorReport): BlockResult {
  return { outputs: [], variables: [], errors: [error], warnings: [], elapsedMs: 0 };
}
