import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Client } from 'pg';
import { KestrelError } from '../../src/model/errors';
import { connect } from './connect';
import { dataSourceError } from './data-source-error';
import { quoteIdentifier } from './identifier';
import { fieldValue, nestFields } from './nest-fields';
import { COLUMNS, createTableStatements, type ColumnType } from './schema';
import { parseUri, redact, type PgSource } from './uri';

const BATCH_ROWS = 500;

/**
 * Appends the documents of an ECS NDJSON file (one JSON object a line, nested or flat dotted keys) to the
 * table a postgresql:// URI names, creating it and its indexes if missing; all or nothing, in one transaction.
 * Returns the number of rows added. E_BAD_INPUT_FILE for a line that is not a JSON object or whose column
 * field has the wrong type; E_DATA_SOURCE when the file or the database cannot be reached.
 */
export async function loadEcsNdjson(uri: string, file: string): Promise<number> {
  const source = parseUri(uri);
  if (typeof source === 'string') throw new KestrelError('E_DATA_SOURCE', source, { file: redact(uri) });
  const client = await connect(source);
  try {
    await run(client, source, 'BEGIN');
    for (const statement of createTableStatements(source.table)) await run(client, source, statement);
    let rows: unknown[][] = [];
    let total = 0;
    for await (const [line, doc] of documents(file)) {
      rows.push(rowOf(doc, file, line));
      if (rows.length === BATCH_ROWS) {
        total += await insert(client, source, rows);
        rows = [];
      }
    }
    total += await insert(client, source, rows);
    await run(client, source, 'COMMIT');
    return total;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function run(client: Client, source: PgSource, statement: string, values?: unknown[]): Promise<void> {
  try {
    await client.query(statement, values);
  } catch (e) {
    throw dataSourceError(source, e);
  }
}

const NAMES = [...COLUMNS.keys(), 'doc'].map(quoteIdentifier).join(', ');

async function insert(client: Client, source: PgSource, rows: unknown[][]): Promise<number> {
  if (rows.length === 0) return 0;
  const width = rows[0].length;
  const tuples = rows.map((_, r) => `(${rows[0].map((__, c) => `$${r * width + c + 1}`).join(', ')})`);
  await run(client, source, `INSERT INTO ${quoteIdentifier(source.table)} (${NAMES}) VALUES ${tuples.join(', ')}`, rows.flat());
  return rows.length;
}

/** The column values of a document (pg sends numbers and booleans as their text), then the document as JSON. */
function rowOf(doc: Record<string, unknown>, file: string, line: number): unknown[] {
  const values = [...COLUMNS].map(([field, type]) => {
    const value = fieldValue(doc, field);
    if (value === undefined || value === null || fits(value, type)) return value ?? null;
    throw new KestrelError('E_BAD_INPUT_FILE', `${file}:${line}: ${field} is ${JSON.stringify(value).slice(0, 60)}, not ${WANTED[type]}`, {
      file,
      line,
      hint: `the events table keeps ${field} in a ${type} column (connectors/postgresql/schema.ts)`,
    });
  });
  return [...values, JSON.stringify(doc)];
}

const WANTED: Record<ColumnType, string> = { text: 'one value', bigint: 'an integer', timestamptz: 'an ISO 8601 time' };

function fits(value: unknown, type: ColumnType): boolean {
  if (type === 'bigint') return Number.isSafeInteger(value);
  if (type === 'timestamptz') return typeof value === 'string' && !Number.isNaN(Date.parse(value));
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** The JSON objects of an NDJSON file with their 1-based line numbers; blank lines skipped. */
async function* documents(file: string): AsyncGenerator<[number, Record<string, unknown>]> {
  const stream = createReadStream(file, 'utf8');
  const opened = new Promise<void>((resolve, reject) => stream.once('open', () => resolve()).once('error', reject));
  try {
    await opened;
  } catch (e) {
    throw new KestrelError('E_DATA_SOURCE', `${file}: cannot be read (${(e as NodeJS.ErrnoException).code})`, {
      file,
      hint: 'check the path of the NDJSON file',
    });
  }
  let line = 0;
  for await (const text of createInterface({ input: stream, crlfDelay: Infinity })) {
    line++;
    if (text.trim() === '') continue;
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (e) {
      throw new KestrelError('E_BAD_INPUT_FILE', `${file}:${line}: invalid JSON: ${(e as Error).message}`, { file, line, hint: 'each line holds one JSON document (ECS NDJSON); nothing was loaded' });
    }
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
      throw new KestrelError('E_BAD_INPUT_FILE', `${file}:${line}: not a JSON object`, { file, line, hint: 'ECS NDJSON holds one JSON object a line' });
    }
    yield [line, nestFields(doc as Record<string, unknown>)];
  }
}
