import { buildViewGraph } from '../../viz/build-view-graph';
import type { ViewGraph } from '../../viz/view-graph';
import { forest, type Proc } from '../graph/process-forest';
import { schtaskGraph } from './schtask-graph';

const labels = (g: ViewGraph) => g.nodes.map((n) => n.label);
const relations = (g: ViewGraph) => {
  const label = new Map(g.nodes.map((n) => [n.id, n.label]));
  return g.edges.map((e) => `${label.get(e.source)} ${e.relation} ${label.get(e.target)}`);
};

describe('buildViewGraph on schtask_create', () => {
  it('draws the chosen entities in variable order, then the parent chain up to its root', async () => {
    const { graph } = await schtaskGraph();
    expect(labels(graph)).toEqual([
      'schtasks.exe [8920]', '172.18.39.5:56587 → 172.18.39.6:135', '172.18.39.5:56588 → 172.18.39.6:49671', '172.18.39.6', 'pgustavo',
      'cmd.exe [460]', 'powershell.exe [6432]',
    ]);
    expect(graph.nodes.map((n) => [n.variables, n.depth])).toEqual([
      [['procs'], undefined], [['conns'], undefined], [['conns'], undefined], [['ips'], undefined], [['users'], undefined], [[], 1], [[], 2],
    ]);
    expect(graph.title).toBe('procs, conns, ips, users');
  });

  it('names relations in FIND words, read source RELATION target, sorted by edge id', async () => {
    const { graph } = await schtaskGraph();
    expect(relations(graph).sort()).toEqual([
      '172.18.39.6 accepted 172.18.39.5:56587 → 172.18.39.6:135',
      '172.18.39.6 accepted 172.18.39.5:56588 → 172.18.39.6:49671',
      'cmd.exe [460] created schtasks.exe [8920]',
      'pgustavo owned cmd.exe [460]',
      'pgustavo owned schtasks.exe [8920]',
      'powershell.exe [6432] created cmd.exe [460]',
      'schtasks.exe [8920] created 172.18.39.5:56587 → 172.18.39.6:135',
      'schtasks.exe [8920] created 172.18.39.5:56588 → 172.18.39.6:49671',
    ]);
    const ids = graph.edges.map((e) => e.id);
    expect(ids).toEqual([...ids].sort());
    expect(graph.edges.every((e) => e.id === `${e.source}|${e.relation}|${e.target}`)).toBe(true);
  });

  it('says the root is only the earliest ancestor seen; times and records come with each node', async () => {
    const { graph } = await schtaskGraph();
    const ps = graph.nodes.find((n) => n.label === 'powershell.exe [6432]')!;
    expect(graph.notes).toEqual({ truncated: 0, cycles: [], inferredRoots: [ps.id] });
    const schtasks = graph.nodes[0];
    expect(schtasks.time).toBe(Date.parse('2020-12-19T12:00:22.190Z'));
    expect(schtasks.recordCount).toBe(57);
    expect(schtasks.records).toHaveLength(20);
    const ip = graph.nodes.find((n) => n.type === 'ipv4-addr')!;
    expect(ip.time).toBeDefined();
    expect(ip.records).toHaveLength(ip.recordCount);
  });

  it('times every node on the event clock: schtasks and the connections it opened are a minute apart, not five hours', async () => {
    const { graph } = await schtaskGraph();
    const schtasks = graph.nodes[0];
    const conns = graph.nodes.filter((n) => n.type === 'network-traffic');
    // Sysmon 3's UtcTime for them is 11:59:21, Sysmon 1's for schtasks 12:00:22; both were logged at 07:00
    expect(conns.map((c) => new Date(c.time!).toISOString())).toEqual(['2020-12-19T11:59:21.008Z', '2020-12-19T11:59:21.013Z']);
    for (const c of conns) expect(Math.abs(c.time! - schtasks.time!)).toBeLessThan(120_000);
  });

  it('is the same graph on every run', async () => {
    expect((await schtaskGraph()).graph).toEqual((await schtaskGraph()).graph);
  });

  it('without connect draws only the chosen entities and the edges among them', async () => {
    const { graph } = await schtaskGraph(['procs', 'users'], { connect: false, title: 'who ran schtasks' });
    expect(labels(graph)).toEqual(['schtasks.exe [8920]', 'pgustavo']);
    expect(relations(graph)).toEqual(['pgustavo owned schtasks.exe [8920]']);
    expect(graph.title).toBe('who ran schtasks');
  });

  it('stops at maxNodes and counts what it left out', async () => {
    const { graph } = await schtaskGraph(undefined, { maxNodes: 3 });
    expect(graph.nodes).toHaveLength(3);
    expect(graph.notes.truncated).toBe(2);
    expect(graph.edges.every((e) => graph.nodes.some((n) => n.id === e.source) && graph.nodes.some((n) => n.id === e.target))).toBe(true);
  });

  it('an entity several variables hold is drawn once, with every variable', async () => {
    const { store, ids } = await schtaskGraph();
    const g = await buildViewGraph(store, [{ name: 'a', ids: ids.procs }, { name: 'b', ids: [...ids.procs, ...ids.users] }]);
    expect(g.nodes.map((n) => n.variables)).toEqual([['a', 'b'], ['b'], [], []]);
  });
});

