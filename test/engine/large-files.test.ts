/**
 * A large event-log file is read by query (docs/DECISIONS.md 46): a GET ingests only the records that may hold
 * what it selects, prefetch reads its entities' other records through the file's index (level by level for a
 * walk or TRACK), and the view or an export reads the file whole. The answers must be those of reading the file whole: each hunt runs both ways
 * on the real OTRF recordings (the threshold set to 0 MB so that they count as large) and the results compare equal.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultConnectors } from '../../connectors/registry';
import { MemoryStore } from '../../graph/memory-store';
import { Session, type BlockResult } from '../../src/engine/session';
import { buildViewGraph } from '../../viz/build-view-graph';
import { FIXTURES } from '../hunt';

const SAMPLES = path.join(__dirname, '..', '..', 'samples');
const LOGS = path.join(FIXTURES, 'event-logs');

/** Runs `work` with files counting as large (read by query) or not. */
async function withFilesLarge<T>(large: boolean, work: () => Promise<T>): Promise<T> {
  const before = process.env.KESTREL_QUERY_FILES_FROM_MB;
  process.env.KESTREL_QUERY_FILES_FROM_MB = large ? '0' : '100000';
  try {
    return await work();
  } finally {
    if (before === undefined) delete process.env.KESTREL_QUERY_FILES_FROM_MB;
    else process.env.KESTREL_QUERY_FILES_FROM_MB = before;
  }
}

interface Run {
  result: BlockResult;
  store: MemoryStore;
  session: Session;
  large: boolean;
}

function run(hunt: string, huntFile: string, large: boolean): Promise<Run> {
  return withFilesLarge(large, async () => {
    const store = new MemoryStore();
    const session = new Session({ store, connectors: defaultConnectors() });
    const result = await session.execute(hunt, huntFile);
    return { result, store, session, large };
  });
}

/** What a hunter sees: every variable's counts and every output, EXPLAIN's queries aside. */
function seen(r: BlockResult): unknown {
  return { errors: r.errors, variables: r.variables, outputs: r.outputs.filter((o) => o.kind !== 'explain') };
}

/** The view of some variables, as `kestrel view` draws it: what it draws read first from files read by query. */
function viewOf({ session, store, large }: Run, names: readonly string[]) {
  return withFilesLarge(large, async () => {
    const variables = await Promise.all(names.map(async (name) => ({ name, ids: (await session.entitiesOf(name))!.ids })));
    await session.readAround(variables.flatMap((v) => v.ids));
    return buildViewGraph(store, variables);
  });
}

async function expectSameBothWays(hunt: string, huntFile: string): Promise<BlockResult> {
  const whole = await run(hunt, huntFile, false);
  const byQuery = await run(hunt, huntFile, true);
  expect(whole.result.errors).toEqual([]);
  expect(seen(byQuery.result)).toEqual(seen(whole.result));
  return byQuery.result;
}

