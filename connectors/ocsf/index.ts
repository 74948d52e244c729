import { open, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { KestrelError } from '../../src/model/errors';
import type { Connector, ReadContext } from '../connector';
import { mapDocument, readLines, type WrongType } from '../event-logs';
import { fileReadError } from '../file-read-error';
import { readParquet } from '../parquet-rows';
import { checkUri, dataFiles, isDirectory, isOcsfEvent, isParquetName, pathOf } from './source-uri';

const PROGRESS_EVERY = 10_000;

/**
 * Reads OCSF events: JSON lines (plain or gzip), parquet files (nested OCSF objects as structs, as AWS Security
 * Lake stores them) and folders of either. Each event is one Observation through the OCSF mapping
 * (`../event-logs/mappings/ocsf.yaml`).
 */
export const ocsfConnector: Connector = {
  name: 'ocsf',
  canRead: (uri, ctx) => checkUri(uri, ctx?.baseDir),
  locate: (uri, ctx) => `file://${pathOf(uri, ctx.baseDir)}`,
  async *read(uri, ctx) {
    const verdict = checkUri(uri, ctx.baseDir);
    if (!verdict.ok) throw new KestrelError('E_DATA_SOURCE', verdict.reason, { file: uri });
    const root = pathOf(uri, ctx.baseDir);
    const source = `file://${root}`;
    const files = isDirectory(root) ? dataFiles(root) : [root];
    let count = 0;
    for (const file of files) {
      // Record ids need a position unique in the source: the line or row, prefixed by the file within a folder.
      const position = (n: number) => (file === root ? n : `${path.relative(root, file)}:${n}`);
      const docs = isParquetName(file) || (await isParquetFile(file)) ? parquetDocs(file) : lineDocs(file, ctx);
      const onWrongType = wrongTypeWarner(file, ctx);
      for await (const { doc, n } of docs) {
        yield mapDocument(doc, 'ocsf', source, position(n), onWrongType);
        if (++count % PROGRESS_EVERY === 0) ctx.onProgress?.(count);
      }
    }
  },
};

async function isParquetFile(file: string): Promise<boolean> {
  const fh = await open(file, 'r').catch((e: unknown) => {
    throw fileReadError(file, e, { inFolder: 'an OCSF parquet or JSON-lines file', file: 'OCSF parquet or JSON lines' });
  });
  try {
    const { buffer, bytesRead } = await fh.read(Buffer.alloc(4), 0, 4, 0);
    return bytesRead === 4 && buffer.toString('latin1') === 'PAR1';
  } finally {
    await fh.close();
  }
}

async function* parquetDocs(file: string): AsyncGenerator<{ doc: Record<string, unknown>; n: number }> {
  const bytes = await readFile(file).catch((e: unknown) => {
    throw fileReadError(file, e, { inFolder: 'an OCSF parquet file', file: 'an OCSF parquet file' });
  });
  const { rows } = await readParquet(bytes, file);
  for (let i = 0; i < rows.length; i++) yield { doc: rows[i], n: i + 1 };
}

/** The events of a JSON-lines file; a line that is not a JSON object, or no OCSF event, is skipped with a warning. */
async function* lineDocs(file: string, ctx: ReadContext): AsyncGenerator<{ doc: Record<string, unknown>; n: number }> {
  let skipped = 0;
  for await (const lines of readLines(file)) {
    for (const line of lines) {
      if (line.text.trim() === '') continue;
      let doc: unknown;
      try {
        doc = JSON.parse(line.text);
      } catch (e) {
        doc = (e as Error).message;
      }
      if (isOcsfEvent(doc)) {
        yield { doc: doc as Record<string, unknown>, n: line.number };
        continue;
      }
      skipped++;
      ctx.onWarning?.(`${file}:${line.number}: ${typeof doc === 'string' ? `not JSON (${doc})` : 'not an OCSF event (no class_uid)'}; line skipped`);
    }
  }
  if (skipped > 0) ctx.onWarning?.(`${file}: ${skipped} line${skipped === 1 ? '' : 's'} skipped`);
}

/** One warning per field for the whole file, as the event-logs connector gives. */
function wrongTypeWarner(file: string, ctx: ReadContext): WrongType {
  const warned = new Set<string>();
  return (field, attribute, needs) => {
    if (warned.has(field)) return;
    warned.add(field);
    ctx.onWarning?.(`${file}: ${field} holds a value where ${attribute} needs ${needs}; those records are kept without it (said once per field)`);
  };
}
