import { KestrelError } from '../../src/model/errors';
import type { Observation } from '../../src/model/observation';
import type { FollowBatch, FollowContext } from '../connector';
import { followLines } from './follow-lines';
import { mappingFor } from './mapping-files';
import { formatOf } from './sniff';
import { checkUri, filePathOf } from './source-uri';

/**
 * `kestrel run --follow` over an event-log file: the records of its lines as `followLines` hands them over (the
 * file's content, then appended lines across rotations), mapped line by line as `read` maps them, so a followed
 * file ends up with the records a one-shot read of the same lines gives (same ids: the source and line number).
 */
export async function* followEventLog(uri: string, ctx: FollowContext): AsyncGenerator<FollowBatch> {
  const verdict = checkUri(uri, ctx.baseDir);
  if (!verdict.ok) throw new KestrelError('E_DATA_SOURCE', verdict.reason, { file: uri });
  const filePath = filePathOf(uri, ctx.baseDir);
  const source = `file://${filePath}`;
  const ecs = mappingFor('ecs');
  const otrf = mappingFor('otrf');
  let records = 0;
  let lineNumber = 0;
  const warnedFields = new Set<string>();
  const onWrongType = (field: string, attribute: string, needs: string) => {
    if (warnedFields.has(field)) return;
    warnedFields.add(field);
    ctx.onWarning?.(`${filePath}:${lineNumber}: ${field} holds a value where ${attribute} needs ${needs}; the record is kept without it (said once per field)`);
  };
  for await (const batch of followLines(filePath, { signal: ctx.signal, pollMs: ctx.pollMs, onWarning: ctx.onWarning })) {
    const observations: Observation[] = [];
    for (const line of batch.lines) {
      const doc = parseLine(line.text);
      if (doc === undefined) continue;
      if (typeof doc === 'string') {
        ctx.onWarning?.(`${filePath}:${line.number}: ${doc}; line skipped`);
        continue;
      }
      lineNumber = line.number;
      observations.push((formatOf(doc) === 'ecs' ? ecs : otrf).map(doc, source, line.number, onWrongType));
      if (++records % 10_000 === 0) ctx.onProgress?.(records);
    }
    yield { observations, caughtUp: batch.caughtUp };
  }
}

/** The line's JSON object, undefined for a blank line, or what is wrong with it. */
function parseLine(text: string): Record<string, unknown> | string | undefined {
  if (text.trim() === '') return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return `not JSON (${(e as Error).message})`;
  }
  return doc !== null && typeof doc === 'object' && !Array.isArray(doc) ? (doc as Record<string, unknown>) : 'not a JSON object';
}
