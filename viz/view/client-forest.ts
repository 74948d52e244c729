/**
 * The view script's model of the graph (a part of CLIENT_SCRIPT, sharing its scope): the JSON island read, one
 * tree parent per entity (the process that created it, else whoever created it, else, not for processes, the
 * first entity that points at it; never closing a cycle), children in time order, tree order, the entities
 * below each node, what each process did (badges) and who ran it, and groups of siblings of one kind: leaves
 * (always, from FOLD_AT of a kind) and, where a graph past the first screen needs it, any (`groupSiblings`).
 */
export const CLIENT_FOREST = String.raw`
  const input = JSON.parse(document.getElementById('graph').textContent);
  const notes = input.notes;
  const nodes = [], byId = new Map();
  for (const n of input.nodes) if (!byId.has(n.id)) { byId.set(n.id, n); nodes.push(n); }
  const edgeIds = new Set();
  const edges = input.edges.filter((e) => byId.has(e.source) && byId.has(e.target) && e.source !== e.target
    && !edgeIds.has(e.id) && edgeIds.add(e.id));

  const incoming = new Map();
  for (const e of edges) {
    if (!incoming.has(e.target)) incoming.set(e.target, []);
    incoming.get(e.target).push(e);
  }
  const parentOf = new Map();
  const isAncestorOrSelf = (a, n) => {
    for (let c = n; c !== undefined; c = parentOf.get(c)) if (c === a) return true;
    return false;
  };
  const adopt = (pick) => {
    for (const n of nodes) {
      if (parentOf.has(n.id)) continue;
      const e = (incoming.get(n.id) || []).find((x) => pick(x) && !isAncestorOrSelf(n.id, x.source));
      if (e) parentOf.set(n.id, e.source);
    }
  };
  const created = (e) => String(e.relation).toLowerCase() === 'created';
  adopt((e) => created(e) && byId.get(e.source).type === 'process');
  adopt(created);
  adopt((e) => byId.get(e.target).type !== 'process');

  const startOf = (n) => (typeof n.time === 'number' && isFinite(n.time) ? n.time : Infinity);
  const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  const byStart = (a, b) => {
    const x = byId.get(a), y = byId.get(b);
    return startOf(x) - startOf(y) || cmp(x.label, y.label) || cmp(a, b);
  };
  const children = new Map();
  for (const [child, parent] of parentOf) {
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent).push(child);
  }
  for (const kids of children.values()) kids.sort(byStart);
  const roots = nodes.map((n) => n.id).filter((id) => !parentOf.has(id)).sort(byStart);
  const kidsOf = (id) => (id === '' ? roots : children.get(id) || []);

  const treeRelation = new Map();
  for (const e of edges) if (parentOf.get(e.target) === e.source) treeRelation.set(e.target, String(e.relation));

  const order = [];
  const stack = roots.slice().reverse();
  while (stack.length) {
    const id = stack.pop();
    order.push(id);
    const kids = kidsOf(id);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  const below = new Map();
  for (let i = order.length - 1; i >= 0; i--) {
    let sum = 0;
    for (const k of kidsOf(order[i])) sum += 1 + below.get(k);
    below.set(order[i], sum);
  }

  // What each process did, counted from its edges, and who ran it.
  const badges = new Map(), userOf = new Map();
  const KIND = (e, target) => (target.type === 'process' ? 'child' : target.type === 'network-traffic' ? 'conn'
    : target.type === 'windows-registry-key' ? 'reg' : target.type === 'file' ? (String(e.relation) === 'loaded' ? 'mod' : 'file') : undefined);
  for (const e of edges) {
    const s = byId.get(e.source), t = byId.get(e.target);
    if (s.type === 'user-account' && t.type === 'process' && !userOf.has(t.id)) userOf.set(t.id, s);
    if (s.type !== 'process') continue;
    const kind = KIND(e, t);
    if (!kind) continue;
    if (!badges.has(s.id)) badges.set(s.id, {});
    const b = badges.get(s.id);
    b[kind] = (b[kind] || 0) + 1;
  }
  const badgeText = (id) => {
    const b = badges.get(id) || {};
    const plural = (k) => (k === 'child' ? 'children' : k + 's');
    return ['conn', 'file', 'reg', 'mod', 'child'].filter((k) => b[k]).map((k) => b[k] + ' ' + (b[k] === 1 ? k : plural(k))).join(' \u00b7 ');
  };

  // Siblings of one kind: processes by name, other entities by type and the relation that hangs them from their parent.
  const nameOf = (n) => (typeof n.attrs.name === 'string' ? n.attrs.name : n.label);
  const kindOf = (id) => {
    const n = byId.get(id);
    return n.type === 'process' ? 'process ' + nameOf(n).toLowerCase() : n.type + ' ' + (treeRelation.get(id) || '');
  };
  const groups = new Map(), groupOf = new Map();
  const groupSiblings = (parent, leaves, atLeast) => {
    const up = parent === '' ? [] : byId.get(parent).variables;
    const byKind = new Map();
    for (const k of kidsOf(parent)) {
      if (groupOf.has(k)) continue;
      // A leaf held by a variable its parent is not in is one of the hunt's own: it stays out of leaf groups.
      if (leaves && (kidsOf(k).length || byId.get(k).variables.some((v) => !up.includes(v)))) continue;
      const kind = kindOf(k);
      if (!byKind.has(kind)) byKind.set(kind, []);
      byKind.get(kind).push(k);
    }
    for (const members of byKind.values()) {
      if (members.length < atLeast) continue;
      const id = 'group:' + parent + '|' + members[0];
      groups.set(id, { id, parent, members, leaves, type: byId.get(members[0]).type });
      for (const m of members) groupOf.set(m, id);
    }
  };
  for (const parent of children.keys()) groupSiblings(parent, true, FOLD_AT);
`;
