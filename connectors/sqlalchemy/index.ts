import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { KestrelError } from '../../src/model/errors';
import type { NativeQuery } from '../../src/model/source-query';
import type { Connector, ReadContext } from '../connector';
import { mapDocument } from '../event-logs';
import { interfaceSource, type InterfaceSource } from '../ocsf/interface-source';
import { connect } from '../postgresql/connect';
import { parseUri } from '../postgresql/uri';
import { selectStatement, type Dialect } from './sql';

const SCHEME = /^sqlalchemy:\/\//i;

/** `sqlalchemy://NAME`: a datasource of Kestrel 2's `sqlalchemy.yaml`, queried in SQL; each row one OCSF event. */
export const sqlalchemyConnector: Connector = {
  name: 'sqlalchemy',
  canRead: (uri) => (SCHEME.test(uri) ? { ok: true } : { ok: false, reason: 'sqlalchemy reads sqlalchemy://NAME, a datasource of Kestrel 2\'s sqlalchemy.yaml' }),
  locate: (uri) => `sqlalchemy://${nameOf(uri)}`,
  nativeQuery(uri, query) {
    const ds = sourceOf(uri);
    return selectStatement(ds, query, dialectOf(ds));
  },
  async *read(uri, ctx, query) {
    const ds = sourceOf(uri);
    const statement = selectStatement(ds, query, dialectOf(ds));
    const rows = dialectOf(ds) === 'sqlite' ? await sqliteRows(ds, statement) : await postgresRows(ds, statement);
    yield* toObservations(ds, rows, ctx);
  },
};

function nameOf(uri: string): string {
  return uri.replace(SCHEME, '').replace(/\/+$/, '');
}

function sourceOf(uri: string): InterfaceSource {
  return interfaceSource('sqlalchemy', 'KESTREL_SQLALCHEMY_CONFIG', 'sqlalchemy.yaml', 'table', nameOf(uri));
}

/** SQLAlchemy URLs: `sqlite:///relative.db`, `sqlite:////absolute.db`, `postgresql[+driver]://…`. */
function dialectOf(ds: InterfaceSource): Dialect {
  if (/^sqlite(\+\w+)?:\/\//i.test(ds.url)) return 'sqlite';
  if (/^postgres(ql)?(\+\w+)?:\/\//i.test(ds.url)) return 'postgresql';
  throw new KestrelError('E_DATA_SOURCE', `sqlalchemy://${ds.name}: kestrel-ts reaches SQLite and PostgreSQL, not ${ds.url.replace(/:\/\/.*/, '://')}`, {
    hint: 'a sqlite:///FILE or postgresql://USER@HOST/DB connection url',
  });
}

/** A SQLite file, read whole into sql.js (SQLite as WebAssembly) and queried there; relative paths from the working directory, as SQLAlchemy does. */
async function sqliteRows(ds: InterfaceSource, statement: NativeQuery): Promise<Record<string, unknown>[]> {
  const file = path.resolve(ds.url.replace(/^sqlite(\+\w+)?:\/\/\//i, ''));
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new KestrelError('E_DATA_SOURCE', `sqlalchemy://${ds.name}: cannot open the SQLite file ${file} (${(e as NodeJS.ErrnoException).code})`, { file, hint: 'check the connection url (sqlite:////absolute/path.db)' });
  }
  const { default: initSqlJs } = require('sql.js') as typeof import('sql.js');
  const db = new (await initSqlJs()).Database(bytes);
  try {
    const stmt = db.prepare(statement.statement);
    stmt.bind(statement.parameters ?? []);
    const rows: Record<string, unknown>[] = [];
    while (stmt.step()) rows.push(stmt.getAsObject());
    stmt.free();
    return rows;
  } catch (e) {
    throw new KestrelError('E_DATA_SOURCE', `sqlalchemy://${ds.name}: ${file}: ${(e as Error).message}`, { file, hint: `check the table ${ds.collection} and the columns the data model map names` });
  } finally {
    db.close();
  }
}

async function postgresRows(ds: InterfaceSource, statement: NativeQuery): Promise<Record<string, unknown>[]> {
  const source = parseUri(ds.url.replace(/^(postgres(?:ql)?)\+\w+:/i, '$1:'));
  if (typeof source === 'string') throw new KestrelError('E_DATA_SOURCE', `sqlalchemy://${ds.name}: ${source}`, { hint: `fix the url of ${ds.name} in sqlalchemy.yaml` });
  const client = await connect(source);
  try {
    return (await client.query(statement.statement, statement.parameters)).rows as Record<string, unknown>[];
  } catch (e) {
    throw new KestrelError('E_DATA_SOURCE', `sqlalchemy://${ds.name}: ${source.endpoint}: ${(e as Error).message}`, {
      hint: `check the table ${ds.collection} and the columns the data model map names`,
    });
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Each row as an OCSF event (the map read backwards; the timestamp column is its time), one record per distinct row. */
function* toObservations(ds: InterfaceSource, rows: Record<string, unknown>[], ctx: ReadContext) {
  const source = `sqlalchemy://${ds.name}`;
  for (const row of rows) {
    const doc = ds.map.toOcsf(row);
    if (doc.time === undefined) doc.time = row[ds.timestamp];
    yield mapDocument(doc, 'ocsf', source, JSON.stringify(row));
  }
  ctx.onProgress?.(rows.length);
}
