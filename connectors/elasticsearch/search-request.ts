import type { estypes } from '@elastic/elasticsearch';
import type { NativeQuery, SourceQuery } from '../../src/model/source-query';
import { compileQuery, type FieldsOf, type Query } from './dsl';

/** What read sends: the query over `index`, page by page in this order. EXPLAIN shows it as JSON. */
export interface SearchRequest {
  index: string;
  query: Query;
  sort: estypes.SortCombinations[];
  size: number;
}

export const NATIVE_LANGUAGE = 'elasticsearch-dsl';

/** `_shard_doc` (the point in time's own order) breaks ties between documents of one timestamp. */
export function searchRequest(index: string, query: SourceQuery | undefined, fieldsOf: FieldsOf, timeField: string, size: number): SearchRequest {
  return {
    index,
    query: query ? compileQuery(query, fieldsOf, timeField) : { match_all: {} },
    sort: [{ [timeField]: 'asc' }, { _shard_doc: 'asc' }],
    size,
  };
}

export function nativeQueryOf(request: SearchRequest): NativeQuery {
  return { language: NATIVE_LANGUAGE, statement: JSON.stringify(request, null, 2) };
}
