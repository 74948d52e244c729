import { KestrelError } from '../../src/model/errors';
import type { Observation } from '../../src/model/observation';
import type { SourceQuery } from '../../src/model/source-query';
import type { FollowBatch, FollowContext, ReadContext } from '../connector';
import { mapDocument, nativeFields, timeField } from '../event-logs';
import type { ProfileReader } from '../profiles';
import { checkUri, parseUri } from './endpoint';
import { settingsFromEnv } from './env-settings';
import { followIndex } from './follow';
import { settingsFromProfile } from './profile-settings';
import { searchPages } from './search-pages';
import { nativeQueryOf, searchRequest, type SearchRequest } from './search-request';
import type { Settings } from './settings';

export { ENV } from './env-settings';

const FORMAT = 'ecs';

/**
 * Reads ECS documents from Elasticsearch (`elasticsearch://HOST[:PORT]/INDEX`, `elasticsearchs://` for https, and
 * stix-shifter `elastic_ecs` profiles), asking the server for what the GET selects: one Observation per document.
 */
export const elasticsearchConnector: ProfileReader = {
  name: 'elasticsearch',
  canRead: checkUri,
  locate(uri) {
    return endpointOf(uri).location;
  },
  nativeQuery(uri, query) {
    return nativeQueryOf(requestFor(settingsOf(uri), query));
  },
  read(uri, ctx, query) {
    const settings = settingsOf(uri);
    return readIndex(settings, requestFor(settings, query), ctx);
  },
  openProfile(profile) {
    const settings = settingsFromProfile(profile);
    return {
      location: settings.location,
      read: (ctx, query) => readIndex(settings, requestFor(settings, query), ctx),
      nativeQuery: (query) => nativeQueryOf(requestFor(settings, query)),
    };
  },
};

function endpointOf(uri: string) {
  const verdict = checkUri(uri);
  if (!verdict.ok) throw new KestrelError('E_DATA_SOURCE', verdict.reason, { file: uri });
  return parseUri(uri);
}

function settingsOf(uri: string): Settings {
  return settingsFromEnv(endpointOf(uri), process.env);
}

function requestFor(settings: Settings, query: SourceQuery | undefined): SearchRequest {
  return searchRequest(settings.index, query, (type, attribute) => nativeFields(FORMAT, type, attribute), timeField(FORMAT), settings.pageSize);
}

async function* readIndex(settings: Settings, request: SearchRequest, ctx: ReadContext): AsyncGenerator<Observation> {
  let records = 0;
  for await (const hits of searchPages(settings, request)) {
    // An index pattern spans indices, and ids are unique only within one.
    for (const hit of hits) yield mapDocument(hit._source ?? {}, FORMAT, settings.location, `${hit._index}/${hit._id}`);
    records += hits.length;
    ctx.onProgress?.(records);
  }
}

/** `kestrel run --follow` over an `elasticsearch://` index: the GET's query, then polled from the last time seen on (follow.ts). */
export function followElasticsearch(uri: string, ctx: FollowContext, query?: SourceQuery): AsyncIterable<FollowBatch> {
  const settings = settingsOf(uri);
  return followIndex(settings, requestFor(settings, query), timeField(FORMAT), (hit) => mapDocument(hit._source ?? {}, FORMAT, settings.location, `${hit._index}/${hit._id}`), ctx);
}
