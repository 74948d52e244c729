import * as fs from 'node:fs';
import * as path from 'node:path';
import { follow, sleep, tempDir } from '../../test/engine/follow/replay';
import type { LiveEvent } from '../../src/engine/follow/live-hunt';

const RECORDING = path.join(__dirname, '..', 'forward-tracking-sysmon', 'data', 'psh_lsass_memory_dump_comsvcs.json');

/** The rows a followed DISP announced, as objects. */
function announced(events: readonly LiveEvent[], variable: string): Record<string, unknown>[] {
  return events.flatMap((e) => (e.kind === 'disp' && e.variable === variable
    ? [...e.added, ...e.changed].map((r) => Object.fromEntries(e.columns.map((c, i) => [c, r[i]])))
    : []));
}

describe('sample: a live hunt alerts on an LSASS dump as the recording is replayed into the log it follows', () => {
  it('starts on an empty log and raises the dumper, its launcher and the dump file as their events arrive', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'data'));
    const live = path.join(dir, 'data', 'live.json');
    fs.writeFileSync(live, '');
    const huntFile = path.join(dir, 'hunt.hf');
    fs.copyFileSync(path.join(__dirname, 'hunt.hf'), huntFile);
    const f = await follow(fs.readFileSync(huntFile, 'utf8'), huntFile);
    try {
      expect(f.result.variables.map((v) => [v.name, v.entities])).toEqual([['dumpers', 0], ['launchers', 0], ['dumps', 0]]);
      const lines = fs.readFileSync(RECORDING, 'utf8').split('\n').filter((l) => l.trim());
      for (let i = 0; i < lines.length; i += 4) {
        fs.appendFileSync(live, lines.slice(i, i + 4).map((l) => `${l}\n`).join(''));
        await sleep(2);
      }
      await f.settled();
      expect(announced(f.events, 'dumpers')).toContainEqual({
        pid: 4824, name: 'rundll32.exe',
        command_line: expect.stringMatching(/comsvcs\.dll,? MiniDump 756 .*lsass-comsvcs\.dmp full/i),
      });
      expect(announced(f.events, 'launchers')).toContainEqual(expect.objectContaining({ pid: 6100, name: 'powershell.exe' }));
      expect(announced(f.events, 'dumps').map((r) => r.name)).toContain('lsass-comsvcs.dmp');
      const counts = Object.fromEntries((await f.live.summaries()).map((v) => [v.name, v.entities]));
      expect(counts).toEqual({ dumpers: 1, launchers: 1, dumps: 1 });
      // Each alert came once, when its event arrived: the dumper's row is announced as new once.
      expect(f.events.filter((e) => e.kind === 'disp' && e.variable === 'dumpers' && e.added.length).length).toBe(1);
    } finally {
      await f.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