describe('buildViewGraph: which ancestors connect', () => {
  const T = (s: string) => `2021-01-01T00:${s}Z`;
  const deep: Proc[] = Array.from({ length: 14 }, (_, i) => ({ name: `d${i}`, pid: 100 + i, created: T(`10:${10 + i}`), ...(i ? { parent: `d${i - 1}` } : {}) }));
  const PROCS: Proc[] = [
    { name: 'System', pid: 4 },
    { name: 'services.exe', pid: 600, created: T('00:01'), parent: 'System' },
    { name: 'svchost.exe', pid: 700, created: T('00:02'), parent: 'services.exe' },
    { name: 'updater.exe', pid: 2000, created: T('01:00') },
    { name: 'a.exe', pid: 2100, created: T('01:01'), parent: 'updater.exe' },
    { name: 'b.exe', pid: 2200, created: T('01:02'), parent: 'a.exe' },
    { name: 'c1.exe', pid: 2300, created: T('01:03'), parent: 'b.exe' },
    { name: 'c2.exe', pid: 2400, created: T('01:04'), parent: 'b.exe' },
    { name: 'x.exe', pid: 3000, parent: 'y.exe' },
    { name: 'y.exe', pid: 3100, parent: 'x.exe' },
    ...deep,
  ];

  async function view(names: string[]) {
    const f = await forest(PROCS);
    const g = await buildViewGraph(f.store, [{ name: 'v', ids: names.map(f.id) }]);
    return { f, g, names: g.nodes.map((n) => `${f.name(n.id)}${n.depth === undefined ? '' : `@${n.depth}`}`) };
  }

  it('keeps the chain of siblings up to their shared ancestors and the root', async () => {
    const { f, g, names } = await view(['c1.exe', 'c2.exe']);
    expect(names).toEqual(['c1.exe', 'c2.exe', 'b.exe@1', 'a.exe@2', 'updater.exe@3']);
    expect(g.notes.inferredRoots).toEqual([f.id('updater.exe')]);
  });

  it('a real OS root is not an inferred root', async () => {
    const { g, names } = await view(['svchost.exe']);
    expect(names).toEqual(['svchost.exe', 'services.exe@1', 'System@2']);
    expect(g.notes.inferredRoots).toEqual([]);
  });

  it('leaves out ancestors within the hop bound that connect nothing, and keeps those between chosen processes', async () => {
    expect((await view(['d13'])).names).toEqual(['d13']);
    expect((await view(['d13', 'd9'])).names).toEqual(['d13', 'd9', 'd12@1', 'd11@2', 'd10@3']);
    // in walk order: level by level from both starts
    expect((await view(['d13', 'd6'])).names).toEqual(['d13', 'd6', 'd12@1', 'd5@1', 'd11@2', 'd4@2', 'd10@3', 'd3@3', 'd9@4', 'd2@4', 'd8@5', 'd1@5', 'd7@6', 'd0@6']);
  });

  it('shows a parent cycle and notes it', async () => {
    const { f, g, names } = await view(['x.exe']);
    expect(names).toEqual(['x.exe', 'y.exe@1']);
    expect(g.notes.cycles).toEqual([{ source: f.id('y.exe'), target: f.id('x.exe') }]);
    expect(g.edges.map((e) => `${f.name(e.source)} ${e.relation} ${f.name(e.target)}`)).toEqual(
      expect.arrayContaining(['x.exe created y.exe', 'y.exe created x.exe']),
    );
  });
});
