import type { EntityNode, GraphStore } from '../graph/graph-store';
import { entityLabels } from '../graph/entity-labels';
import { relationLinks } from '../graph/event-relations';
import { walkProcessTree } from '../graph/provenance';
import { timeOf } from '../graph/resolve';
import { EVENT_ACTOR, EVENT_RELATIONS } from '../src/model/event-relations';
import { RELATION_TABLE } from '../src/model/relations';
import type { RecordFact, ViewEdge, ViewGraph, ViewNode } from './view-graph';

export interface ViewVariable {
  name: string;
  ids: readonly string[];
}

export interface BuildViewOptions {
  /** Entities drawn at most (default 100,000, the size the view is measured at); the rest are counted in `notes.truncated`. */
  maxNodes?: number;
  /** Walk up the parent chains of the chosen processes to connect them (default true). */
  connect?: boolean;
  /** Default: the variables' names. */
  title?: string;
}

const DEFAULT_MAX_NODES = 100_000;
/** How far up a chosen process's parent chain the view looks for what connects it. */
export const ANCESTOR_HOPS = 8;
const RECORDS_SHOWN = 20;

/**
 * The graph behind the chosen variables: their entities, in variable order, and what connects them. For
 * processes that is the parent chain, walked up at most 8 hops: a chosen process's chain is kept up to the
 * farthest ancestor that is another chosen process, is on another chosen process's chain (a shared ancestor),
 * or is where the chain ends in the data (the root the walk reached, or the process whose parent closes a
 * cycle, so the cycle shows); an ancestor past all of those connects nothing and is left out. Then every
 * edge the store holds between the entities drawn, named in FIND's words where the reference is one of the
 * relation table's (see `relationOf`), and the relations events witness between them (a process `loaded` a
 * module, `written` a registry key, `deleted` a file: see `eventEdgesAmong`). Outside the drawing, in
 * `referenced`: the addresses of the drawn connections, with their edges.
 */
export async function buildViewGraph(store: GraphStore, variables: readonly ViewVariable[], options: BuildViewOptions = {}): Promise<ViewGraph> {
  const maxNodes = options.maxNodes ?? DEFAULT_MAX_NODES;
  const heldBy = new Map<string, string[]>();
  for (const v of variables) {
    for (const id of v.ids) {
      const names = heldBy.get(id);
      if (!names) heldBy.set(id, [v.name]);
      else if (!names.includes(v.name)) names.push(v.name);
    }
  }
  const chosenIds = [...heldBy.keys()];
  const drawn = chosenIds.slice(0, maxNodes);
  let truncated = chosenIds.length - drawn.length;
  const entities = new Map<string, EntityNode>();
  for (const e of await store.entities(drawn)) entities.set(e.id, e);
  const chosen = drawn.filter((id) => entities.has(id));

  const depth = new Map<string, number>();
  const cycles: { source: string; target: string }[] = [];
  const inferredRoots: string[] = [];
  let ancestors: string[] = [];
  const processes = chosen.filter((id) => entities.get(id)!.type === 'process');
  const budget = maxNodes - chosen.length;
  if ((options.connect ?? true) && processes.length && budget > 0) {
    const walk = await walkProcessTree(store, processes, { direction: 'up', maxDepth: ANCESTOR_HOPS, maxNodes: budget });
    truncated += walk.cutBySize;
    const parent = new Map<string, string>();
    for (const n of walk.nodes) if (!parent.has(n.from)) parent.set(n.from, n.id);
    const roots = new Map(walk.roots.map((r) => [r.id, r.inferred]));
    const kept = keptAncestors(processes, parent, new Set([...roots.keys(), ...walk.cycles.map((c) => c.from)]));
    ancestors = walk.nodes.filter((n) => kept.has(n.id) && !entities.has(n.id)).map((n) => n.id);
    for (const e of await store.entities(ancestors)) entities.set(e.id, e);
    for (const [id, hops] of kept) if (!heldBy.has(id)) depth.set(id, hops);
    for (const [id, inferred] of roots) if (inferred && entities.has(id)) inferredRoots.push(id);
    for (const c of walk.cycles) if (entities.has(c.from) && entities.has(c.to)) cycles.push({ source: c.from, target: c.to });
  }

  const ids = [...chosen, ...ancestors.filter((id) => entities.has(id))];
  const outside = await endpointsOutside(store, ids, entities);
  const shown = new Set(ids);
  const refEdges = await edgesAmong(store, [...ids, ...outside], entities);
  const isDrawn = (e: ViewEdge) => shown.has(e.source) && shown.has(e.target);
  // An event and a reference can witness the same edge: the one with the reference is kept.
  const edges = sortedEdges([...await eventEdgesAmong(store, ids, entities), ...refEdges.filter(isDrawn)]);
  const nodes = await viewNodes(store, ids, entities, heldBy, depth);
  return {
    title: options.title ?? variables.map((v) => v.name).join(', '),
    nodes,
    edges,
    notes: { truncated, cycles, inferredRoots },
    referenced: { nodes: await viewNodes(store, outside, entities, heldBy, depth), edges: sortedEdges(refEdges.filter((e) => !isDrawn(e))) },
    recordFacts: await recordFacts(store, [...new Set(nodes.flatMap((n) => n.records))]),
  };
}

