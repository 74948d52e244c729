import type Cursor from 'pg-cursor';
import type { NativeQuery } from '../../src/model/source-query';
import { connect } from './connect';
import { dataSourceError } from './data-source-error';
import type { PgSource } from './uri';

export interface EventRow {
  /** bigserial, which pg returns as a string. */
  id: string;
  doc: Record<string, unknown>;
}

const BATCH_ROWS = 1000;

/** The rows `query` selects, a batch at a time through a cursor; any failure is E_DATA_SOURCE. */
export async function* readRows(source: PgSource, query: NativeQuery): AsyncGenerator<EventRow[]> {
  const client = await connect(source);
  const PgCursor = require('pg-cursor') as typeof Cursor;
  const cursor = client.query(new PgCursor<EventRow>(query.statement, query.parameters));
  try {
    for (;;) {
      let rows: EventRow[];
      try {
        rows = await cursor.read(BATCH_ROWS);
      } catch (e) {
        throw dataSourceError(source, e);
      }
      if (rows.length === 0) return;
      yield rows;
    }
  } finally {
    await cursor.close().catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}