describe('a large event-log file read by query', () => {
  it.each(['scheduled-tasks-sysmon', 'forward-tracking-sysmon', 'process-tree-sysmon', 'sigma-to-root'])(
    'sample %s gives the answers of the file read whole',
    async (sample) => {
      const huntFile = path.join(SAMPLES, sample, 'hunt.hf');
      const r = await expectSameBothWays(fs.readFileSync(huntFile, 'utf8'), huntFile);
      expect(r.variables.some((v) => v.entities > 0)).toBe(true);
    },
  );

  it.each(['scheduled-tasks-sysmon', 'forward-tracking-sysmon', 'process-tree-sysmon', 'sigma-to-root'])(
    'sample %s draws the view of the file read whole',
    async (sample) => {
      const huntFile = path.join(SAMPLES, sample, 'hunt.hf');
      const hunt = fs.readFileSync(huntFile, 'utf8');
      const whole = await run(hunt, huntFile, false);
      const names = whole.result.variables.filter((v) => v.entities > 0).map((v) => v.name);
      const drawn = await viewOf(whole, names);
      expect(drawn.nodes.length).toBeGreaterThan(2);
      expect(await viewOf(await run(hunt, huntFile, true), names)).toEqual(drawn);
    },
  );

  const huntFile = path.join(LOGS, 'hunt.hf');
  it.each([
    ['a WHERE on name, one hop each way, events and files', `
      p = GET process FROM file://schtask_create.json WHERE name = 'schtasks.exe' OR name = 'cmd.exe'
      back = TRACK BACKWARD p
      forth = TRACK FORWARD p
      DISP back
      DISP forth
      kids = FIND process CREATED BY p
      parents = FIND process CREATED p
      conns = FIND network-traffic CREATED BY p
      loaded = FIND file LOADED BY p
      events = FIND x-oca-event LINKED p
      DISP kids ATTR pid, name, command_line
      DISP loaded ATTR name`],
    ['LIKE, a reference path, GROUP', `
      p = GET process FROM file://schtask_create.ecs.ndjson WHERE command_line LIKE '%schtasks%' AND parent_ref.name = 'cmd.exe'
      DISP p ATTR pid, name, parent_ref.name
      all = GET process FROM file://schtask_create.ecs.ndjson WHERE pid > 4000
      by = GROUP all BY name WITH COUNT(pid) AS n
      DISP by`],
    ['a time window and a network GET', `
      c = GET network-traffic FROM file://schtask_create.json WHERE dst_port = 135 START 2020-10-19T00:00:00Z STOP 2030-01-01T00:00:00Z
      DISP c ATTR src_port, dst_port, dst_ref.value
      who = FIND process CREATED c
      DISP who ATTR pid, name`],
    ['files read from another file after a GET, negations', `
      p = GET process FROM file://psh_lsass_memory_dump_comsvcs.json WHERE name != 'svchost.exe' AND name IN ('rundll32.exe', 'powershell.exe')
      f = FIND file CREATED BY p
      users = FIND user-account OWNED p
      below = FIND process CREATED BY p DEPTH 1..3
      DISP below ATTR x_depth, pid, name, command_line
      DISP p ATTR pid, name
      DISP users ATTR user_id`],
    ['LIMIT, SORT and a GET from a variable', `
      p = GET process FROM file://schtask_create.json WHERE name LIKE '%.exe' LIMIT 5
      q = GET process FROM file://schtask_create.ecs.ndjson WHERE pid > 1000
      t = q SORT BY pid DESC LIMIT 4
      r = GET process FROM q WHERE name != 'svchost.exe'
      DISP t ATTR pid, name
      DISP p ATTR pid, name
      DISP q ATTR pid, name
      DISP r ATTR pid, name`],
    ['a gzip file', `
      p = GET process FROM file://schtask_create.json.gz WHERE name = 'schtasks.exe'
      up = FIND process CREATED p DEPTH *
      conns = FIND network-traffic CREATED BY p
      DISP up ATTR x_depth, pid, name
      DISP conns ATTR src_port, dst_port`],
    ['GETs after the first on one file, which pass over lines without their values', `
      first = GET process FROM file://schtask_create.ecs.ndjson WHERE name = 'svchost.exe'
      p = GET process FROM file://schtask_create.ecs.ndjson WHERE name IN ('CMD.EXE', 'schtasks.exe') OR command_line LIKE '%WORKSTATION6%'
      k = GET windows-registry-key FROM file://schtask_create.ecs.ndjson WHERE key LIKE '%TaskCache%' AND key != 'x'
      f = GET file FROM file://schtask_create.ecs.ndjson WHERE name = 'notepad.exe' OR name = 'taskschd.dll'
      u = GET user-account FROM file://schtask_create.ecs.ndjson WHERE account_login = 'SYSTEM'
      q = GET process FROM file://schtask_create.json WHERE name = 'cmd.exe'
      r = GET process FROM file://schtask_create.json WHERE name = 'schtasks.exe' AND pid = 8920
      up = FIND process CREATED r DEPTH *
      DISP p ATTR pid, name, command_line
      DISP k ATTR key
      DISP f ATTR name
      DISP u ATTR user_id, account_login
      DISP up ATTR x_depth, pid, name`],
    ['pid reuse and a GUID reused by another program', `
      a = GET process FROM file://pid-reuse.jsonl WHERE pid = 4660
      b = GET process FROM file://guid-reuse.jsonl WHERE name LIKE '%.exe'
      up = FIND process CREATED b DEPTH *
      DISP a ATTR pid, name, created
      DISP up ATTR x_depth, pid, name`],
  ])('%s gives the answers of the file read whole', async (_name, hunt) => {
    const r = await expectSameBothWays(hunt, huntFile);
    expect(r.variables.some((v) => v.entities > 0)).toBe(true);
  });

  it('ingests only what the GET, its walks, TRACK and SAVE to a graph need', async () => {
    const get = "p = GET process FROM file://schtask_create.json WHERE name = 'schtasks.exe'\nEXPLAIN p\nDISP p ATTR pid";
    const whole = await run(get, huntFile, false);
    const byQuery = await run(get, huntFile, true);
    expect(byQuery.store.entityCount).toBeLessThan(whole.store.entityCount / 4);
    expect(JSON.stringify(byQuery.result.outputs)).toContain('over the file');
    expect(JSON.stringify(whole.result.outputs)).not.toContain('over the file');

    const walk = `${get}\nup = FIND process CREATED p DEPTH *\ndown = FIND process CREATED BY up DEPTH 1..3`;
    const walked = await run(walk, huntFile, true);
    expect(walked.store.entityCount).toBeLessThan(whole.store.entityCount / 2);
    // The view reads what it draws: the same view as after a whole read, the store still a part of the file.
    const view = await viewOf(walked, ['p', 'up']);
    expect(view).toEqual(await viewOf(await run(walk, huntFile, false), ['p', 'up']));
    expect(view.nodes.length).toBeGreaterThan(2);
    expect(walked.store.entityCount).toBeLessThan(whole.store.entityCount / 2);
    const tracked = await run(`${get}\nroot = TRACK BACKWARD p\nimpact = TRACK FORWARD root`, huntFile, true);
    expect(tracked.store.entityCount).toBeLessThan(whole.store.entityCount / 2);
    const saved = path.join(os.tmpdir(), `large-files-${process.pid}.graphml`);
    try {
      const save = `${get}\nup = FIND process CREATED p DEPTH *\nSAVE up TO ${saved}`;
      await run(save, huntFile, false);
      const wholeGraph = fs.readFileSync(saved, 'utf8');
      const exported = await run(save, huntFile, true);
      expect(fs.readFileSync(saved, 'utf8')).toBe(wholeGraph);
      expect(exported.store.entityCount).toBeLessThan(whole.store.entityCount / 2);
    } finally {
      fs.rmSync(saved, { force: true });
    }
  });
});
