import { relationLinks } from './event-relations';
import type { GraphStore } from './graph-store';
import { walkProcessTree, type WalkResult } from './provenance';

/**
 * What tracking reached. Every edge reads "from RELATION to" in FIND's words: a parent process `created` its
 * child, a process `created`/`written`/`read`/`deleted`/`loaded` a file, an address `created` (source) or
 * `accepted` (destination) a connection, a user `owned` a process.
 */
export interface Provenance {
  /** Each entity once, at its fewest hops from the start, ordered by depth (siblings by `created`). */
  nodes: { id: string; type: string; depth: number }[];
  edges: { from: string; to: string; relation: string }[];
  /** Entities one hop beyond maxDepth that were left out. */
  cutByDepth: number;
  /** Entities left out because the result reached maxNodes. */
  cutBySize: number;
  /** Parent edges that close a cycle in the data. */
  cycles: { from: string; to: string }[];
  /** Backward only: the topmost processes; `inferred` unless a real OS root (only the earliest ancestor seen). */
  roots: { id: string; inferred: boolean }[];
}

export interface TrackOptions {
  /** Hops from the start (default: no bound). */
  maxDepth?: number;
  /** Entities beyond the start ones (default 100 000). */
  maxNodes?: number;
  /**
   * Told the entities of each level before their relations are looked up, and all it reached at the end: a source
   * read by query brings their records (docs/DECISIONS.md 46).
   */
  beforeLevel?: (entities: readonly { id: string; type: string }[]) => Promise<void>;
}

/** A "subject RELATION object" pair that tracking follows from the side of the tracked entity's type. */
interface Step {
  subject: string;
  relation: string;
  object: string;
}

const ADDRESSES = ['ipv4-addr', 'ipv6-addr'];
const TRAFFIC = 'network-traffic';

/** Backward: from an entity to what caused it (its subjects). */
const CAUSES: Readonly<Record<string, readonly Step[]>> = {
  ...Object.fromEntries(ADDRESSES.map((a) => [a, ['created', 'accepted'].map((relation) => ({ subject: a, relation, object: TRAFFIC }))])),
  [TRAFFIC]: ['created', 'accepted'].map((relation) => ({ subject: 'process', relation, object: TRAFFIC })),
  file: ['created', 'written', 'loaded'].map((relation) => ({ subject: 'process', relation, object: 'file' })),
  'windows-registry-key': [{ subject: 'process', relation: 'written', object: 'windows-registry-key' }],
};

/** Forward: what a process did (its objects), and the addresses of its connections. */
const EFFECTS: Readonly<Record<string, readonly Step[]>> = {
  process: [
    ...['created', 'accepted'].map((relation) => ({ subject: 'process', relation, object: TRAFFIC })),
    ...['created', 'written', 'read', 'deleted', 'loaded'].map((relation) => ({ subject: 'process', relation, object: 'file' })),
    { subject: 'process', relation: 'written', object: 'windows-registry-key' },
    { subject: 'user-account', relation: 'owned', object: 'process' },
  ],
  [TRAFFIC]: ADDRESSES.flatMap((a) => ['created', 'accepted'].map((relation) => ({ subject: a, relation, object: TRAFFIC }))),
};

const DEFAULT_MAX_NODES = 100_000;

/**
 * From alert entities back to the root cause: addresses to their connections, connections and files to the
 * processes that made them, processes up their parent chain to the roots.
 */
export async function trackBackward(store: GraphStore, start: readonly string[], options: TrackOptions = {}): Promise<Provenance> {
  const t = await Tracking.begin(store, start, options);
  const tell = tellingOnce(options);
  for (let depth = 0; ; depth++) {
    const level = t.at(depth).filter((n) => n.type !== 'process');
    if (!level.length && !t.hasDeeper(depth)) break;
    await tell?.(level);
    await t.follow(level, CAUSES);
  }
  const processes = t.processes();
  for (const [depth, ids] of processes) {
    const walk = await walkProcessTree(store, ids, { direction: 'up', maxDepth: t.maxDepth - depth, maxNodes: t.budget(), beforeLevel: processLevels(tell) });
    t.addWalk(walk, depth, 'up');
    for (const root of walk.roots) if (!t.roots.some((q) => q.id === root.id)) t.roots.push(root);
  }
  return t.result(tell);
}

/**
 * From processes forward to the impact: their descendants, and for each process on the way its connections
 * (and their addresses), the files it created, wrote, read, deleted or loaded, the registry keys it wrote, its
 * user. Start entities other than processes and connections are kept but not followed.
 */
export async function trackForward(store: GraphStore, start: readonly string[], options: TrackOptions = {}): Promise<Provenance> {
  const t = await Tracking.begin(store, start, options);
  const tell = tellingOnce(options);
  const starts = t.at(0).filter((n) => n.type === 'process').map((n) => n.id);
  const walk = await walkProcessTree(store, starts, { direction: 'down', maxDepth: t.maxDepth, maxNodes: t.budget(), beforeLevel: processLevels(tell) });
  t.addWalk(walk, 0, 'down');
  const deepest = walk.nodes.reduce((most, n) => Math.max(most, n.depth), 0);
  for (let depth = 0; depth <= deepest + 1; depth++) {
    await tell?.(t.at(depth));
    await t.follow(t.at(depth), EFFECTS);
  }
  return t.result(tell);
}

