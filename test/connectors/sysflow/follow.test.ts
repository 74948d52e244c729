import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMPLETE_AFTER_MS } from '../../../connectors/sysflow/follow';
import { Session } from '../../../src/engine/session';
import { expectLikeOneShot, follow, sleep, tempDir } from '../../engine/follow/replay';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'sysflow');

const HUNT = (dir: string) => `
ps = GET process FROM sysflow://${dir} WHERE pid > 0
kids = FIND process CREATED BY ps
tagged = GET process FROM sysflow://${dir} WHERE x_ttp_tags LIKE '%T1%'
by_name = GROUP ps BY name WITH COUNT(pid) AS n
DISP ps ATTR pid, name, parent_ref.pid
DISP by_name
`;

/** Copies a fixture as written some time ago (a trace the collector finished earlier). */
function finished(from: string, to: string): void {
  fs.copyFileSync(path.join(FIXTURES, from), to);
  const old = new Date(Date.now() - 60_000);
  fs.utimesSync(to, old, old);
}

/** The ids of every record that mentions a process or a file. */
async function recordIds(session: Session): Promise<string[]> {
  const ids = new Set<string>();
  for (const type of await session.store.entityTypes()) {
    for (const records of (await session.store.recordsOf(await session.store.entityIds(type))).values()) for (const r of records) ids.add(r);
  }
  return [...ids].sort();
}

test('kestrel run --follow over sysflow://DIR: trace files that appear are read once each when complete, and the hunt ends as a one-shot run', async () => {
  const dir = tempDir();
  const traces = path.join(dir, 'traces');
  fs.mkdirSync(traces);
  fs.copyFileSync(path.join(FIXTURES, 'ttps-policy.yaml'), path.join(traces, 'ttps-policy.yaml'));
  finished('cron.sf', path.join(traces, '0001.sf'));
  const huntFile = path.join(dir, 'hunt.hf');
  const f = await follow(HUNT(traces), huntFile, 20, 300);
  try {
    const before = (await f.live.summaries()).find((v) => v.name === 'ps')!;
    const initial = await recordIds(f.session);
    // A trace written in two halves, a short while apart: read only once its writes stop, so never half.
    const bytes = fs.readFileSync(path.join(FIXTURES, 'shellshock.sf'));
    const writing = path.join(traces, '0002.sf');
    fs.writeFileSync(writing, bytes.subarray(0, bytes.length >> 1));
    await sleep(COMPLETE_AFTER_MS / 3);
    expect((await f.live.summaries()).find((v) => v.name === 'ps')!.records).toBe(before.records);
    fs.appendFileSync(writing, bytes.subarray(bytes.length >> 1));
    // A trace moved in whole (its modification time is old) is read at the next look; other files are ignored.
    const staged = path.join(dir, 'apache.sf');
    finished('apache.sf', staged);
    fs.renameSync(staged, path.join(traces, '0003.sf'));
    fs.writeFileSync(path.join(traces, 'notes.txt'), 'not a trace');
    await sleep(COMPLETE_AFTER_MS + 300);
    await f.settled();
    const after = (await f.live.summaries()).find((v) => v.name === 'ps')!;
    expect(after.entities).toBeGreaterThan(before.entities);
    expect(f.result.errors).toEqual([]);

    const once = await expectLikeOneShot(f, HUNT(traces), huntFile);
    // Each file was read once and whole: the live store holds the one-shot store's records, and the live hunt
    // took in exactly those it did not hold at the start.
    const all = await recordIds(once);
    expect(await recordIds(f.session)).toEqual(all);
    expect(f.live.stats.records).toBe(all.length - initial.length);
    expect(f.events.some((e) => e.kind === 'disp' && e.variable === 'ps' && e.added.length > 0)).toBe(true);
  } finally {
    await f.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
