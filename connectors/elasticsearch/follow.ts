import type { Observation } from '../../src/model/observation';
import type { FollowBatch, FollowContext } from '../connector';
import { sleep } from '../event-logs/follow-lines';
import type { Query } from './dsl';
import { searchPages, type Hit } from './search-pages';
import type { SearchRequest } from './search-request';
import type { Settings } from './settings';

/** Sort values at or past this are not times: Elasticsearch sorts a document without the field last, as Long.MAX_VALUE. */
const NO_TIME = Number.MAX_SAFE_INTEGER;

/**
 * `kestrel run --follow` over an Elasticsearch index: the documents the GET's query selects (as `read` pages them:
 * by time, then `_shard_doc`, `search_after` over a point in time), then, every `pollMs` (default 1 s), the same
 * query from the last time seen on (a `range` filter, `gte` in epoch milliseconds), paged the same way over a new
 * point in time. Documents at that last time already read are skipped by `_index/_id`, so a document is one record
 * however many polls see it; only the ids at the last time are kept. A document whose time is earlier than the last
 * time seen when it becomes searchable (indexed late, or out of order) is not seen, nor is a new document without
 * the time field (those are read once, with the first read).
 */
export async function* followIndex(
  settings: Settings,
  request: SearchRequest,
  timeField: string,
  toObservation: (hit: Hit) => Observation,
  ctx: FollowContext,
): AsyncGenerator<FollowBatch> {
  let last: number | undefined;
  let atLast = new Set<string>();
  let records = 0;
  const take = (hits: Hit[], into: Observation[]) => {
    for (const hit of hits) {
      const id = `${hit._index}/${hit._id}`;
      const time = hit.sort?.[0];
      if (typeof time === 'number' && time < NO_TIME) {
        if (last === undefined || time > last) {
          last = time;
          atLast = new Set();
        } else if (time === last && atLast.has(id)) continue;
        if (time === last) atLast.add(id);
      }
      into.push(toObservation(hit));
    }
  };

  const first: Observation[] = [];
  for await (const hits of searchPages(settings, request)) {
    take(hits, first);
    ctx.onProgress?.((records += hits.length));
  }
  yield { observations: first, caughtUp: true };

  while (!ctx.signal.aborted) {
    await sleep(ctx.pollMs ?? 1000, ctx.signal);
    if (ctx.signal.aborted) return;
    const since: Query = last === undefined ? { exists: { field: timeField } } : { range: { [timeField]: { gte: last, format: 'epoch_millis' } } };
    const poll: SearchRequest = { ...request, query: { bool: { filter: [request.query, since] } } };
    const found: Observation[] = [];
    for await (const hits of searchPages(settings, poll)) take(hits, found);
    if (found.length) yield { observations: found, caughtUp: true };
  }
}
