import type { AttrValue } from '../../src/model/observation';
import type { ViewEdge, ViewGraph, ViewNode } from '../view-graph';
import { byCodeUnit } from './node-columns';
import { hashedId, stixIds, type ScoContent } from './stix-id';

export interface StixOptions {
  /**
   * `created`/`modified` of the relationship objects (ISO-8601). Default: the latest node time in the graph
   * (else the epoch), so the same graph gives the same bundle.
   */
  created?: string;
}

const RESERVED = new Set(['type', 'id', 'spec_version']);

/** Properties STIX 2.1 renamed, whose STIX 2.0 names Kestrel and the data it reads keep (a process's `created`). */
const RENAMED_IN_2_1: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  process: { created: 'created_time', binary_ref: 'image_ref' },
  file: { created: 'ctime', modified: 'mtime', accessed: 'atime' },
  directory: { created: 'ctime', modified: 'mtime', accessed: 'atime' },
  'windows-registry-key': { modified: 'modified_time' },
  'user-account': { password_last_changed: 'credential_last_changed' },
};

/**
 * A STIX 2.1 bundle for threat-intel platforms: each entity a cyber-observable (`spec_version` 2.1, its attributes
 * under their STIX 2.1 names, without nulls and empty lists, and the references its edges carry: a connection's
 * `src_ref` and `dst_ref` with their addresses, drawn or not), each edge a `relationship` whose `relationship_type`
 * is the relation in STIX's alphabet (`created`, `opened-connection-refs`). Cyber-observable ids are STIX's (see
 * `stixIds`); relationship and bundle ids are UUIDv4s made from what they relate and hold, so the same graph gives
 * the same bundle.
 */
export function toStixBundle(g: ViewGraph, options: StixOptions = {}): string {
  const created = options.created ?? defaultCreated(g);
  const nodes = [...g.nodes, ...(g.referenced?.nodes ?? [])];
  const edges = [...g.edges, ...(g.referenced?.edges ?? [])];
  const refs = heldRefs(edges, new Map(nodes.map((n) => [n.id, n.type])));
  const contents = new Map(nodes.map((n) => [n.id, content(n, refs.get(n.id))]));
  const ids = stixIds(contents);
  const observables = [...contents].map(([entityId, o]) => {
    const sco: Record<string, AttrValue> = { type: o.type, spec_version: '2.1', id: ids.get(entityId)!, ...o.props };
    for (const [name, targets] of o.refs) {
      sco[name] = name.endsWith('_refs') ? targets.map((t) => ids.get(t)!).sort(byCodeUnit) : ids.get(targets[0])!;
    }
    return sco;
  });
  const relationships = edges.map((e) => ({
    type: 'relationship',
    spec_version: '2.1',
    id: hashedId('relationship', e.id),
    created,
    modified: created,
    relationship_type: stixRelationType(e.relation),
    source_ref: ids.get(e.source)!,
    target_ref: ids.get(e.target)!,
  }));
  const objects = [...observables, ...relationships];
  const bundle = { type: 'bundle', id: hashedId('bundle', objects.map((o) => o.id).join('\n')), objects };
  return `${JSON.stringify(bundle, null, 2)}\n`;
}

/** An entity's STIX properties (sorted by name; a STIX 2.1 name's own value wins over its 2.0 name's) and references. */
function content(n: ViewNode, refs: ReadonlyMap<string, string[]> | undefined): ScoContent {
  const renamed = RENAMED_IN_2_1[n.type] ?? {};
  const props: [string, AttrValue][] = [];
  for (const [k, v] of Object.entries(n.attrs)) {
    const name = renamed[k] ?? k;
    if (RESERVED.has(name) || v === null || (Array.isArray(v) && !v.length) || (name !== k && n.attrs[name] !== undefined)) continue;
    props.push([name, v]);
  }
  props.sort((a, b) => byCodeUnit(a[0], b[0]));
  const sortedRefs = [...(refs ?? [])].sort((a, b) => byCodeUnit(a[0], b[0]));
  return {
    type: n.type,
    props: Object.fromEntries(props),
    refs: new Map(sortedRefs.map(([name, targets]) => [name, [...new Set(targets)].sort(byCodeUnit)])),
  };
}

/** For each entity that holds references, its references (by STIX 2.1 name) and what they point at, from the edges. */
function heldRefs(edges: readonly ViewEdge[], types: ReadonlyMap<string, string>): Map<string, Map<string, string[]>> {
  const held = new Map<string, Map<string, string[]>>();
  for (const e of edges) {
    if (!e.ref) continue;
    const [holder, target] = e.ref.heldBy === 'source' ? [e.source, e.target] : [e.target, e.source];
    const name = RENAMED_IN_2_1[types.get(holder)!]?.[e.ref.name] ?? e.ref.name;
    const byName = held.get(holder) ?? new Map<string, string[]>();
    byName.set(name, [...(byName.get(name) ?? []), target]);
    held.set(holder, byName);
  }
  return held;
}

/** STIX relationship types are lowercase ASCII letters, digits and hyphens. */
function stixRelationType(relation: string): string {
  return relation.toLowerCase().replace(/[^a-z0-9-]/g, '-');
}

function defaultCreated(g: ViewGraph): string {
  const latest = g.nodes.reduce((t, n) => (n.time !== undefined && n.time > t ? n.time : t), 0);
  return new Date(latest).toISOString();
}
