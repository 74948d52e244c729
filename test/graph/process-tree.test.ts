import * as path from 'node:path';
import { eventLogConnector } from '../../connectors/event-logs';
import { MemoryStore } from '../../graph/memory-store';
import { isOsRoot } from '../../graph/os-roots';
import { walkProcessTree, type WalkOptions, type WalkResult } from '../../graph/provenance';
import type { Observation } from '../../src/model/observation';
import { forest, type Forest, type Proc } from './process-forest';

const T = (s: string) => `2021-01-01T00:${s}Z`;

/** Two trees: a Windows boot tree under System (pid 4), and a tree whose top is only the earliest process seen. */
const PROCS: Proc[] = [
  { name: 'System', pid: 4 },
  { name: 'smss.exe', pid: 300, created: T('00:01'), parent: 'System' },
  { name: 'services.exe', pid: 600, created: T('00:02'), parent: 'System' },
  { name: 'csrss.exe', pid: 400, created: T('00:05'), parent: 'smss.exe' },
  { name: 'winlogon.exe', pid: 500, created: T('00:03'), parent: 'smss.exe' },
  { name: 'svchost.exe', pid: 700, created: T('00:04'), parent: 'services.exe' },
  { name: 'userinit.exe', pid: 800, created: T('00:10'), parent: 'winlogon.exe' },
  { name: 'explorer.exe', pid: 900, created: T('00:11'), parent: 'userinit.exe' },
  { name: 'cmd.exe', pid: 1000, created: T('01:00'), parent: 'explorer.exe' },
  { name: 'notepad.exe', pid: 1100, parent: 'explorer.exe' },
  { name: 'powershell.exe', pid: 1200, created: T('00:30'), parent: 'explorer.exe' },
  { name: 'updater.exe', pid: 2000, created: T('00:00') },
  { name: 'tool.exe', pid: 2100, created: T('00:20'), parent: 'updater.exe' },
  { name: 'tool-child.exe', pid: 2200, created: T('00:21'), parent: 'tool.exe' },
];

let f: Forest;
beforeAll(async () => {
  f = await forest(PROCS);
});

async function walk(start: string[], options: WalkOptions, on: Forest = f): Promise<WalkResult> {
  return walkProcessTree(on.store, start.map(on.id), options);
}

/** name@depth<from, in walk order. */
function shape(r: WalkResult, on: Forest = f): string[] {
  return r.nodes.map((n) => `${on.name(n.id)}@${n.depth}<${n.from ? on.name(n.from) : ''}`);
}

describe('walkProcessTree down (descendants)', () => {
  it('walks every level, siblings under each parent by created (absent last)', async () => {
    const r = await walk(['System'], { direction: 'down' });
    expect(shape(r)).toEqual([
      'smss.exe@1<System',
      'services.exe@1<System',
      'winlogon.exe@2<smss.exe',
      'csrss.exe@2<smss.exe',
      'svchost.exe@2<services.exe',
      'userinit.exe@3<winlogon.exe',
      'explorer.exe@4<userinit.exe',
      'powershell.exe@5<explorer.exe',
      'cmd.exe@5<explorer.exe',
      'notepad.exe@5<explorer.exe',
    ]);
    expect(r).toMatchObject({ cutByDepth: 0, cutBySize: 0, cycles: [], roots: [] });
  });

  it('orders siblings created at the same time by id', async () => {
    const same = T('00:09');
    const g = await forest([
      { name: 'p', pid: 1 },
      { name: 'c1', pid: 2, created: same, parent: 'p' },
      { name: 'c2', pid: 3, created: same, parent: 'p' },
      { name: 'c3', pid: 4, created: same, parent: 'p' },
    ]);
    const r = await walk(['p'], { direction: 'down' }, g);
    expect(r.nodes.map((n) => n.id)).toEqual(['c1', 'c2', 'c3'].map(g.id).sort());
  });

  it('returns depths 1 to 3 and counts what lies one level beyond', async () => {
    const r = await walk(['System'], { direction: 'down', minDepth: 1, maxDepth: 3 });
    expect(r.nodes.map((n) => n.depth)).toEqual([1, 1, 2, 2, 2, 3]);
    expect(f.name(r.nodes[5].id)).toBe('userinit.exe');
    expect(r.cutByDepth).toBe(1);
    expect(r.cutBySize).toBe(0);
  });

  it('returns exactly depth 2, walking depth 1 without returning it', async () => {
    const r = await walk(['System'], { direction: 'down', minDepth: 2, maxDepth: 2 });
    expect(shape(r)).toEqual(['winlogon.exe@2<smss.exe', 'csrss.exe@2<smss.exe', 'svchost.exe@2<services.exe']);
    expect(r.cutByDepth).toBe(1);
  });

  it('counts every child beyond the depth bound', async () => {
    const r = await walk(['explorer.exe'], { direction: 'down', maxDepth: 0 });
    expect(r.nodes).toEqual([]);
    expect(r.cutByDepth).toBe(3);
  });

  it('includes the start nodes at depth 0 when minDepth is 0', async () => {
    const r = await walk(['winlogon.exe', 'services.exe'], { direction: 'down', minDepth: 0, maxDepth: 1 });
    expect(shape(r)).toEqual(['winlogon.exe@0<', 'services.exe@0<', 'userinit.exe@1<winlogon.exe', 'svchost.exe@1<services.exe']);
    expect(r.cutByDepth).toBe(1);
  });

  it('stops inside a level at maxNodes and counts the processes it left out', async () => {
    const r = await walk(['System'], { direction: 'down', maxNodes: 4 });
    expect(shape(r)).toEqual(['smss.exe@1<System', 'services.exe@1<System', 'winlogon.exe@2<smss.exe', 'csrss.exe@2<smss.exe']);
    expect(r.cutBySize).toBe(1);
    expect(r.cutByDepth).toBe(0);
  });

  it('stops at maxNodes on a level boundary and counts the next level', async () => {
    const r = await walk(['System'], { direction: 'down', maxNodes: 5 });
    expect(r.nodes).toHaveLength(5);
    expect(r.cutBySize).toBe(1);
  });

  it('reports no cut when maxNodes is exactly the size of the tree', async () => {
    const r = await walk(['System'], { direction: 'down', maxNodes: 10 });
    expect(r.nodes).toHaveLength(10);
    expect(r.cutBySize).toBe(0);
  });

  it('leaves the depth bound to count what lies beyond when both bounds meet', async () => {
    const r = await walk(['System'], { direction: 'down', maxDepth: 2, maxNodes: 5 });
    expect(r.nodes).toHaveLength(5);
    expect(r).toMatchObject({ cutByDepth: 1, cutBySize: 0 });
  });
});

