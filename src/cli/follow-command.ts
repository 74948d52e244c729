import { parentPort } from 'node:worker_threads';
import { LiveHunt, type LiveEvent } from '../engine/follow/live-hunt';
import { report, type BlockResult } from '../engine/session';
import { isKestrelError } from '../model/errors';
import { eventJson, eventsText, NOTHING_FOLLOWED, stoppedJson } from './follow-output';
import { printable, terminalWidth } from './format-table';
import { formatBlock, formatError } from './format-text';
import { openSession } from './open-session';
import { openStore, type StoreOptions } from './open-store';
import { readHuntflow } from './read-huntflow';

export interface FollowOptions extends StoreOptions {
  json?: boolean;
  wide?: boolean;
  collapse?: boolean;
  /** Milliseconds between two looks at a followed source (default: files 100, servers 1000). */
  pollMs?: number;
}

/**
 * `kestrel run HUNT.hf --follow`: runs the hunt, prints what it found as `kestrel run` does (with --json, as
 * follow events), then keeps its followable sources open and prints what each batch of new records changes,
 * until Ctrl-C (SIGINT or SIGTERM; in bin/kestrel.js's worker, its "stop" message), when it prints the final
 * counts and exits 0.
 */
export async function runFollow(file: string, opts: FollowOptions): Promise<number> {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const stop = new AbortController();
  const onStop = () => stop.abort();
  const onMessage = (m: unknown) => m === 'stop' && stop.abort();
  process.once('SIGINT', onStop);
  process.once('SIGTERM', onStop);
  parentPort?.on('message', onMessage);
  let opened: Awaited<ReturnType<typeof openStore>> | undefined;
  try {
    const read = readHuntflow(file);
    opened = await openStore(opts);
    const { session } = openSession({ collapse: opts.collapse, store: opened.store });
    const result = await session.execute(read.source, file, { follow: { signal: stop.signal, pollMs: opts.pollMs } });
    result.warnings.unshift(...read.warnings);
    const width = opts.wide ? Infinity : terminalWidth(process.stdout);
    const live = new LiveHunt(session.live());
    if (result.errors.length) {
      printResult(result, opts, width);
      return 1;
    }
    const first = await live.start();
    if (opts.json) {
      for (const w of result.warnings) out(JSON.stringify({ warning: w, at: new Date().toISOString() }));
      for (const e of first) out(eventJson(e));
    } else {
      printResult(result, opts, width);
    }
    const followed = live.followed.map((f) => printable(f.location));
    if (!followed.length) {
      process.stderr.write(`note: ${NOTHING_FOLLOWED}\n`);
      if (opts.json) out(stoppedJson(await live.summaries(), 0));
      return 0;
    }
    process.stderr.write(`following ${followed.join(', ')} (Ctrl-C stops)\n`);
    const emit = (events: LiveEvent[]) => {
      if (opts.json) for (const e of events) out(eventJson(e));
      else out(eventsText(events, width));
    };
    await live.run(stop.signal, emit);
    const variables = await live.summaries();
    if (opts.json) {
      out(stoppedJson(variables, live.stats.records));
    } else {
      const summary = formatBlock({ outputs: [], variables, errors: [], warnings: [], elapsedMs: live.stats.updateMs }, width)
        .replace(/^\[SUMMARY\] block executed in [^\n]*/, `[SUMMARY] stopped following: ${live.stats.records} new records in ${live.stats.batches} updates`);
      out(summary);
    }
    return 0;
  } catch (e) {
    if (!isKestrelError(e)) throw e;
    const error = report(e);
    if (opts.json) out(JSON.stringify({ error, at: new Date().toISOString() }));
    else process.stderr.write(`${formatError(error)}\n`);
    return 1;
  } finally {
    stop.abort();
    process.off('SIGINT', onStop);
    process.off('SIGTERM', onStop);
    parentPort?.off('message', onMessage);
    await opened?.close();
  }
}

function printResult(r: BlockResult, opts: FollowOptions, width: number): void {
  if (opts.json) {
    for (const w of r.warnings) process.stdout.write(`${JSON.stringify({ warning: w })}\n`);
    for (const e of r.errors) process.stdout.write(`${JSON.stringify({ error: e })}\n`);
    return;
  }
  for (const w of r.warnings) process.stderr.write(`warning: ${printable(w)}\n`);
  const text = formatBlock(r, width);
  if (text) process.stdout.write(`${text}\n`);
  for (const e of r.errors) process.stderr.write(`${formatError(e)}\n`);
}
