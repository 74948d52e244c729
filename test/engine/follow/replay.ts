import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { withFollow } from '../../../connectors/follow';
import { defaultConnectors } from '../../../connectors/registry';
import { MemoryStore } from '../../../graph/memory-store';
import { display } from '../../../src/engine/display';
import { LiveHunt, type LiveEvent } from '../../../src/engine/follow/live-hunt';
import { Session, type BlockResult } from '../../../src/engine/session';
import { stableStringify } from '../../../src/model/stable-id';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kestrel-follow-'));
}

/** The non-empty lines of a recording (blank lines kept: they count as lines, as a one-shot read counts them). */
export function linesOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
}

export interface Followed {
  session: Session;
  live: LiveHunt;
  result: BlockResult;
  events: LiveEvent[];
  stop: () => Promise<void>;
  /** Resolves once the live hunt has taken nothing in for `quietMs`. */
  settled: (quietMs?: number) => Promise<void>;
}

/** A huntflow run with --follow in this thread: its session, the live hunt running, the events it gave. */
export async function follow(hunt: string, huntFile: string, pollMs = 10, quietMs = 1000): Promise<Followed> {
  const stopper = new AbortController();
  const session = new Session({ store: new MemoryStore(), connectors: withFollow(defaultConnectors()) });
  const result = await session.execute(hunt, huntFile, { follow: { signal: stopper.signal, pollMs } });
  if (result.errors.length) throw new Error(JSON.stringify(result.errors));
  const live = new LiveHunt(session.live());
  const events = await live.start();
  const running = live.run(stopper.signal, (e) => { events.push(...e); }, quietMs);
  // Pid sightings wait for `quietMs` of quiet before they are taken in (settle.ts): settled waits longer.
  const settled = async (settleMs = quietMs + 500) => {
    let last = -1;
    let since = Date.now();
    for (;;) {
      await sleep(20);
      const now = live.stats.records * 1e6 + live.stats.batches;
      if (now !== last) {
        last = now;
        since = Date.now();
      } else if (Date.now() - since >= settleMs) return;
    }
  };
  return { session, live, result, events, settled, stop: async () => { stopper.abort(); await running; } };
}

/** What a hunt ends with, order aside: each variable's counts and ids, each DISP's rows. */
export async function finalState(session: Session, result: BlockResult, live?: LiveHunt): Promise<unknown> {
  const variables: Record<string, unknown> = {};
  const summaries = live ? await live.summaries() : result.variables;
  for (const v of summaries) variables[v.name] = { entities: v.entities, records: v.records, rows: v.rows };
  const disps: Record<string, string[]> = {};
  if (!live) {
    for (const o of result.outputs) if (o.kind === 'disp') disps[o.variable] = keyed(o.columns, o.rows);
  } else {
    const block = session.live().block!;
    for (const s of block.statements) {
      if (s.kind !== 'output' || s.output.kind !== 'disp') continue;
      const set = live.value(s.output.input)!;
      const shown = await display(session.store, set);
      disps[s.output.variable] = keyed(shown.columns, shown.rows);
    }
  }
  return { variables, disps };
}

/** Rows as objects, sorted: default columns come in the order the store first saw attributes, which may differ. */
function keyed(columns: readonly string[], rows: readonly unknown[][]): string[] {
  return rows.map((r) => stableStringify(Object.fromEntries(columns.map((c, i) => [c, r[i]])))).sort();
}

/** The ids each of a live hunt's variables holds now, sorted. */
export function liveIds(session: Session, live: LiveHunt): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const s of session.live().block!.statements) {
    if (s.kind === 'assign' && s.variable.name !== '_') {
      const set = live.value(s.variable)!;
      out[s.variable.name] = [...new Set(set.table ? set.table.rowIds ?? [] : set.ids)].sort();
    }
  }
  return out;
}

/**
 * Asserts that a followed hunt ends as a one-shot run of the same huntflow over the data as it now is: counts,
 * DISP rows and each variable's ids. Returns that run.
 */
export async function expectLikeOneShot(f: Followed, hunt: string, huntFile: string): Promise<Session> {
  const once = new Session({ store: new MemoryStore(), connectors: defaultConnectors() });
  const result = await once.execute(hunt, huntFile);
  expect(result.errors).toEqual([]);
  expect(await finalState(f.session, f.result, f.live)).toEqual(await finalState(once, result));
  const ids = liveIds(f.session, f.live);
  for (const name of Object.keys(ids)) expect([name, ids[name]]).toEqual([name, [...new Set((await once.entitiesOf(name))!.ids)].sort()]);
  return once;
}

/** The replay test's hunt over a server source (its GET's WHERE pushed down): GET of these names, FIND, DEPTH, GROUP, +. */
export const serverHunt = (uri: string, names: readonly string[]) => `
shells = GET process FROM '${uri}' WHERE name IN (${names.map((n) => `'${n}'`).join(', ')})
kids = FIND process CREATED BY shells
parents = FIND process CREATED shells
tree = FIND process CREATED BY parents DEPTH 1..3
by_name = GROUP kids BY name WITH COUNT(pid) AS n
both = kids + parents
DISP shells ATTR pid, name, command_line
DISP kids ATTR pid, name, parent_ref.name
DISP by_name
`;

/** The records `shells` of a followed `serverHunt` holds now. */
export async function shellRecords(f: Followed): Promise<number> {
  return (await f.live.summaries()).find((v) => v.name === 'shells')!.records;
}

/**
 * After a server source grew under a followed `serverHunt`: `shells` gained records, the hunt ends as a one-shot
 * run does, and `kids` got rows live.
 */
export async function expectServerHuntGrew(f: Followed, before: number, hunt: string, huntFile: string): Promise<void> {
  await f.settled();
  expect(await shellRecords(f)).toBeGreaterThan(before);
  await expectLikeOneShot(f, hunt, huntFile);
  expect(f.events.some((e) => e.kind === 'disp' && e.variable === 'kids' && e.added.length > 0)).toBe(true);
}