/** When each record was observed, where it was read, and the event it reports (its x-oca-event's action and code). */
async function recordFacts(store: GraphStore, ids: readonly string[]): Promise<Record<string, RecordFact>> {
  const events = await store.mentionedBy(ids, 'x-oca-event');
  const eventAttrs = new Map((await store.entities([...new Set([...events.values()].flat())])).map((e) => [e.id, e.attrs]));
  const facts: Record<string, RecordFact> = {};
  for (const r of await store.records(ids)) {
    const fact: RecordFact = {};
    if (r.firstObserved !== undefined) fact.time = r.firstObserved;
    if (r.sources.length) fact.source = r.sources[0];
    const attrs = eventAttrs.get(events.get(r.id)?.[0] ?? '');
    const said = attrs && [attrs.action, attrs.code].filter((v) => v !== undefined && v !== null && v !== '').join(' ');
    if (said) fact.event = said;
    facts[r.id] = fact;
  }
  return facts;
}

/** Nodes for `ids` (loaded in `entities`): labels, first records, and the start time (`created`, else when first observed). */
async function viewNodes(
  store: GraphStore, ids: readonly string[], entities: ReadonlyMap<string, EntityNode>,
  heldBy: ReadonlyMap<string, string[]>, depth: ReadonlyMap<string, number>,
): Promise<ViewNode[]> {
  const labels = await entityLabels(store, ids.map((id) => entities.get(id)!));
  const records = await store.recordsOf(ids);
  const times = await recordTimes(store, records);
  return ids.map((id) => {
    const e = entities.get(id)!;
    // Earliest first, whatever order the records were read in.
    const recs = (records.get(id) ?? []).sort((a, b) => (times.get(a) ?? Infinity) - (times.get(b) ?? Infinity) || (a < b ? -1 : a > b ? 1 : 0));
    const node: ViewNode = {
      id,
      type: e.type,
      label: labels.get(id)!,
      attrs: e.attrs,
      variables: heldBy.get(id) ?? [],
      records: recs.slice(0, RECORDS_SHOWN),
      recordCount: recs.length,
    };
    if (depth.has(id)) node.depth = depth.get(id);
    const time = timeOf(stringAttr(e, 'created')) ?? (recs.length ? times.get(recs[0]) : undefined);
    if (time !== undefined) node.time = time;
    return node;
  });
}

/** The endpoints (`src_ref`, `dst_ref`) of the drawn connections that are not drawn, loaded into `entities`, in id order. */
async function endpointsOutside(store: GraphStore, ids: readonly string[], entities: Map<string, EntityNode>): Promise<string[]> {
  const traffic = ids.filter((id) => entities.get(id)!.type === 'network-traffic');
  const outside = [...(await connectionEnds(store, traffic))].filter((id) => !entities.has(id));
  for (const e of await store.entities(outside)) entities.set(e.id, e);
  return outside.filter((id) => entities.has(id)).sort();
}

/** The addresses the connections point at (their `src_ref` and `dst_ref`): drawn beside them. */
export async function connectionEnds(store: GraphStore, traffic: readonly string[]): Promise<Set<string>> {
  const ends = new Set<string>();
  if (!traffic.length) return ends;
  for (const ref of ['src_ref', 'dst_ref']) {
    for (const targets of (await store.neighbors(traffic, ref, 'out')).values()) for (const t of targets) ends.add(t);
  }
  return ends;
}

/**
 * The ancestors kept (see buildViewGraph), each with its fewest hops from a chosen process. `tops` are where a
 * chain ends in the data: roots, and processes whose parent edge closes a cycle.
 */
