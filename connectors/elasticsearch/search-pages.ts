import type { estypes } from '@elastic/elasticsearch';
import { KestrelError } from '../../src/model/errors';
import { createClient } from './client';
import { requestError } from './request-error';
import type { SearchRequest } from './search-request';
import type { Settings } from './settings';

const KEEP_ALIVE = '1m';

export type Hit = estypes.SearchHit<Record<string, unknown>>;

/**
 * Every hit of the request, page by page, over one point in time (so documents indexed meanwhile neither shift
 * nor repeat pages), each page after the last hit's sort values, until a page comes back short. The point in
 * time is closed however the reading ends. Any failure throws E_DATA_SOURCE: a partial result is never returned.
 */
export async function* searchPages(settings: Settings, request: SearchRequest): AsyncGenerator<Hit[]> {
  const client = createClient(settings);
  let pit: string | undefined;
  try {
    pit = (await call(() => client.openPointInTime({ index: request.index, keep_alive: KEEP_ALIVE }), settings, 'opening a point in time')).id;
    let after: estypes.SortResults | undefined;
    for (let page = 1; ; page++) {
      const response = await call(() => client.search<Record<string, unknown>>({
        pit: { id: pit!, keep_alive: KEEP_ALIVE },
        query: request.query,
        sort: request.sort,
        size: request.size,
        track_total_hits: false,
        ...(after ? { search_after: after } : {}),
      }), settings, `search page ${page}`);
      if ((response._shards?.failed ?? 0) > 0) {
        throw new KestrelError('E_DATA_SOURCE', `${settings.location} (${settings.node}): search page ${page} failed on ${response._shards.failed} of ${response._shards.total} shards`, {
          file: settings.location,
          hint: 'some shards of the index could not answer, so the result would be incomplete; check the cluster health',
        });
      }
      pit = response.pit_id ?? pit;
      const hits = response.hits.hits;
      yield hits;
      if (hits.length < request.size) return;
      after = hits[hits.length - 1].sort;
    }
  } finally {
    // A point in time left open expires after KEEP_ALIVE; failing to close it loses nothing.
    if (pit !== undefined) await client.closePointInTime({ id: pit }).catch(() => undefined);
    await client.close();
  }
}

async function call<T>(request: () => Promise<T>, settings: Settings, doing: string): Promise<T> {
  try {
    return await request();
  } catch (e) {
    throw requestError(e, settings, doing);
  }
}
