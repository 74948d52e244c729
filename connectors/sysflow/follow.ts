import * as fs from 'node:fs';
import { KestrelError } from '../../src/model/errors';
import type { Observation } from '../../src/model/observation';
import type { FollowBatch, FollowContext } from '../connector';
import { sleep } from '../event-logs/follow-lines';
import { policyOf, readTrace } from './index';
import { checkUri, isDirectory, resolveTrace, traceFiles, type TraceSource } from './sysflow-uri';

/** A trace file not written to for this long is complete (the collector writes a file, then starts the next). */
export const COMPLETE_AFTER_MS = 1000;

/**
 * `kestrel run --follow` over `sysflow://DIR`: the `.sf` files in the directory, then, every `pollMs` (default
 * 100 ms), the files that appeared since, each read once, whole, once it is complete: when its modification time
 * is `COMPLETE_AFTER_MS` old (a file moved in whole is complete at once). Files are read in name order; a file
 * that is written to after it was read, or that is removed, changes nothing. A single trace file is read once.
 */
export async function* followSysflow(uri: string, ctx: FollowContext): AsyncGenerator<FollowBatch> {
  const verdict = checkUri(uri);
  if (!verdict.ok) throw new KestrelError('E_DATA_SOURCE', verdict.reason, { file: uri });
  const trace = resolveTrace(uri, ctx.baseDir);
  const policy = await policyOf(trace, ctx);
  let records = 0;
  const counted = () => ++records;
  const read = async (files: TraceSource[]): Promise<Observation[]> => {
    const out: Observation[] = [];
    for (const file of files) for await (const o of readTrace(file, trace.uri, policy, ctx, counted)) out.push(o);
    return out;
  };
  if (!isDirectory(trace.path)) {
    yield { observations: await read([trace]), caughtUp: true };
    return;
  }
  const taken = new Set<string>();
  /** The files not taken yet that are complete now; the others wait. */
  const complete = (): TraceSource[] => {
    const now = Date.now();
    return traceFiles(trace).filter((f) => {
      if (taken.has(f.path)) return false;
      let mtime: number;
      try {
        mtime = fs.statSync(f.path).mtimeMs;
      } catch {
        return false;
      }
      return now - mtime >= COMPLETE_AFTER_MS;
    });
  };
  const take = async (files: TraceSource[]) => {
    for (const f of files) taken.add(f.path);
    return read(files);
  };
  yield { observations: await take(complete()), caughtUp: true };
  while (!ctx.signal.aborted) {
    await sleep(ctx.pollMs ?? 100, ctx.signal);
    if (ctx.signal.aborted) return;
    const files = complete();
    if (files.length) yield { observations: await take(files), caughtUp: true };
  }
}