function keptAncestors(processes: readonly string[], parent: ReadonlyMap<string, string>, tops: ReadonlySet<string>): Map<string, number> {
  const chosen = new Set(processes);
  const chains = processes.map((start) => {
    const chain: string[] = [];
    const seen = new Set([start]);
    // A chain ends at the next chosen process: above it, the chain is that process's own.
    for (let p = parent.get(start); p !== undefined && !seen.has(p); p = chosen.has(p) ? undefined : parent.get(p)) {
      seen.add(p);
      chain.push(p);
    }
    return chain;
  });
  const linesThrough = new Map<string, number>();
  for (const chain of chains) for (const id of chain) linesThrough.set(id, (linesThrough.get(id) ?? 0) + 1);
  const kept = new Map<string, number>();
  for (const chain of chains) {
    let end = -1;
    chain.forEach((id, i) => {
      if (chosen.has(id) || (linesThrough.get(id) ?? 0) > 1 || tops.has(id)) end = i;
    });
    for (let i = 0; i <= end; i++) kept.set(chain[i], Math.min(kept.get(chain[i]) ?? Infinity, i + 1));
  }
  return kept;
}

/**
 * A stored reference read in FIND's words: `holder.ref → target` becomes "subject RELATION object" when the
 * relation table has a row witnessed by that reference (a child's parent_ref: the parent `created` the child);
 * any other reference keeps its name, from the holder.
 */
function relationOf(holderType: string, ref: string, targetType: string): { relation: string; reversed: boolean } {
  for (const row of RELATION_TABLE) {
    for (const w of row.via) {
      if (w.ref !== ref) continue;
      if (w.side === 'subject' && row.subject === holderType && row.object === targetType) return { relation: row.relation, reversed: false };
      if (w.side === 'object' && row.object === holderType && row.subject === targetType) return { relation: row.relation, reversed: true };
    }
  }
  return { relation: ref, reversed: false };
}

function viewEdge(source: string, relation: string, target: string, ref?: ViewEdge['ref']): ViewEdge {
  const edge: ViewEdge = { id: `${source}|${relation}|${target}`, source, target, relation };
  if (ref) edge.ref = ref;
  return edge;
}

/** Each edge once, by id (the last of the same id). */
function sortedEdges(edges: readonly ViewEdge[]): ViewEdge[] {
  const byId = new Map(edges.map((e) => [e.id, e]));
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** "process RELATION object" between drawn entities, for each relation an event can witness. */
async function eventEdgesAmong(store: GraphStore, ids: readonly string[], entities: ReadonlyMap<string, EntityNode>): Promise<ViewEdge[]> {
  const actors = ids.filter((id) => entities.get(id)!.type === EVENT_ACTOR);
  if (!actors.length) return [];
  const edges: ViewEdge[] = [];
  const pairs = new Map(EVENT_RELATIONS.map((r) => [`${r.relation} ${r.object}`, r]));
  for (const { relation, object } of pairs.values()) {
    for (const link of await relationLinks(store, actors, EVENT_ACTOR, relation, object, 'object')) {
      if (entities.has(link.found) && link.found !== link.input) edges.push(viewEdge(link.input, relation, link.found));
    }
  }
  return edges;
}

async function edgesAmong(store: GraphStore, ids: readonly string[], entities: ReadonlyMap<string, EntityNode>): Promise<ViewEdge[]> {
  const byType = new Map<string, string[]>();
  for (const id of ids) {
    const t = entities.get(id)!.type;
    const list = byType.get(t);
    if (list) list.push(id);
    else byType.set(t, [id]);
  }
  const edges: ViewEdge[] = [];
  for (const [type, holders] of byType) {
    for (const ref of await store.edgeNames(type)) {
      for (const [holder, targets] of await store.neighbors(holders, ref, 'out')) {
        for (const target of targets) {
          const t = entities.get(target);
          if (!t) continue;
          const { relation, reversed } = relationOf(type, ref, t.type);
          edges.push(reversed
            ? viewEdge(target, relation, holder, { name: ref, heldBy: 'target' })
            : viewEdge(holder, relation, target, { name: ref, heldBy: 'source' }));
        }
      }
    }
  }
  return edges;
}

function stringAttr(e: EntityNode, name: string): string | undefined {
  const v = e.attrs[name];
  return typeof v === 'string' ? v : undefined;
}

/** When each of the records was first observed, for those that say. */
async function recordTimes(store: GraphStore, records: ReadonlyMap<string, string[]>): Promise<Map<string, number>> {
  const times = new Map<string, number>();
  for (const r of await store.records([...new Set([...records.values()].flat())])) {
    if (r.firstObserved !== undefined) times.set(r.id, r.firstObserved);
  }
  return times;
}
