import { cycleEdges, type Edge } from './cycle-edges';
import type { Direction, GraphStore, WalkNode, WalkOptions, WalkResult } from './graph-store';
import { isOsRoot } from './os-roots';
import { timeOf } from './resolve';

export type { WalkNode, WalkOptions, WalkResult } from './graph-store';

const PARENT = 'parent_ref';
const DEFAULT_MAX_NODES = 100_000;

/** Walks the process tree from the start processes: with the store's own walk when it has one (and nothing is told each level), else `walkLevels`. */
export function walkProcessTree(store: GraphStore, start: readonly string[], options: WalkOptions): Promise<WalkResult> {
  return store.walkProcessTree && !options.beforeLevel ? store.walkProcessTree(start, options) : walkLevels(store, start, options);
}

/** What a level-by-level walk asks of a store. */
export type WalkLookups = Pick<GraphStore, 'neighbors' | 'entities'>;

/**
 * Walks the process tree level by level from the start processes: one set-oriented `neighbors` call per level
 * (a database store answers each with one query), and an `entities` call only for levels where a process has
 * more than one new child to order. Each process is reached once, so bad data with parent cycles terminates.
 */
export async function walkLevels(store: WalkLookups, start: readonly string[], options: WalkOptions): Promise<WalkResult> {
  const up = options.direction === 'up';
  const direction: Direction = up ? 'out' : 'in';
  const minDepth = options.minDepth ?? 1;
  const maxDepth = options.maxDepth ?? Number.POSITIVE_INFINITY;
  const maxNodes = options.maxNodes ?? DEFAULT_MAX_NODES;

  const reached = new Set<string>();
  /** Start processes that are also an ancestor (descendant) of another start: returned once, not walked again. */
  const startsReached = new Set<string>();
  /** Which start each reached process was reached from: a start met again from its own line is a cycle. */
  const lineOf = new Map<string, string>();
  const walked: WalkNode[] = [];
  for (const id of start) {
    if (reached.has(id)) continue;
    reached.add(id);
    lineOf.set(id, id);
    walked.push({ id, depth: 0, from: '' });
  }
  const backEdges: Edge[] = [];
  const tops: string[] = [];
  const result: WalkResult = { nodes: [], cutByDepth: 0, cutBySize: 0, cycles: [], roots: [] };

  let frontier = walked.map((n) => n.id);
  let found = 0;
  for (let depth = 0; frontier.length; depth++) {
    await options.beforeLevel?.(frontier);
    const next = await store.neighbors(frontier, PARENT, direction);
    const level: WalkNode[] = [];
    const families: [number, number][] = [];
    for (const from of frontier) {
      const ids = next.get(from);
      if (!ids?.length) {
        if (up) tops.push(from);
        continue;
      }
      const first = level.length;
      for (const id of ids) {
        if (reached.has(id)) {
          if (lineOf.get(id) === id && lineOf.get(from) !== id && !startsReached.has(id)) {
            startsReached.add(id);
            level.push({ id, depth: depth + 1, from });
          } else {
            backEdges.push({ from, to: id });
          }
          continue;
        }
        reached.add(id);
        lineOf.set(id, lineOf.get(from)!);
        level.push({ id, depth: depth + 1, from });
      }
      if (level.length - first > 1) families.push([first, level.length]);
    }
    if (depth >= maxDepth) {
      result.cutByDepth = level.length;
      break;
    }
    if (found >= maxNodes) {
      result.cutBySize = level.length;
      break;
    }
    if (families.length) await orderSiblings(store, level, families);
    if (found + level.length > maxNodes) {
      result.cutBySize = found + level.length - maxNodes;
      level.length = maxNodes - found;
    }
    found += level.length;
    for (const n of level) walked.push(n);
    frontier = result.cutBySize ? [] : level.filter((n) => !startsReached.has(n.id)).map((n) => n.id);
  }

  result.nodes = walked.filter((n) => n.depth >= minDepth && !(n.depth > 0 && minDepth <= 0 && startsReached.has(n.id)));
  if (backEdges.length) {
    const treeEdges = walked.filter((n) => n.depth > 0).map((n) => ({ from: n.from, to: n.id }));
    result.cycles = cycleEdges(treeEdges, backEdges);
  }
  if (tops.length) {
    result.roots = (await store.entities(tops)).map((e) => ({ id: e.id, inferred: !isOsRoot(e.attrs) }));
  }
  return result;
}

/** Sorts each run of siblings [first, end) of a level by `created` (absent last), then id. */
async function orderSiblings(store: WalkLookups, level: WalkNode[], families: readonly [number, number][]): Promise<void> {
  const ids: string[] = [];
  for (const [first, end] of families) for (let i = first; i < end; i++) ids.push(level[i].id);
  const created = new Map<string, number>();
  for (const e of await store.entities(ids)) {
    const c = e.attrs.created;
    const t = typeof c === 'string' ? timeOf(c) : undefined;
    if (t !== undefined) created.set(e.id, t);
  }
  for (const [first, end] of families) {
    const keyed: { node: WalkNode; t: number }[] = [];
    for (let i = first; i < end; i++) keyed.push({ node: level[i], t: created.get(level[i].id) ?? Number.POSITIVE_INFINITY });
    keyed.sort((a, b) => (a.t !== b.t ? (a.t < b.t ? -1 : 1) : a.node.id < b.node.id ? -1 : a.node.id > b.node.id ? 1 : 0));
    for (let i = 0; i < keyed.length; i++) level[first + i] = keyed[i].node;
  }
}
