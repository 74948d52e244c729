import { groupName } from '../entity-style';
import type { ViewEdge, ViewGraph, ViewNode } from '../view-graph';

/** Leaves of one kind under one parent folded from this many on, as the view folds them. */
export const FOLD_AT = 5;

/**
 * The graph with each group of FOLD_AT or more leaves of one kind under one parent replaced by one node that
 * counts them ("115 modules loaded", "conhost.exe ×15"), so that DOT and Mermaid pictures of big graphs stay
 * readable. A leaf is an entity no edge leaves; its parent is where its first `created` edge comes from, else its
 * first edge; its kind is its type and the relation from its parent (a process's also its name). Leaves held by
 * a variable their parent is not in stay out: they are the hunt's own. Edges from elsewhere to a folded leaf
 * end at its group. The group's id is `group:PARENT|FIRST-MEMBER`.
 */
export function foldLeafGroups(g: ViewGraph): ViewGraph {
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  const sources = new Set(g.edges.map((e) => e.source));
  const treeEdge = new Map<string, ViewEdge>();
  for (const e of g.edges) {
    const known = treeEdge.get(e.target);
    if (!known || (known.relation !== 'created' && e.relation === 'created')) treeEdge.set(e.target, e);
  }
  const kinds = new Map<string, ViewEdge[]>();
  for (const e of treeEdge.values()) {
    const leaf = byId.get(e.target)!;
    const parent = byId.get(e.source)!;
    if (sources.has(leaf.id) || leaf.variables.some((v) => !parent.variables.includes(v))) continue;
    const key = JSON.stringify([e.source, e.relation, leaf.type, leaf.type === 'process' ? leaf.attrs.name : '']);
    const list = kinds.get(key);
    if (list) list.push(e);
    else kinds.set(key, [e]);
  }
  const folded = new Map<string, string>();
  const groups: ViewNode[] = [];
  const groupEdges: ViewEdge[] = [];
  for (const members of kinds.values()) {
    if (members.length < FOLD_AT) continue;
    const [first] = members;
    const leaf = byId.get(first.target)!;
    const id = `group:${first.source}|${first.target}`;
    const name = leaf.type === 'process' && typeof leaf.attrs.name === 'string' ? `${leaf.attrs.name} ×${members.length}` : groupName(members.length, leaf.type, first.relation);
    groups.push({ id, type: leaf.type, label: name, attrs: { count: members.length }, variables: [...leaf.variables], records: [],
      recordCount: members.reduce((sum, e) => sum + byId.get(e.target)!.recordCount, 0) });
    groupEdges.push({ id: `${first.source}|${first.relation}|${id}`, source: first.source, target: id, relation: first.relation });
    for (const e of members) folded.set(e.target, id);
  }
  if (!folded.size) return g;
  const edges = new Map<string, ViewEdge>();
  for (const e of [...g.edges, ...groupEdges]) {
    const target = folded.get(e.target) ?? e.target;
    const id = `${e.source}|${e.relation}|${target}`;
    if (!edges.has(id)) edges.set(id, target === e.target ? e : { id, source: e.source, target, relation: e.relation });
  }
  return { ...g, nodes: [...g.nodes.filter((n) => !folded.has(n.id)), ...groups], edges: [...edges.values()] };
}