type Tell = TrackOptions['beforeLevel'];

/** `beforeLevel`, told each entity once (a prefetched entity's records are all in). */
function tellingOnce(options: TrackOptions): Tell {
  const told = options.beforeLevel;
  if (!told) return undefined;
  const seen = new Set<string>();
  return async (entities) => {
    const fresh = entities.filter((e) => !seen.has(e.id));
    for (const e of fresh) seen.add(e.id);
    if (fresh.length) await told(fresh);
  };
}

/** The walk's levels, told as processes. */
function processLevels(tell: Tell): ((ids: readonly string[]) => Promise<void>) | undefined {
  return tell && ((ids) => tell(ids.map((id) => ({ id, type: 'process' }))));
}

type Node = Provenance['nodes'][number];

/** The growing result: nodes at their first depth, deduplicated edges, and the bounds. */
class Tracking {
  readonly roots: Provenance['roots'] = [];
  private readonly nodes = new Map<string, Node>();
  private readonly byDepth = new Map<number, Node[]>();
  private deepest = 0;
  private readonly edges = new Map<string, Provenance['edges'][number]>();
  private readonly cycles: Provenance['cycles'] = [];
  private cutByDepth = 0;
  private cutBySize = 0;
  private found = 0;

  private constructor(
    private readonly store: GraphStore,
    readonly maxDepth: number,
    private readonly maxNodes: number,
  ) {}

  static async begin(store: GraphStore, start: readonly string[], options: TrackOptions): Promise<Tracking> {
    const t = new Tracking(store, options.maxDepth ?? Number.POSITIVE_INFINITY, options.maxNodes ?? DEFAULT_MAX_NODES);
    for (const e of await store.entities([...new Set(start)])) t.add({ id: e.id, type: e.type, depth: 0 });
    return t;
  }

  at(depth: number): Node[] {
    return this.byDepth.get(depth) ?? [];
  }

  hasDeeper(depth: number): boolean {
    return this.deepest > depth;
  }

  private add(node: Node): void {
    this.nodes.set(node.id, node);
    const level = this.byDepth.get(node.depth);
    if (level) level.push(node);
    else this.byDepth.set(node.depth, [node]);
    this.deepest = Math.max(this.deepest, node.depth);
  }

  budget(): number {
    return Math.max(0, this.maxNodes - this.found);
  }

  /** The processes reached so far, grouped by depth, shallowest first. */
  processes(): [number, string[]][] {
    const byDepth = new Map<number, string[]>();
    for (const n of this.nodes.values()) {
      if (n.type !== 'process') continue;
      const ids = byDepth.get(n.depth);
      if (ids) ids.push(n.id);
      else byDepth.set(n.depth, [n.id]);
    }
    return [...byDepth].sort(([a], [b]) => a - b);
  }

  /** One hop from `level` along the steps of each node's type. */
  async follow(level: readonly Node[], steps: Readonly<Record<string, readonly Step[]>>): Promise<void> {
    for (const type of new Set(level.map((n) => n.type))) {
      const ids = level.filter((n) => n.type === type).map((n) => n.id);
      for (const step of steps[type] ?? []) {
        const toward = step.subject === type ? 'object' : 'subject';
        const other = toward === 'subject' ? step.subject : step.object;
        for (const link of await relationLinks(this.store, ids, step.subject, step.relation, step.object, toward)) {
          if (!this.reach(link.found, other, this.nodes.get(link.input)!.depth + 1)) continue;
          const [from, to] = toward === 'object' ? [link.input, link.found] : [link.found, link.input];
          this.edge(from, to, link.relation);
        }
      }
    }
  }

  /** Adds a process-tree walk whose start nodes are at `depth`. */
  addWalk(walk: WalkResult, depth: number, direction: 'up' | 'down'): void {
    for (const n of walk.nodes) {
      if (n.depth === 0 || !this.reach(n.id, 'process', depth + n.depth, true)) continue;
      const [parent, child] = direction === 'up' ? [n.id, n.from] : [n.from, n.id];
      this.edge(parent, child, 'created');
    }
    this.cutByDepth += walk.cutByDepth;
    this.cutBySize += walk.cutBySize;
    for (const cycle of walk.cycles) this.cycles.push(cycle);
  }

  /** Whether the entity is in the result (added now, or already there); counts what the bounds leave out. */
  private reach(id: string, type: string, depth: number, bounded = false): boolean {
    if (this.nodes.has(id)) return true;
    if (!bounded && depth > this.maxDepth) {
      this.cutByDepth++;
      return false;
    }
    if (!bounded && this.found >= this.maxNodes) {
      this.cutBySize++;
      return false;
    }
    this.found++;
    this.add({ id, type, depth });
    return true;
  }

  private edge(from: string, to: string, relation: string): void {
    this.edges.set(`${from}\u0000${to}\u0000${relation}`, { from, to, relation });
  }

  async result(tell: Tell): Promise<Provenance> {
    await tell?.([...this.nodes.values()]);
    const nodes = [...this.nodes.values()].sort((a, b) => a.depth - b.depth);
    return { nodes, edges: [...this.edges.values()], cutByDepth: this.cutByDepth, cutBySize: this.cutBySize, cycles: this.cycles, roots: this.roots };
  }
}
