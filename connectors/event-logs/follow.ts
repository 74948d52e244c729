import { KestrelError } from '../../src/model/errors';
import type { Observation } from '../../src/model/observation';
import type { FollowBatch, FollowContext } from '../connector';
import { followLines } from './follow-lines';
import { LineRecords } from './line-records';
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
  const records = new LineRecords(filePath, ctx.onWarning);
  let count = 0;
  for await (const batch of followLines(filePath, { signal: ctx.signal, pollMs: ctx.pollMs, onWarning: ctx.onWarning })) {
    const observations: Observation[] = [];
    for (const line of batch.lines) {
      const record = records.record(line);
      if (record === undefined) continue;
      observations.push(record);
      if (++count % 10_000 === 0) ctx.onProgress?.(count);
    }
    yield { observations, caughtUp: batch.caughtUp };
  }
}
