import { KestrelError } from '../../src/model/errors';
import type { Connector } from '../connector';
import { mapDocument } from '../event-logs';
import { readRows } from './read-rows';
import { compileQuery } from './sql';
import { checkUri, parseUri, redact, type PgSource } from './uri';

export { loadEcsNdjson } from './load-ndjson';

/**
 * Reads ECS events from a PostgreSQL table (connectors/postgresql/README.md): a GET's WHERE and time range run
 * in the database as parameterised SQL, and each selected row's document maps to one Observation.
 */
export const postgresqlConnector: Connector = {
  name: 'postgresql',
  canRead: checkUri,
  locate: (uri) => sourceOf(uri).canonical,
  nativeQuery: (uri, query) => compileQuery(sourceOf(uri).table, query),
  async *read(uri, ctx, query) {
    const source = sourceOf(uri);
    let records = 0;
    for await (const rows of readRows(source, compileQuery(source.table, query))) {
      for (const row of rows) yield mapDocument(row.doc, 'ecs', source.canonical, row.id);
      ctx.onProgress?.((records += rows.length));
    }
  },
};

function sourceOf(uri: string): PgSource {
  const source = parseUri(uri);
  if (typeof source === 'string') throw new KestrelError('E_DATA_SOURCE', source, { file: redact(uri) });
  return source;
}
