import type { ViewEdge, ViewGraph, ViewNode } from '../viz/view-graph';

const NAMES = ['svchost.exe', 'cmd.exe', 'powershell.exe', 'rundll32.exe', 'explorer.exe', 'python.exe', 'wmiprvse.exe', 'curl.exe'];
const TREE = 1000;

/** mulberry32: the same graph on every run. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A generated provenance graph of `size` entities: process trees of up to 1,000 entities, each process with
 * 0 to 4 children, one in 50 with a burst of 20 conhost.exe, a written file at a chance of 0.3 and a connection
 * at 0.1; one process in 100 held by a variable, each tree's root an inferred root.
 */
export function viewForest(size: number, seed = 7): ViewGraph {
  const random = seeded(seed);
  const nodes: ViewNode[] = [];
  const edges: ViewEdge[] = [];
  const inferredRoots: string[] = [];
  const add = (type: string, name: string, parent: string | undefined, relation: string, time: number): string => {
    const n = nodes.length;
    const id = `${type}--${String(n).padStart(8, '0')}`;
    const label = type === 'process' ? `${name} (${1000 + n})` : name;
    const held = type === 'process' && random() < 0.01;
    nodes.push({ id, type, label, attrs: { name, pid: 1000 + n, command_line: `${name} --run ${n}` }, variables: held ? ['procs'] : [],
      time, records: [`record-${n}`], recordCount: 1 + Math.floor(random() * 5) });
    if (parent) edges.push({ id: `${parent}|${relation}|${id}`, source: parent, target: id, relation });
    return id;
  };
  let queue: { id: string; time: number }[] = [];
  let tree = 0;
  let clock = Date.UTC(2024, 0, 1);
  while (nodes.length < size) {
    if (!queue.length || tree >= TREE) {
      const root = add('process', 'explorer.exe', undefined, '', (clock += 60_000));
      inferredRoots.push(root);
      queue = [{ id: root, time: clock }];
      tree = 1;
    }
    const p = queue.shift()!;
    const burst = random() < 0.02;
    const kids = burst ? 20 : Math.floor(random() * 5);
    for (let k = 0; k < kids && nodes.length < size; k++, tree++) {
      const time = p.time + 1000 * (k + 1);
      const id = add('process', burst ? 'conhost.exe' : NAMES[Math.floor(random() * NAMES.length)], p.id, 'created', time);
      if (!burst) queue.push({ id, time });
    }
    if (random() < 0.3 && nodes.length < size) { add('file', `out-${nodes.length}.tmp`, p.id, 'wrote', p.time); tree++; }
    if (random() < 0.1 && nodes.length < size) { add('network-traffic', `10.0.0.1:${40000 + nodes.length % 20000} → 203.0.113.9:443`, p.id, 'opened', p.time); tree++; }
  }
  return { title: `generated provenance forest of ${size} entities`, nodes, edges, notes: { truncated: 0, cycles: [], inferredRoots } };
}
