import { KestrelError } from '../../src/model/errors';
import type { NativeQuery, QueryComparison, SourceQuery } from '../../src/model/source-query';
import { anyOf, compileComparison, compileFilter, type Clause, type Query } from '../elasticsearch/dsl';
import type { InterfaceSource } from '../ocsf/interface-source';
import { nativeComparisons } from '../ocsf/native-comparisons';
import { strftime } from '../ocsf/time-format';
import type { Endpoint } from './endpoint';
import { call } from './http';

/** What read sends: the query over the index pattern, in index order, `size` hits a page. EXPLAIN shows it as JSON. */
export interface SearchRequest {
  index: string;
  query: Query;
  sort: ['_doc'];
  size: number;
}

export interface Hit {
  _index: string;
  _id: string;
  _source?: Record<string, unknown>;
}

const PAGE_SIZE = 1000;
const KEEP_ALIVE = '1m';

/**
 * The search a GET sends to a Kestrel 2 OpenSearch datasource: its WHERE on the index's fields through the data
 * model map (the comparisons the sqlalchemy interface makes, in query DSL), the time range on its timestamp field
 * written in its timestamp_format, as Kestrel 2 compares it. What cannot be said selects every document.
 */
export function searchRequest(ds: InterfaceSource, query: SourceQuery | undefined, size = PAGE_SIZE): SearchRequest {
  const clauses: Query[] = [];
  const where = query?.where && compileFilter(query.where, (c) => nativeClause(ds, c));
  if (where) clauses.push(where);
  if (query?.start !== undefined || query?.stop !== undefined) {
    const range: Record<string, string> = {};
    if (query.start !== undefined) range.gte = strftime(query.start, ds.timestampFormat);
    if (query.stop !== undefined) range.lt = strftime(query.stop, ds.timestampFormat);
    clauses.push({ range: { [ds.timestamp]: range } });
  }
  const compiled = clauses.length === 0 ? { match_all: {} } : clauses.length === 1 ? clauses[0] : { bool: { filter: clauses } };
  return { index: ds.collection, query: compiled, sort: ['_doc'], size };
}

/** A comparison on the native fields the map gives, ORed; every document when one of them cannot be said. */
function nativeClause(ds: InterfaceSource, c: QueryComparison): Clause {
  const parts = nativeComparisons(ds.map, c)?.map((n) => compileComparison(n.op, n.value, [n.field]));
  if (!parts?.length || parts.some((p) => p === undefined)) return undefined;
  return anyOf(parts as Query[]);
}

export function nativeQueryOf(request: SearchRequest): NativeQuery {
  return { language: 'opensearch-dsl', statement: JSON.stringify(request, null, 2) };
}

/**
 * Every hit of the request, page by page, through a scroll (a consistent view of the index that needs no sort
 * tiebreaker, which OpenSearch's point in time lacks before 3.3), until a page comes back short. The scroll is
 * cleared however the reading ends. A page with failed shards fails the read: a partial result is never returned.
 */
export async function* scrollPages(ep: Endpoint, request: SearchRequest): AsyncGenerator<Hit[]> {
  const { index, ...body } = request;
  let scrollId: string | undefined;
  try {
    let answer = await call(ep, 'POST', `/${encodeURIComponent(index)}/_search?scroll=${KEEP_ALIVE}`, { ...body, track_total_hits: false }, 'search page 1');
    for (let page = 1; ; page++) {
      scrollId = typeof answer._scroll_id === 'string' ? answer._scroll_id : scrollId;
      const shards = answer._shards as { failed?: number; total?: number } | undefined;
      if ((shards?.failed ?? 0) > 0) {
        throw new KestrelError('E_DATA_SOURCE', `${ep.location} (${ep.node}): search page ${page} failed on ${shards!.failed} of ${shards!.total} shards`, {
          file: ep.location,
          hint: 'some shards of the index could not answer, so the result would be incomplete; check the cluster health',
        });
      }
      const hits = (answer.hits as { hits?: Hit[] } | undefined)?.hits ?? [];
      yield hits;
      if (hits.length < request.size || scrollId === undefined) return;
      answer = await call(ep, 'POST', '/_search/scroll', { scroll: KEEP_ALIVE, scroll_id: scrollId }, `search page ${page + 1}`);
    }
  } finally {
    // A scroll left open expires after KEEP_ALIVE; failing to clear it loses nothing.
    if (scrollId !== undefined) await call(ep, 'DELETE', '/_search/scroll', { scroll_id: [scrollId] }, 'clearing the scroll').catch(() => undefined);
  }
}