describe('walkProcessTree up (ancestors)', () => {
  it('walks to a real OS root', async () => {
    const r = await walk(['cmd.exe'], { direction: 'up' });
    expect(shape(r)).toEqual([
      'explorer.exe@1<cmd.exe',
      'userinit.exe@2<explorer.exe',
      'winlogon.exe@3<userinit.exe',
      'smss.exe@4<winlogon.exe',
      'System@5<smss.exe',
    ]);
    expect(r.roots).toEqual([{ id: f.id('System'), inferred: false }]);
    expect(r.cycles).toEqual([]);
  });

  it('marks the earliest ancestor in the data as an inferred root', async () => {
    const r = await walk(['tool-child.exe'], { direction: 'up' });
    expect(shape(r)).toEqual(['tool.exe@1<tool-child.exe', 'updater.exe@2<tool.exe']);
    expect(r.roots).toEqual([{ id: f.id('updater.exe'), inferred: true }]);
  });

  it('knows the root at the depth bound, and not beyond it', async () => {
    const atBound = await walk(['tool-child.exe'], { direction: 'up', maxDepth: 2 });
    expect(atBound).toMatchObject({ cutByDepth: 0, roots: [{ id: f.id('updater.exe'), inferred: true }] });
    const short = await walk(['tool-child.exe'], { direction: 'up', maxDepth: 1 });
    expect(short).toMatchObject({ cutByDepth: 1, roots: [] });
  });

  it('returns each shared ancestor once, at its smallest depth, with one root per tree', async () => {
    const r = await walk(['cmd.exe', 'notepad.exe', 'svchost.exe', 'tool.exe'], { direction: 'up' });
    expect(shape(r)).toEqual([
      'explorer.exe@1<cmd.exe',
      'services.exe@1<svchost.exe',
      'updater.exe@1<tool.exe',
      'userinit.exe@2<explorer.exe',
      'System@2<services.exe',
      'winlogon.exe@3<userinit.exe',
      'smss.exe@4<winlogon.exe',
    ]);
    expect(r.cycles).toEqual([]);
    expect(r.roots).toEqual([
      { id: f.id('updater.exe'), inferred: true },
      { id: f.id('System'), inferred: false },
    ]);
  });

  it('returns a start that is an ancestor of another start once, and does not take it for a cycle', async () => {
    const r = await walk(['cmd.exe', 'explorer.exe'], { direction: 'up', maxDepth: 2 });
    expect(r.cycles).toEqual([]);
    // explorer.exe is cmd.exe's parent: returned once, as a one-hop FIND returns it, and not walked twice
    expect(shape(r)).toEqual(['explorer.exe@1<cmd.exe', 'userinit.exe@1<explorer.exe', 'winlogon.exe@2<userinit.exe']);
  });

  it('gives a start without a parent as its own root', async () => {
    const r = await walk(['updater.exe'], { direction: 'up' });
    expect(r).toMatchObject({ nodes: [], roots: [{ id: f.id('updater.exe'), inferred: true }] });
  });
});

