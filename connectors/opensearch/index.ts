import type { Connector } from '../connector';
import { mapDocument } from '../event-logs';
import { interfaceSource, type InterfaceSource } from '../ocsf/interface-source';
import { isPlainObject, setOwn, type PlainObject } from '../profiles/plain-values';
import { endpointOf } from './endpoint';
import { nativeQueryOf, scrollPages, searchRequest } from './search';

const SCHEME = /^opensearch:\/\//i;

/**
 * `opensearch://NAME`: a datasource of Kestrel 2's `opensearch.yaml` (an index pattern on a connection), searched in
 * query DSL; each hit is a row of the index's fields, read back to OCSF through the data model map, one record.
 */
export const opensearchConnector: Connector = {
  name: 'opensearch',
  canRead: (uri) => (SCHEME.test(uri) ? { ok: true } : { ok: false, reason: 'opensearch reads opensearch://NAME, a datasource of Kestrel 2\'s opensearch.yaml' }),
  locate: (uri) => `opensearch://${nameOf(uri)}`,
  nativeQuery: (uri, query) => nativeQueryOf(searchRequest(sourceOf(uri), query)),
  async *read(uri, ctx, query) {
    const ds = sourceOf(uri);
    const source = `opensearch://${ds.name}`;
    let count = 0;
    for await (const hits of scrollPages(endpointOf(ds), searchRequest(ds, query))) {
      for (const hit of hits) {
        const row = flatten(hit._source ?? {});
        const doc = ds.map.toOcsf(row);
        if (doc.time === undefined) doc.time = row[ds.timestamp];
        // An index pattern spans indices, and ids are unique only within one.
        yield mapDocument(doc, 'ocsf', source, `${hit._index}/${hit._id}`);
      }
      ctx.onProgress?.((count += hits.length));
    }
  },
};

function nameOf(uri: string): string {
  return uri.replace(SCHEME, '').replace(/\/+$/, '');
}

function sourceOf(uri: string): InterfaceSource {
  return interfaceSource('opensearch', 'KESTREL_OPENSEARCH_CONFIG', 'opensearch.yaml', 'index_pattern', nameOf(uri));
}

/** A document's fields by their dotted names, as the data model map names them (`{process: {pid}}` and `process.pid` alike). */
function flatten(doc: PlainObject, prefix = '', out: PlainObject = {}): PlainObject {
  for (const [key, value] of Object.entries(doc)) {
    if (isPlainObject(value)) flatten(value, `${prefix}${key}.`, out);
    else setOwn(out, `${prefix}${key}`, value);
  }
  return out;
}
