/** Backward and forward tracking over real event logs, and its bounds on small graphs. */
import * as path from 'node:path';
import { eventLogConnector } from '../../connectors/event-logs';
import type { GraphStore } from '../../graph/graph-store';
import { MemoryStore } from '../../graph/memory-store';
import { trackBackward, trackForward, type Provenance } from '../../graph/tracking';
import type { Observation } from '../../src/model/observation';

const FIXTURES = path.join(__dirname, '..', 'fixtures');

async function schtaskStore(): Promise<MemoryStore> {
  const store = new MemoryStore();
  const obs: Observation[] = [];
  for await (const o of eventLogConnector.read('otrf://event-logs/schtask_create.json', { baseDir: FIXTURES })) obs.push(o);
  await store.ingest(obs);
  return store;
}

async function idsWhere(store: GraphStore, type: string, attr: string, value: unknown): Promise<string[]> {
  return (await store.entities(await store.entityIds(type))).filter((e) => e.attrs[attr] === value).map((e) => e.id);
}

/** Each node as "depth type label", each edge as "from relation to", with readable labels. */
async function readable(store: GraphStore, p: Provenance) {
  const es = await store.entities(p.nodes.map((n) => n.id));
  const label = new Map(es.map((e) => [e.id, String(e.attrs.name ?? e.attrs.value ?? e.attrs.dst_port ?? e.attrs.account_login ?? e.attrs.key)]));
  return {
    nodes: p.nodes.map((n) => `${n.depth} ${n.type} ${label.get(n.id)}`),
    edges: p.edges.map((e) => `${label.get(e.from)} ${e.relation} ${label.get(e.to)}`),
    roots: p.roots.map((r) => `${label.get(r.id)}${r.inferred ? ' (inferred)' : ''}`),
  };
}

describe('trackBackward on schtask_create.json', () => {
  it('goes from the IP 172.18.39.6 through its connections to schtasks.exe, cmd.exe and powershell.exe', async () => {
    const store = await schtaskStore();
    const p = await trackBackward(store, await idsWhere(store, 'ipv4-addr', 'value', '172.18.39.6'));
    const r = await readable(store, p);
    expect(r.nodes).toEqual(expect.arrayContaining([
      '0 ipv4-addr 172.18.39.6', '1 network-traffic 135', '2 process schtasks.exe', '3 process cmd.exe', '4 process powershell.exe',
    ]));
    expect(r.edges).toEqual(expect.arrayContaining([
      '172.18.39.6 accepted 135', 'schtasks.exe created 135', 'cmd.exe created schtasks.exe', 'powershell.exe created cmd.exe',
    ]));
    expect(r.roots).toContain('powershell.exe (inferred)');
    expect(p.nodes.map((n) => n.depth)).toEqual([...p.nodes.map((n) => n.depth)].sort((a, b) => a - b));
    expect(p).toMatchObject({ cutByDepth: 0, cutBySize: 0, cycles: [] });
  });

  it('goes from the pcapng file to dumpcap.exe, the process that created it, and up to Wireshark.exe', async () => {
    const store = await schtaskStore();
    const r = await readable(store, await trackBackward(store, await idsWhere(store, 'file', 'name', 'wireshark_Ethernet15IGV0.pcapng')));
    expect(r.nodes).toEqual(['0 file wireshark_Ethernet15IGV0.pcapng', '1 process dumpcap.exe', '2 process Wireshark.exe']);
    expect(r.edges).toEqual(['dumpcap.exe created wireshark_Ethernet15IGV0.pcapng', 'Wireshark.exe created dumpcap.exe']);
    expect(r.roots).toEqual(['Wireshark.exe (inferred)']);
  });

  it('stops at maxDepth and counts what it left out', async () => {
    const store = await schtaskStore();
    const p = await trackBackward(store, await idsWhere(store, 'ipv4-addr', 'value', '172.18.39.6'), { maxDepth: 1 });
    expect(new Set(p.nodes.map((n) => n.type))).toEqual(new Set(['ipv4-addr', 'network-traffic']));
    expect(p.cutByDepth).toBeGreaterThan(0);
  });
});

describe('trackForward on schtask_create.json', () => {
  it('goes from powershell.exe (pid 6432) to cmd.exe, schtasks.exe and the connections schtasks.exe made', async () => {
    const store = await schtaskStore();
    const p = await trackForward(store, await idsWhere(store, 'process', 'pid', 6432));
    const r = await readable(store, p);
    expect(r.nodes.slice(0, 3)).toEqual(['0 process powershell.exe', '1 process cmd.exe', '1 file powershell.exe']);
    expect(r.nodes).toEqual(expect.arrayContaining([
      '2 process schtasks.exe', '2 user-account pgustavo', '3 network-traffic 135', '3 network-traffic 49671', '4 ipv4-addr 172.18.39.6',
    ]));
    expect(r.edges).toEqual(expect.arrayContaining([
      'powershell.exe created cmd.exe', 'cmd.exe created schtasks.exe', 'schtasks.exe created 135', 'schtasks.exe created 49671',
      'schtasks.exe loaded taskschd.dll', 'pgustavo owned schtasks.exe', '172.18.39.6 accepted 135',
    ]));
    expect(p.roots).toEqual([]);
  });

  it('keeps to maxNodes and counts what it left out', async () => {
    const store = await schtaskStore();
    const p = await trackForward(store, await idsWhere(store, 'process', 'pid', 6432), { maxNodes: 5 });
    expect(p.nodes).toHaveLength(6);
    expect(p.cutBySize).toBeGreaterThan(0);
    const ids = new Set(p.nodes.map((n) => n.id));
    for (const e of p.edges) expect(ids.has(e.from) && ids.has(e.to)).toBe(true);
  });
});

describe('tracking on bad data', () => {
  /** Processes whose parent_ref forms the cycle a → b → c → a, and d whose parent is c. */
  async function cyclic(): Promise<MemoryStore> {
    const store = new MemoryStore();
    const p = (name: string, parent: string) => ({ key: name, type: 'process', attrs: { x_unique_id: name, name }, refs: { parent_ref: parent } });
    const parentOf: Record<string, string> = { a: 'b', b: 'c', c: 'a', d: 'c' };
    await store.ingest(Object.entries(parentOf).map(([child, parent], i) => ({
      id: `observed-data--${i}`, source: 'test', numberObserved: 1,
      objects: [p(child, parent), { key: parent, type: 'process', attrs: { x_unique_id: parent, name: parent }, refs: {} }],
    })));
    return store;
  }

  it('walks a parent cycle once in each direction and reports it', async () => {
    const store = await cyclic();
    const [a] = await idsWhere(store, 'process', 'name', 'a');
    const back = await trackBackward(store, [a]);
    expect((await readable(store, back)).nodes).toEqual(['0 process a', '1 process b', '2 process c']);
    expect(back.cycles).toHaveLength(1);
    const forward = await trackForward(store, [a]);
    expect(new Set((await readable(store, forward)).nodes)).toEqual(new Set(['0 process a', '1 process c', '2 process b', '2 process d']));
    expect(forward.cycles).toHaveLength(1);
  });

  it('gives an empty provenance for unknown start ids', async () => {
    const p = await trackBackward(await cyclic(), ['nope']);
    expect(p).toEqual({ nodes: [], edges: [], cutByDepth: 0, cutBySize: 0, cycles: [], roots: [] });
  });
});
