import { LiveHunt } from '../engine/follow/live-hunt';
import type { ErrorReport, Session } from '../engine/session';
import { drawView, replyTo } from './session-answer';
import type { RunReply, RunRequest, WorkerMessage } from './session-protocol';

/** While a followed block's variables change, its view is drawn again at most this often. */
const VIEW_EVERY_MS = 2000;

/**
 * What the worker does with a followed block (serve's follow, a notebook's `%follow` cell): runs it with its sources
 * followed, posts its first run once they are, then what each update brings (and serve's view of every variable, at
 * most every VIEW_EVERY_MS; a notebook cell's view, which its reader may have opened, is drawn once it stops), until
 * `signal` aborts; answers with the block as it is then. The session keeps what was seen: the block's variables,
 * and those behind it, hold the records that came. A block none of whose sources can be followed ran once: its
 * answer says it followed nothing.
 */
export async function answerFollowing(session: Session, request: RunRequest, signal: AbortSignal, post: (m: WorkerMessage) => void): Promise<RunReply> {
  const started = performance.now();
  const result = await session.execute(request.code, request.file, { follow: { signal } });
  const first = await replyTo(session, result, request);
  if (result.errors.length) return first;
  const live = new LiveHunt(session.live());
  await live.start();
  const followed = live.followed.map((f) => f.location);
  if (!followed.length) return { ...first, follow: { followed, records: 0, batches: 0 } };
  post({ kind: 'following', reply: first, followed });

  const errors: ErrorReport[] = [];
  const warnings: string[] = [];
  let drawnAt = 0;
  let timer: NodeJS.Timeout | undefined;
  let drawing: Promise<void> = Promise.resolve();
  const draw = () => {
    timer = undefined;
    drawnAt = performance.now();
    drawing = drawView(session, result, request).then((view) => {
      if (view && !signal.aborted) post({ kind: 'live', events: [], view });
    });
  };
  await live.run(signal, (events) => {
    for (const e of events) {
      if (e.kind === 'error') errors.push(e.error);
      if (e.kind === 'warning') warnings.push(e.message);
    }
    post({ kind: 'live', events });
    if (request.view === 'session' && !timer && events.some((e) => e.kind === 'disp' || e.kind === 'variable')) {
      timer = setTimeout(draw, Math.max(0, drawnAt + VIEW_EVERY_MS - performance.now()));
    }
  });
  clearTimeout(timer);
  await drawing;
  const now = await session.current(result);
  const final = await replyTo(session, { ...now, warnings: [...result.warnings, ...warnings], errors, elapsedMs: performance.now() - started }, request);
  return { ...final, follow: { followed, records: live.stats.records, batches: live.stats.batches } };
}
