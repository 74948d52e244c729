import { statSync } from 'node:fs';
import { KestrelError } from '../../src/model/errors';
import type { Observation } from '../../src/model/observation';
import type { Connector } from '../connector';
import type { WrongType } from './mapping';
import { LineRecords } from './line-records';
import { mappingFor, type EventFormat } from './mapping-files';
import { rawFilter } from './raw-filter';
import { readLines } from './read-lines';
import { RecordIndex } from './record-index';
import { checkUri, filePathOf } from './source-uri';

export type { EventFormat } from './mapping-files';
export { recordId, type WrongType } from './mapping';
export { readLines } from './read-lines';

const PROGRESS_EVERY = 10_000;

/**
 * One document (nested or flat dotted keys) to one Observation; `position` makes the record id (line number, ES _id,
 * row id). `onWrongType` hears each field whose value has a type its attribute cannot take.
 */
export function mapDocument(doc: Record<string, unknown>, format: EventFormat, source: string, position: string | number, onWrongType?: WrongType): Observation {
  return mappingFor(format).map(doc, source, position, onWrongType);
}

/** The document fields that hold an entity attribute verbatim, in every role (process:name → ['process.name', 'process.parent.name']); [] when the mapping transforms it or does not know it. Used for query pushdown. */
export function nativeFields(format: EventFormat, entityType: string, attribute: string): string[] {
  return mappingFor(format).nativeFields(entityType, attribute);
}

/** The field holding the event time ('@timestamp'). */
export function timeField(format: EventFormat): string {
  return mappingFor(format).timeField();
}

/** Files this large or larger are read by query (docs/DECISIONS.md 46); smaller ones whole, once. */
function queryFromBytes(): number {
  const mb = Number(process.env.KESTREL_QUERY_FILES_FROM_MB);
  return (process.env.KESTREL_QUERY_FILES_FROM_MB && mb >= 0 ? mb : 64) * 1024 * 1024;
}

/** Reads Windows event logs as JSON lines (OTRF/NXLog or ECS), plain or gzip: one Observation per event. */
export const eventLogConnector: Connector = {
  name: 'event-logs',
  filtersFiles: true,
  canRead: (uri, ctx) => checkUri(uri, ctx?.baseDir),
  locate: (uri, ctx) => `file://${filePathOf(uri, ctx.baseDir)}`,
  nativeQuery(uri, query, ctx) {
    if (ctx.readsWhole || (!query.where && query.start === undefined && query.stop === undefined)) return undefined;
    const filePath = filePathOf(uri, ctx.baseDir);
    const size = statSync(filePath, { throwIfNoEntry: false })?.size;
    if (size === undefined || size < queryFromBytes()) return undefined;
    return {
      language: 'kestrel-ts, over the file',
      statement: `the records of ${filePath} that may mention a ${query.entityType} the query selects (parameter 1)`,
      parameters: [query],
    };
  },
  async *read(uri, ctx, query) {
    const verdict = checkUri(uri, ctx.baseDir);
    if (!verdict.ok) throw new KestrelError('E_DATA_SOURCE', verdict.reason, { file: uri });
    const filePath = filePathOf(uri, ctx.baseDir);
    const index = query && indexOf(filePath, ctx.kept);
    const hits = index?.lookup(query!);
    if (hits) {
      const records = new LineRecords(filePath);
      for await (const line of index!.lines(filePath, hits)) {
        const record = records.record(line);
        if (record !== undefined) yield record;
      }
      return;
    }
    // A scan: every record (the engine keeps what a query needs), each indexed when the file is read by query.
    const building = query && ctx.kept && !index ? startIndex(filePath) : undefined;
    // A scan after the first: the lines that cannot hold what the query selects are not parsed.
    const mayHold = index && query ? rawFilter(query) : undefined;
    const records = new LineRecords(filePath, index ? undefined : ctx.onWarning);
    let count = 0;
    for await (const lines of readLines(filePath)) {
      const observations: Observation[] = [];
      for (const line of lines) {
        if (mayHold && !mayHold(line.text)) continue;
        const record = records.record(line);
        if (record === undefined) continue;
        building?.add(record, line);
        observations.push(record);
        if (++count % PROGRESS_EVERY === 0) ctx.onProgress?.(count);
      }
      yield* observations;
    }
    if (building) ctx.kept!.set(indexKey(filePath), building);
    const { malformed } = records;
    if (malformed > 0 && !index) ctx.onWarning?.(`${filePath}: ${malformed} malformed line${malformed === 1 ? '' : 's'} skipped`);
  },
};

function startIndex(filePath: string): RecordIndex {
  const stat = statSync(filePath);
  return new RecordIndex(stat.size, stat.mtimeMs);
}

const indexKey = (filePath: string) => `event-logs index\u0000${filePath}`;

/** The index of the file as it is now, if this session built one. */
function indexOf(filePath: string, kept: Map<string, unknown> | undefined): RecordIndex | undefined {
  const index = kept?.get(indexKey(filePath)) as RecordIndex | undefined;
  if (!index) return undefined;
  const stat = statSync(filePath, { throwIfNoEntry: false });
  if (stat?.size === index.size && stat.mtimeMs === index.mtimeMs) return index;
  kept!.delete(indexKey(filePath));
  return undefined;
}
