/**
 * A followed block inside a session (decision 45): the sources behind it are read afresh and followed whatever
 * earlier blocks read, the blocks after it see what it saw, and the same log can be followed again.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { withFollow } from '../../../connectors/follow';
import { defaultConnectors } from '../../../connectors/registry';
import { MemoryStore } from '../../../graph/memory-store';
import { LiveHunt, type LiveEvent } from '../../../src/engine/follow/live-hunt';
import { Session } from '../../../src/engine/session';
import { KIDS_HUNT, newChild, startLog } from '../../cli/growing-log';
import { sleep, tempDir } from './replay';

jest.setTimeout(30_000);

/** Follows `block` until `until` holds of what it told, then stops it. */
async function followUntil(session: Session, block: string, file: string, act: () => void, until: (events: LiveEvent[]) => boolean): Promise<LiveEvent[]> {
  const stop = new AbortController();
  const result = await session.execute(block, file, { follow: { signal: stop.signal, pollMs: 10 } });
  expect(result.errors).toEqual([]);
  const live = new LiveHunt(session.live());
  const events = await live.start();
  const running = live.run(stop.signal, (e) => {
    events.push(...e);
  });
  act();
  for (const deadline = Date.now() + 10_000; !until(events); await sleep(10)) if (Date.now() > deadline) throw new Error(JSON.stringify(events));
  stop.abort();
  await running;
  return events;
}

const added = (events: LiveEvent[], pid: number) => events.some((e) => e.kind === 'disp' && e.added.some((r) => r[0] === pid));
const pids = async (session: Session, file: string, variable: string) => {
  const r = await session.execute(`DISP ${variable} ATTR pid`, file);
  return (r.outputs[0] as { rows: number[][] }).rows.map((row) => row[0]).sort((a, b) => a - b);
};

describe('a followed block in a session', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('follows the log behind an earlier variable; later blocks see what it saw; a second follow follows the log again', async () => {
    const log = startLog(dir);
    const file = path.join(dir, 'hunt.hf');
    const session = new Session({ store: new MemoryStore(), connectors: withFollow(defaultConnectors()) });
    const [shells, find, disp] = KIDS_HUNT;
    expect((await session.execute(shells, file)).errors).toEqual([]);

    await followUntil(session, `${find}\n${disp}`, file, () => fs.appendFileSync(log, `${newChild(0)}\n`), (e) => added(e, 20000));
    expect(await pids(session, file, 'kids')).toEqual([8920, 20000]);

    // Not followed: a line appended now is not seen by a block that runs once.
    fs.appendFileSync(log, `${newChild(1)}\n`);
    expect(await pids(session, file, 'kids')).toEqual([8920, 20000]);

    const events = await followUntil(session, disp, file, () => fs.appendFileSync(log, `${newChild(2)}\n`), (e) => added(e, 20002));
    // Read afresh when the follow began: the line appended in between came with the first read.
    expect(events.find((e) => e.kind === 'disp')).toMatchObject({ added: expect.arrayContaining([[20001, 'schtasks.exe', 'cmd.exe']]) });
    expect(await pids(session, file, 'kids')).toEqual([8920, 20000, 20001, 20002]);
  });
});
