import type { AttrValue } from '../../src/model/observation';
import { RELATION_TABLE, isRefName } from '../../src/model/relations';
import { stableId } from '../../src/model/stable-id';
import type { ViewEdge, ViewGraph, ViewNode } from '../view-graph';
import { byCodeUnit } from './node-columns';

export interface StixOptions {
  /**
   * `created`/`modified` of the relationship objects (ISO-8601). Default: the latest node time in the graph
   * (else the epoch), so the same graph gives the same bundle.
   */
  created?: string;
}

const RESERVED = new Set(['type', 'id', 'spec_version']);

/**
 * A STIX 2.1 bundle for threat-intel platforms: each entity a cyber-observable (its id, `spec_version`
 * 2.1, its attributes as stored, and the `*_ref`/`*_refs` the drawn edges witness), each edge a
 * `relationship` whose `relationship_type` is the relation in STIX's alphabet (`created`,
 * `opened-connection-refs`). Relationship ids are `stableId('relationship', edge id)`; the bundle id hashes
 * every object id, so the same graph gives the same bundle.
 */
export function toStixBundle(g: ViewGraph, options: StixOptions = {}): string {
  const created = options.created ?? defaultCreated(g);
  const types = new Map(g.nodes.map((n) => [n.id, n.type]));
  const refs = new Map<string, Map<string, string[]>>();
  for (const e of g.edges) {
    const held = refOf(e, types.get(e.source)!, types.get(e.target)!);
    if (!held) continue;
    const byName = refs.get(held.holder) ?? new Map<string, string[]>();
    byName.set(held.ref, [...(byName.get(held.ref) ?? []), held.target]);
    refs.set(held.holder, byName);
  }
  const observables = g.nodes.map((n) => observable(n, refs.get(n.id)));
  const relationships = g.edges.map((e) => ({
    type: 'relationship',
    spec_version: '2.1',
    id: stableId('relationship', e.id),
    created,
    modified: created,
    relationship_type: stixRelationType(e.relation),
    source_ref: e.source,
    target_ref: e.target,
  }));
  const objects = [...observables, ...relationships];
  const bundle = { type: 'bundle', id: stableId('bundle', objects.map((o) => o.id).join('\n')), objects };
  return `${JSON.stringify(bundle, null, 2)}\n`;
}

function observable(n: ViewNode, refs: ReadonlyMap<string, string[]> | undefined): Record<string, AttrValue> {
  const o: Record<string, AttrValue> = { type: n.type, spec_version: '2.1', id: n.id };
  for (const k of Object.keys(n.attrs).sort(byCodeUnit)) if (!RESERVED.has(k)) o[k] = n.attrs[k];
  for (const [ref, targets] of [...(refs ?? [])].sort((a, b) => byCodeUnit(a[0], b[0]))) {
    const sorted = [...new Set(targets)].sort(byCodeUnit);
    o[ref] = ref.endsWith('_refs') ? sorted : sorted[0];
  }
  return o;
}

/**
 * The reference behind an edge, as the data held it: a relation word maps back through the relation table
 * (the parent `created` the child: the child's `parent_ref`); an edge named after a reference is its holder's.
 */
function refOf(e: ViewEdge, sourceType: string, targetType: string): { holder: string; ref: string; target: string } | undefined {
  if (isRefName(e.relation)) return { holder: e.source, ref: e.relation, target: e.target };
  const row = RELATION_TABLE.find((r) => r.subject === sourceType && r.relation === e.relation && r.object === targetType);
  const witness = row?.via[0];
  if (!witness) return undefined;
  return witness.side === 'subject'
    ? { holder: e.source, ref: witness.ref, target: e.target }
    : { holder: e.target, ref: witness.ref, target: e.source };
}

/** STIX relationship types are lowercase ASCII letters, digits and hyphens. */
function stixRelationType(relation: string): string {
  return relation.toLowerCase().replace(/[^a-z0-9-]/g, '-');
}

function defaultCreated(g: ViewGraph): string {
  const latest = g.nodes.reduce((t, n) => (n.time !== undefined && n.time > t ? n.time : t), 0);
  return new Date(latest).toISOString();
}
