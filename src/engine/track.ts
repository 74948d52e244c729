import type { EntityNode, GraphStore } from '../../graph/graph-store';
import { trackBackward, trackForward, type Provenance } from '../../graph/tracking';
import { labelAttribute } from '../model/entity-types';
import type { AttrValue } from '../model/observation';
import type { EntitySet, Table } from './entity-set';

export const TRACK_COLUMNS = ['depth', 'type', 'entity', 'relation', 'related', 'created'] as const;

/** How a row names its entity: a process by name and pid, a connection by its ends, others by their label. */
function labelOf(e: EntityNode | undefined, neighbours: ReadonlyMap<string, EntityNode>, ends: ReadonlyMap<string, { src?: string; dst?: string }>): string {
  if (!e) return '';
  const a = e.attrs;
  if (e.type === 'process') return `${a.name ?? '?'} [${a.pid ?? '?'}]`;
  if (e.type === 'network-traffic') {
    const end = ends.get(e.id) ?? {};
    const addr = (id: string | undefined) => (id && neighbours.get(id)?.attrs.value) ?? '?';
    return `${addr(end.src)}:${a.src_port ?? '?'} → ${addr(end.dst)}:${a.dst_port ?? '?'}`;
  }
  const key = labelAttribute(e.type);
  const v = (key && a[key]) ?? a.name ?? a.value ?? a.path ?? a.key ?? a.account_login ?? a.user_id ?? a.display_name;
  return v === undefined || v === null ? e.id : String(v);
}

/**
 * The provenance as rows in tree order: each start, then what was reached from it (depth first, in the order
 * tracking found it), each row naming the entity one hop closer to the start and how they are related.
 */
function rowsOf(p: Provenance, direction: 'backward' | 'forward', byId: ReadonlyMap<string, EntityNode>, ends: ReadonlyMap<string, { src?: string; dst?: string }>): Table {
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
  const visit = (id: string) => {
    const e = byId.get(id);
    const link = via.get(id);
    rows.push([depth.get(id) ?? 0, e?.type ?? null, labelOf(e, byId, ends), link?.relation ?? (direction === 'backward' ? 'tracked back from' : 'tracked forward from'),
      link ? labelOf(byId.get(link.from), byId, ends) : null, (e?.attrs.created as AttrValue) ?? null]);
    rowIds.push(id);
    for (const c of (children.get(id) ?? []).sort((a, b) => order.get(a)! - order.get(b)!)) visit(c);
  };
  for (const n of p.nodes) if (n.depth === 0) visit(n.id);
  for (const n of p.nodes) if (!rowIds.includes(n.id) && !via.has(n.id)) visit(n.id);
  rows.forEach((r) => (r[3] = r[0] === 0 ? 'start' : r[3]));
  return { columns: [...TRACK_COLUMNS], rows, rowIds };
}

/** TRACK BACKWARD / FORWARD: the provenance of a set's entities as rows, and what the walk left out. */
export async function track(
  store: GraphStore, set: EntitySet, direction: 'backward' | 'forward', maxDepth: number | undefined, limit: number | undefined,
): Promise<{ set: EntitySet; provenance: Provenance }> {
  const options = { maxDepth, ...(limit === undefined ? {} : { maxNodes: limit }) };
  const provenance = direction === 'backward' ? await trackBackward(store, set.ids, options) : await trackForward(store, set.ids, options);
  const ids = provenance.nodes.map((n) => n.id);
  const byId = new Map((await store.entities(ids)).map((e) => [e.id, e]));
  const traffic = ids.filter((id) => byId.get(id)?.type === 'network-traffic');
  const [src, dst] = await Promise.all([store.neighbors(traffic, 'src_ref', 'out'), store.neighbors(traffic, 'dst_ref', 'out')]);
  const addresses = [...new Set([...src.values(), ...dst.values()].flat())].filter((id) => !byId.has(id));
  for (const e of await store.entities(addresses)) byId.set(e.id, e);
  const ends = new Map(traffic.map((id) => [id, { src: src.get(id)?.[0], dst: dst.get(id)?.[0] }]));
  const table = rowsOf(provenance, direction, byId, ends);
  return { set: { type: set.type, ids: [...set.ids], table }, provenance };
}
