import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { defaultConnectors } from '../../../connectors/registry';
import { MemoryStore } from '../../../graph/memory-store';
import { Session } from '../../../src/engine/session';
import { finalState, follow, linesOf, liveIds, sleep, tempDir } from './replay';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'event-logs');
const SAMPLES = path.join(__dirname, '..', '..', '..', 'samples');

/** GET, FIND one hop both ways, FIND DEPTH, a WHERE on a reference path, TRACK, GROUP, SORT with LIMIT, + and DISP. */
const HUNT = (log: string) => `
shells = GET process FROM file://${log} WHERE name IN ('cmd.exe', 'powershell.exe', 'cscript.exe', 'wscript.exe', 'mshta.exe', 'rundll32.exe', 'schtasks.exe')
kids = FIND process CREATED BY shells
parents = FIND process CREATED shells
tree = FIND process CREATED BY parents DEPTH 1..3
by_name = GROUP kids BY name WITH COUNT(pid) AS n
newest = kids SORT BY pid DESC LIMIT 5
spawned_by_shell = GET process FROM file://${log} WHERE parent_ref.name IN ('cmd.exe', 'powershell.exe')
both = kids + parents
impact = TRACK FORWARD shells
files = FIND file LINKED kids
DISP shells ATTR pid, name, command_line
DISP kids ATTR pid, name, parent_ref.name
DISP tree ATTR x_depth, pid, name
DISP by_name
DISP newest ATTR pid, name
DISP spawned_by_shell
`;

async function oneShot(hunt: string, huntFile: string) {
  const session = new Session({ store: new MemoryStore(), connectors: defaultConnectors() });
  const result = await session.execute(hunt, huntFile);
  expect(result.errors).toEqual([]);
  return { session, result };
}

describe('kestrel run --follow: a followed hunt ends where a one-shot run over the final data starts', () => {
  const recordings = [
    path.join(FIXTURES, 'schtask_create.json'),
    path.join(FIXTURES, 'psh_lsass_memory_dump_comsvcs.json'),
    path.join(FIXTURES, 'schtask_create.ecs.ndjson'),
    path.join(SAMPLES, 'process-tree-sysmon', 'data', 'cmd_mshta_vbscript_execute_psh.json'),
  ];
  for (const recording of recordings) {
    it(`replays ${path.basename(recording)} line by line into a growing file`, async () => {
      const lines = linesOf(recording);
      const dir = tempDir();
      const log = path.join(dir, path.basename(recording));
      const huntFile = path.join(dir, 'hunt.hf');
      // The hunt starts on the first tenth of the recording, then the rest arrives a few lines at a time.
      const start = Math.floor(lines.length / 10);
      fs.writeFileSync(log, lines.slice(0, start).map((l) => `${l}\n`).join(''));
      const f = await follow(HUNT(log), huntFile);
      try {
        let i = start;
        let n = 1;
        while (i < lines.length) {
          fs.appendFileSync(log, lines.slice(i, i + n).map((l) => `${l}\n`).join(''));
          i += n;
          n = (n % 37) + 1;
          if (i % 5 === 0) await sleep(2);
        }
        await f.settled();
        const once = await oneShot(HUNT(log), huntFile);
        expect(await finalState(f.session, f.result, f.live)).toEqual(await finalState(once.session, once.result));
        const ids = liveIds(f.session, f.live);
        for (const name of Object.keys(ids)) expect([name, ids[name]]).toEqual([name, [...new Set((await once.session.entitiesOf(name))!.ids)].sort()]);
        // The live hunt told of new rows as they came: every kid the one-shot run shows was announced.
        const kidRows = f.events.filter((e) => e.kind === 'disp' && e.variable === 'kids').flatMap((e) => (e.kind === 'disp' ? [...e.added, ...e.changed] : []));
        const shownKids = once.result.outputs.find((o) => o.kind === 'disp' && o.variable === 'kids');
        if (shownKids?.kind === 'disp') for (const r of shownKids.rows) expect(kidRows).toContainEqual(r);
      } finally {
        await f.stop();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }, 60_000);
  }

  it('replays a recording through two rotations (renamed, then gzip-compressed and removed) as one log', async () => {
    const lines = linesOf(path.join(FIXTURES, 'schtask_create.json'));
    const dir = tempDir();
    const log = path.join(dir, 'events.json');
    const huntFile = path.join(dir, 'hunt.hf');
    fs.writeFileSync(log, lines.slice(0, 100).map((l) => `${l}\n`).join(''));
    const f = await follow(HUNT(log), huntFile);
    try {
      const thirds = [100, 450, 800, lines.length];
      for (let part = 0; part < 3; part++) {
        for (let i = thirds[part]; i < thirds[part + 1]; i += 20) {
          fs.appendFileSync(log, lines.slice(i, Math.min(i + 20, thirds[part + 1])).map((l) => `${l}\n`).join(''));
          await sleep(1);
        }
        if (part === 0) fs.renameSync(log, `${log}.1`);
        if (part === 1) {
          fs.renameSync(log, `${log}.2`);
          fs.writeFileSync(`${log}.2.gz`, gzipSync(fs.readFileSync(`${log}.2`)));
          fs.unlinkSync(`${log}.2`);
        }
        if (part < 2) fs.writeFileSync(log, '');
      }
      await f.settled();
      // One file holding the whole log: its line numbers are the followed log's, so are its records, but not its source.
      const whole = path.join(dir, 'whole.json');
      fs.writeFileSync(whole, lines.map((l) => `${l}\n`).join(''));
      const once = await oneShot(HUNT(whole), huntFile);
      expect(await finalState(f.session, f.result, f.live)).toEqual(await finalState(once.session, once.result));
    } finally {
      await f.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('EXPLAIN says under --follow which nodes update incrementally and which recompute (SORT with LIMIT, JOIN, GROUP)', async () => {
    const dir = tempDir();
    const log = path.join(dir, 'events.json');
    fs.copyFileSync(path.join(FIXTURES, 'psh_lsass_memory_dump_comsvcs.json'), log);
    const f = await follow(`${HUNT(log)}
j = JOIN kids, parents BY pid, pid
EXPLAIN newest
EXPLAIN by_name
EXPLAIN j`, path.join(dir, 'hunt.hf'));
    try {
      const explained = Object.fromEntries(f.result.outputs.flatMap((o) => (o.kind === 'explain' ? [[o.variable, o.data.live!.map((m) => `${m.kind} ${m.update}`)]] : [])));
      expect(explained.newest).toEqual(['source incremental', 'variable incremental', 'find incremental', 'variable incremental', 'sort recomputes', 'slice recomputes', 'variable incremental']);
      expect(explained.by_name).toContain('group recomputes');
      expect(explained.j).toContain('join recomputes');
    } finally {
      await f.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
