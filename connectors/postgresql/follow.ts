import { KestrelError } from '../../src/model/errors';
import type { Observation } from '../../src/model/observation';
import type { SourceQuery } from '../../src/model/source-query';
import type { FollowBatch, FollowContext } from '../connector';
import { sleep } from '../event-logs/follow-lines';
import { mapDocument } from '../event-logs';
import { connect } from './connect';
import { dataSourceError } from './data-source-error';
import { readRows, type EventRow } from './read-rows';
import { compileQuery } from './sql';
import { parseUri, redact } from './uri';

/** Rows read per poll at most; a poll that fills it polls again at once. */
const POLL_ROWS = 5000;

/**
 * `kestrel run --follow` over a PostgreSQL table: the rows the GET's query selects, then, every `pollMs` (default
 * 1 s), the rows with a larger `id` (the table's bigserial) that the same query selects, in id order. Rows are
 * records by id, so a row read twice is one record. A row whose id was handed out before the last poll but whose
 * transaction committed after it is not seen (ids are given at insert, not at commit).
 */
export async function* followPostgresql(uri: string, ctx: FollowContext, query?: SourceQuery): AsyncGenerator<FollowBatch> {
  const source = parseUri(uri);
  if (typeof source === 'string') throw new KestrelError('E_DATA_SOURCE', source, { file: redact(uri) });
  const base = compileQuery(source.table, query);
  const toObservations = (rows: EventRow[]): Observation[] => rows.map((r) => mapDocument(r.doc, 'ecs', source.canonical, r.id));
  let last = 0n;
  const seen = (rows: EventRow[]) => {
    for (const r of rows) if (BigInt(r.id) > last) last = BigInt(r.id);
  };
  let records = 0;
  const first: Observation[] = [];
  for await (const rows of readRows(source, base)) {
    seen(rows);
    for (const o of toObservations(rows)) first.push(o);
    ctx.onProgress?.((records += rows.length));
  }
  yield { observations: first, caughtUp: true };

  const cut = base.statement.lastIndexOf(' ORDER BY ');
  const params = (base.parameters as unknown[] | undefined) ?? [];
  const statement = `SELECT id, doc FROM (${base.statement.slice(0, cut)}) AS followed WHERE id > $${params.length + 1} ORDER BY id LIMIT ${POLL_ROWS}`;
  const client = await connect(source);
  try {
    while (!ctx.signal.aborted) {
      let rows: EventRow[];
      try {
        rows = (await client.query<EventRow>(statement, [...params, last.toString()])).rows;
      } catch (e) {
        throw dataSourceError(source, e);
      }
      if (rows.length) {
        seen(rows);
        yield { observations: toObservations(rows), caughtUp: true };
      }
      if (rows.length < POLL_ROWS) await sleep(ctx.pollMs ?? 1000, ctx.signal);
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}
