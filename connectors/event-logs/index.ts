import { KestrelError } from '../../src/model/errors';
import type { Observation } from '../../src/model/observation';
import type { Connector } from '../connector';
import type { WrongType } from './mapping';
import { mappingFor, type EventFormat } from './mapping-files';
import { readLines } from './read-lines';
import { formatOf } from './sniff';
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
    const source = `file://${filePath}`;
    const ecs = mappingFor('ecs');
    const otrf = mappingFor('otrf');
    let records = 0;
    let malformed = 0;
    let lineNumber = 0;
    const warnedFields = new Set<string>();
    const onWrongType = (field: string, attribute: string, needs: string, raw: unknown) => {
      if (warnedFields.has(field)) return;
      warnedFields.add(field);
      ctx.onWarning?.(`${filePath}:${lineNumber}: ${field} holds ${describe(raw)} where ${attribute} needs ${needs}; the record is kept without it (said once per field)`);
    };
    for await (const lines of readLines(filePath)) {
      const observations: Observation[] = [];
      for (const line of lines) {
        const doc = parseLine(line.text);
        if (doc === undefined) continue;
        if (typeof doc === 'string') {
          malformed++;
          ctx.onWarning?.(`${filePath}:${line.number}: ${doc}; line skipped`);
          continue;
        }
        lineNumber = line.number;
        observations.push((formatOf(doc) === 'ecs' ? ecs : otrf).map(doc, source, line.number, onWrongType));
        if (++records % PROGRESS_EVERY === 0) ctx.onProgress?.(records);
      }
      yield* observations;
    }
    if (malformed > 0) ctx.onWarning?.(`${filePath}: ${malformed} malformed line${malformed === 1 ? '' : 's'} skipped`);
  },
};

function describe(raw: unknown): string {
  if (Array.isArray(raw)) return 'a list';
  if (raw !== null && typeof raw === 'object') return 'an object';
  return typeof raw === 'string' ? `the text ${JSON.stringify(raw.length > 40 ? `${raw.slice(0, 40)}…` : raw)}` : `${typeof raw} ${String(raw)}`;
}

/** The line's JSON object, undefined for a blank line, or what is wrong with it. */
function parseLine(text: string): Record<string, unknown> | string | undefined {
  let i = 0;
  while (i < text.length && (text.charCodeAt(i) <= 0x20)) i++;
  if (i === text.length) return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return `not JSON (${(e as Error).message})`;
  }
  return doc !== null && typeof doc === 'object' && !Array.isArray(doc) ? (doc as Record<string, unknown>) : 'not a JSON object';
}
