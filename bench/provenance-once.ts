import { MemoryStore } from '../graph/memory-store';
import { walkProcessTree, type WalkOptions } from '../graph/provenance';
import type { Observation, ObservedObject } from '../src/model/observation';

const BATCH = 10_000;
const TREE_CAP = 1_000;
const MAX_DEPTH = 8;
/** Chance that a process below the top spawns children; with 5 to 10 children each, trees reach the cap in 6 to 8 levels. */
const SPAWN = 0.3;
const NAMES = ['cmd.exe', 'powershell.exe', 'svchost.exe', 'conhost.exe', 'rundll32.exe', 'msiexec.exe', 'chrome.exe', 'python.exe', 'bash', 'sshd'];
const QUERIES = 1_000;
const WARMUP = 200;

/** mulberry32: a small seeded generator, so every run builds the same forest and asks the same questions. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Proc {
  record: string;
  guid: string;
  pid: number;
  name: string;
  created: number;
  depth: number;
}

/** Records of processes to start queries from: tree tops, processes of the top two levels that have children, any. */
interface Samples {
  tops: string[];
  parentsNearTop: string[];
  any: string[];
}

/**
 * A forest of `total` processes in trees of up to TREE_CAP processes and MAX_DEPTH levels, grown breadth
 * first: a top process spawns 5 to 10 children, any other one does so with chance SPAWN. Each process is one
 * record that mentions it and its parent (parent_ref), both with a GUID and the child with its `created` time.
 */
function* forestBatches(total: number, rand: () => number, samples: Samples): Generator<Observation[]> {
  let batch: Observation[] = [];
  let made = 0;
  const proc = (depth: number, created: number): Proc => ({
    record: `observed-data--forest-${made}`,
    guid: `{6a3b2c1d-0000-4000-8000-${(made++).toString(16).padStart(12, '0')}}`,
    pid: 100 + Math.floor(rand() * 65_000),
    name: NAMES[Math.floor(rand() * NAMES.length)],
    created,
    depth,
  });
  const object = (key: string, p: Proc, withCreated: boolean): ObservedObject => ({
    key,
    type: 'process',
    attrs: withCreated ? { pid: p.pid, name: p.name, x_unique_id: p.guid, created: new Date(p.created).toISOString() } : { pid: p.pid, name: p.name, x_unique_id: p.guid },
    refs: key === '0' ? { parent_ref: '1' } : {},
  });
  const record = (child: Proc, parent: Proc | undefined): Observation => {
    if (!parent) samples.tops.push(child.record);
    if (rand() < 0.01) samples.any.push(child.record);
    const objects = parent ? [object('0', child, true), object('1', parent, false)] : [{ ...object('0', child, true), refs: {} }];
    return { id: child.record, source: 'bench://forest', firstObserved: new Date(child.created).toISOString(), numberObserved: 1, objects };
  };
  const base = Date.UTC(2024, 0, 1);
  for (let tree = 0; made < total; tree++) {
    const top = proc(0, base + tree * 60_000);
    batch.push(record(top, undefined));
    const queue = [top];
    let size = 1;
    for (let q = 0; q < queue.length && size < TREE_CAP && made < total; q++) {
      const parent = queue[q];
      if (parent.depth >= MAX_DEPTH || (parent.depth > 0 && rand() >= SPAWN)) continue;
      if (parent.depth <= 1) samples.parentsNearTop.push(parent.record);
      const children = 5 + Math.floor(rand() * 6);
      for (let c = 0; c < children && size < TREE_CAP && made < total; c++, size++) {
        const child = proc(parent.depth + 1, parent.created + 1_000 + Math.floor(rand() * 600_000));
        queue.push(child);
        batch.push(record(child, parent));
        if (batch.length === BATCH) {
          yield batch;
          batch = [];
        }
      }
    }
  }
  if (batch.length) yield batch;
}

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))];
}

/** Child process: builds the forest of argv[2] processes in the embedded store, then times walks; prints JSON. */
async function main(): Promise<void> {
  const total = Number(process.argv[2]);
  const rand = random(20240101);
  const samples: Samples = { tops: [], parentsNearTop: [], any: [] };
  const store = new MemoryStore();
  const started = performance.now();
  let ingestMs = 0;
  for (const batch of forestBatches(total, rand, samples)) {
    const t = performance.now();
    await store.ingest(batch);
    ingestMs += performance.now() - t;
  }
  const buildSeconds = (performance.now() - started) / 1000;
  const processes = (await store.entityIds('process')).length;
  const heapMb = process.memoryUsage().heapUsed / 1024 / 1024;

  const startOf = async (records: string[]): Promise<string[]> => {
    const picked = Array.from({ length: QUERIES + WARMUP }, () => records[Math.floor(rand() * records.length)]);
    const mentioned = await store.mentionedBy(picked);
    return picked.map((r) => mentioned.get(r)![0]);
  };
  const time = async (name: string, starts: string[], options: WalkOptions) => {
    const ms: number[] = [];
    const found: number[] = [];
    for (let i = 0; i < starts.length; i++) {
      const t = performance.now();
      const r = await walkProcessTree(store, [starts[i]], options);
      const took = performance.now() - t;
      if (i < WARMUP) continue;
      ms.push(took);
      found.push(r.nodes.length);
    }
    const round = (x: number) => Number(x.toFixed(3));
    return { query: name, runs: ms.length, medianMs: round(median(ms)), p95Ms: round(percentile(ms, 0.95)), medianNodes: median(found), maxNodes: Math.max(...found) };
  };
  const queries = [
    await time('ancestors, depth 3 (any process)', await startOf(samples.any), { direction: 'up', maxDepth: 3 }),
    await time('descendants, depth 3 (parents in the top two levels)', await startOf(samples.parentsNearTop), { direction: 'down', maxDepth: 3 }),
    await time('ancestors, unbounded (any process)', await startOf(samples.any), { direction: 'up' }),
    await time('descendants, unbounded (tree tops)', await startOf(samples.tops), { direction: 'down' }),
  ];
  process.stdout.write(JSON.stringify({
    processes,
    trees: samples.tops.length,
    buildSeconds: Number(buildSeconds.toFixed(1)),
    ingestSeconds: Number((ingestMs / 1000).toFixed(1)),
    heapAfterBuildMb: Math.round(heapMb),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    queries,
  }));
}

void main();
