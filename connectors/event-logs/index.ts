import { KestrelError } from '../../src/model/errors';
import type { Observation } from '../../src/model/observation';
import type { Connector } from '../connector';
import type { WrongType } from './mapping';
import { LineRecords } from './line-records';
import { mappingFor, type EventFormat } from './mapping-files';
import { readLines } from './read-lines';
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

/** Reads Windows event logs as JSON lines (OTRF/NXLog or ECS), plain or gzip: one Observation per event. */
export const eventLogConnector: Connector = {
  name: 'event-logs',
  canRead: (uri, ctx) => checkUri(uri, ctx?.baseDir),
  locate: (uri, ctx) => `file://${filePathOf(uri, ctx.baseDir)}`,
  async *read(uri, ctx) {
    const verdict = checkUri(uri, ctx.baseDir);
    if (!verdict.ok) throw new KestrelError('E_DATA_SOURCE', verdict.reason, { file: uri });
    const filePath = filePathOf(uri, ctx.baseDir);
    const records = new LineRecords(filePath, ctx.onWarning);
    let count = 0;
    for await (const lines of readLines(filePath)) {
      const observations: Observation[] = [];
      for (const line of lines) {
        const record = records.record(line);
        if (record === undefined) continue;
        observations.push(record);
        if (++count % PROGRESS_EVERY === 0) ctx.onProgress?.(count);
      }
      yield* observations;
    }
    const { malformed } = records;
    if (malformed > 0) ctx.onWarning?.(`${filePath}: ${malformed} malformed line${malformed === 1 ? '' : 's'} skipped`);
  },
};
