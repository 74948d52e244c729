import type { EntityNode, GraphStore } from '../../graph/graph-store';
import { entityLabels } from '../../graph/entity-labels';
import { trackBackward, trackForward, type Provenance, type TrackOptions } from '../../graph/tracking';
import type { AttrValue } from '../model/observation';
import type { EntitySet, Table } from './entity-set';

export const TRACK_COLUMNS = ['depth', 'type', 'entity', 'relation', 'related', 'created'] as const;

/**
 * The provenance as rows in tree order: each start, then what was reached from it (depth first, in the order
 * tracking found it), each row naming the entity one hop closer to the start and how they are related.
 */
function rowsOf(p: Provenance, direction: 'backward' | 'forward', byId: ReadonlyMap<string, EntityNode>, labels: ReadonlyMap<string, string>): Table {
  const depth = new Map(p.nodes.map((n) => [n.id, n.depth]));
  const via = new Map<string, { from: string; relation: string }>();
  const children = new Map<string, string[]>();
  for (const e of p.edges) {
    const [reached, from, relation] =
      depth.get(e.from) === (depth.get(e.to) ?? -2) + 1 ? [e.from, e.to, e.relation] : [e.to, e.from, `${e.relation} by`];
    if (via.has(reached) || depth.get(reached) !== (depth.get(from) ?? -2) + 1) continue;
    via.set(reached, { from, relation });
    if (!children.has(from)) children.set(from, []);
    children.get(from)!.push(reached);
  }
  const order = new Map(p.nodes.map((n, i) => [n.id, i]));
  const rows: AttrValue[][] = [];
  const rowIds: string[] = [];
  // Depth first with an explicit stack: a chain of 10 000 hops is 10 000 levels deep.
  const visit = (start: string) => {
    const todo = [start];
    while (todo.length) {
      const id = todo.pop()!;
      const e = byId.get(id);
      const link = via.get(id);
      rows.push([depth.get(id) ?? 0, e?.type ?? null, labels.get(id) ?? id, link?.relation ?? (direction === 'backward' ? 'tracked back from' : 'tracked forward from'),
        link ? labels.get(link.from) ?? link.from : null, (e?.attrs.created as AttrValue) ?? null]);
      rowIds.push(id);
      const next = (children.get(id) ?? []).sort((a, b) => order.get(a)! - order.get(b)!);
      for (let i = next.length - 1; i >= 0; i--) todo.push(next[i]);
    }
  };
  for (const n of p.nodes) if (n.depth === 0) visit(n.id);
  for (const n of p.nodes) if (n.depth > 0 && !via.has(n.id)) visit(n.id);
  rows.forEach((r) => (r[3] = r[0] === 0 ? 'start' : r[3]));
  return { columns: [...TRACK_COLUMNS], rows, rowIds };
}

/** TRACK BACKWARD / FORWARD: the provenance of a set's entities as rows, and what the walk left out. */
export async function track(
  store: GraphStore, set: EntitySet, direction: 'backward' | 'forward',
  { maxDepth, limit, beforeLevel }: { maxDepth?: number; limit?: number; beforeLevel?: TrackOptions['beforeLevel'] },
): Promise<{ set: EntitySet; provenance: Provenance }> {
  const options: TrackOptions = { maxDepth, beforeLevel, ...(limit === undefined ? {} : { maxNodes: limit }) };
  const provenance = direction === 'backward' ? await trackBackward(store, set.ids, options) : await trackForward(store, set.ids, options);
  const ids = provenance.nodes.map((n) => n.id);
  const entities = await store.entities(ids);
  const byId = new Map(entities.map((e) => [e.id, e]));
  const table = rowsOf(provenance, direction, byId, await entityLabels(store, entities));
  return { set: { type: set.type, ids: [...set.ids], table }, provenance };
}