describe('walkProcessTree on parent cycles (bad data)', () => {
  let g: Forest;
  beforeAll(async () => {
    g = await forest([
      { name: 'A', pid: 1, parent: 'B' },
      { name: 'B', pid: 2, parent: 'A' },
      { name: 'X', pid: 3, parent: 'Z' },
      { name: 'Y', pid: 5, parent: 'X' },
      { name: 'Z', pid: 6, parent: 'Y' },
      { name: 'W', pid: 7, parent: 'X' },
    ]);
  });

  it('terminates on A -> B -> A going up and reports the edge that closes it', async () => {
    const r = await walk(['A'], { direction: 'up' }, g);
    expect(shape(r, g)).toEqual(['B@1<A']);
    expect(r.cycles).toEqual([{ from: g.id('B'), to: g.id('A') }]);
    expect(r.roots).toEqual([]);
  });

  it('terminates on A -> B -> A going down', async () => {
    const r = await walk(['A'], { direction: 'down' }, g);
    expect(shape(r, g)).toEqual(['B@1<A']);
    expect(r.cycles).toEqual([{ from: g.id('B'), to: g.id('A') }]);
  });

  it('reports a cycle met just beyond the depth bound', async () => {
    const r = await walk(['A'], { direction: 'up', maxDepth: 1 }, g);
    expect(r).toMatchObject({ cutByDepth: 0, cycles: [{ from: g.id('B'), to: g.id('A') }] });
  });

  it('reports a longer cycle once, entered from a process outside it', async () => {
    const r = await walk(['W', 'Y'], { direction: 'up' }, g);
    // the start Y is also an ancestor of the start W: returned once, at its depth from W
    expect(shape(r, g)).toEqual(['X@1<W', 'Z@2<X', 'Y@3<Z']);
    expect(r.cycles).toEqual([{ from: g.id('Y'), to: g.id('X') }]);
  });
});

describe('walkProcessTree on a Windows recording (schtask_create, event-log connector)', () => {
  it('finds the ancestors of schtasks.exe (pid 8920): cmd.exe then powershell.exe, with an inferred root', async () => {
    const obs: Observation[] = [];
    const dir = path.join(__dirname, '..', 'fixtures', 'event-logs');
    for await (const o of eventLogConnector.read('schtask_create.json', { baseDir: dir })) obs.push(o);
    const store = new MemoryStore();
    await store.ingest(obs);
    const procs = await store.entities(await store.entityIds('process'));
    const schtasks = procs.filter((p) => p.attrs.pid === 8920 && p.attrs.name === 'schtasks.exe');
    expect(schtasks).toHaveLength(1);

    const r = await walkProcessTree(store, [schtasks[0].id], { direction: 'up' });
    const byId = new Map(procs.map((p) => [p.id, p]));
    const seen = r.nodes.map((n) => [byId.get(n.id)!.attrs.name, byId.get(n.id)!.attrs.pid, n.depth]);
    expect(seen.slice(0, 2)).toEqual([
      ['cmd.exe', 460, 1],
      ['powershell.exe', 6432, 2],
    ]);
    expect(r.nodes[0].from).toBe(schtasks[0].id);
    expect(r.nodes[1].from).toBe(r.nodes[0].id);
    expect(r.roots.length).toBeGreaterThan(0);
    expect(r.roots.every((root) => root.inferred)).toBe(true);
    expect(r.roots.map((root) => root.id)).toContain(r.nodes[r.nodes.length - 1].id);
    expect(r.cycles).toEqual([]);
  });
});

describe('isOsRoot', () => {
  it.each([
    [{ pid: 4, name: 'System' }, true],
    [{ pid: 0 }, true],
    [{ pid: '4' }, true],
    [{ pid: 1, name: 'systemd' }, true],
    [{ pid: 1, name: '/sbin/init' }, true],
    [{ pid: 1, name: 'LAUNCHD' }, true],
    [{ pid: 624, name: 'services.exe' }, false],
    [{ pid: 40, name: 'systemd-journald' }, false],
    [{ name: 'cmd.exe' }, false],
  ])('%j -> %s', (attrs, expected) => {
    expect(isOsRoot(attrs)).toBe(expected);
  });
});
