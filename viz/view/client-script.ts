/**
 * The view's own script, inlined into the page after cytoscape.js. It reads the graph from the JSON island,
 * lays the entities out as a forest (parents above children, siblings by start time), folds large groups of
 * identical siblings, and wires search, collapse, the side panel and the table. Data strings reach the DOM
 * through textContent only.
 */
export const CLIENT_SCRIPT = String.raw`
(function () {
  'use strict';
  const FOLD_OVER = 10, DX = 140, DY = 110, LABEL_MAX = 40;
  const PALETTE = {
    'process': ['#4e79a7', 'round-rectangle'],
    'file': ['#59a14f', 'rectangle'],
    'directory': ['#8cd17d', 'rectangle'],
    'network-traffic': ['#f28e2b', 'diamond'],
    'ipv4-addr': ['#e15759', 'ellipse'],
    'ipv6-addr': ['#e15759', 'ellipse'],
    'mac-addr': ['#ff9da7', 'ellipse'],
    'domain-name': ['#edc948', 'hexagon'],
    'url': ['#edc948', 'vee'],
    'user-account': ['#b07aa1', 'pentagon'],
    'windows-registry-key': ['#9c755f', 'octagon'],
    'x-oca-event': ['#bab0ac', 'tag'],
  };
  const EXTRA = ['#76b7b2', '#d37295', '#a0cbe8', '#ffbe7d', '#499894', '#86bcb6'];

  const input = JSON.parse(document.getElementById('graph').textContent);
  const notes = input.notes || { truncated: 0, cycles: [], inferredRoots: [] };
  const nodes = [], byId = new Map();
  for (const n of input.nodes) if (!byId.has(n.id)) { byId.set(n.id, n); nodes.push(n); }
  const edgeIds = new Set();
  const edges = input.edges.filter((e) => byId.has(e.source) && byId.has(e.target) && e.source !== e.target
    && !edgeIds.has(e.id) && edgeIds.add(e.id));

  // One tree parent per entity: whoever created it, else the first entity that points at it, never closing a cycle.
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
  adopt((e) => String(e.relation).toLowerCase() === 'created');
  adopt(() => true);

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
  const kidsOf = (id) => children.get(id) || [];

  // Large groups of siblings with one type and name become one counted node; those held by a variable stay out.
  const nameOf = (n) => (typeof n.attrs.name === 'string' ? n.attrs.name : n.label);
  const folds = new Map(), foldOf = new Map();
  for (const [parent, kids] of children) {
    const groups = new Map();
    for (const k of kids) {
      const n = byId.get(k);
      if (n.variables.length) continue;
      const key = JSON.stringify([n.type, nameOf(n)]);
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(k);
    }
    for (const members of groups.values()) {
      if (members.length <= FOLD_OVER) continue;
      const first = byId.get(members[0]);
      const id = 'fold:' + parent + '|' + members[0];
      folds.set(id, { id, parent, type: first.type, name: nameOf(first), members });
      for (const m of members) foldOf.set(m, id);
    }
  }

  const order = [];
  const stack = roots.slice().reverse();
  while (stack.length) {
    const id = stack.pop();
    order.push(id);
    const kids = kidsOf(id);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  const textOf = (v) => (typeof v === 'string' ? v : JSON.stringify(v));
  const haystack = new Map(nodes.map((n) => [n.id, [n.label].concat(Object.values(n.attrs).map(textOf)).join('\n').toLowerCase()]));

  const collapsed = new Set(), expanded = new Set();
  const visibleKids = (id) => {
    if (folds.has(id) || collapsed.has(id)) return [];
    const out = [], seen = new Set();
    for (const k of kidsOf(id)) {
      const f = foldOf.get(k);
      const shown = f && !expanded.has(f) ? f : k;
      if (!seen.has(shown)) { seen.add(shown); out.push(shown); }
    }
    return out;
  };
  // Leaves take consecutive columns in tree order; a parent sits above the middle of its children.
  const positions = () => {
    const pos = new Map();
    let column = 0;
    for (const root of roots) {
      const frames = [{ id: root, level: 0, kids: visibleKids(root), i: 0, first: 0, last: 0 }];
      while (frames.length) {
        const f = frames[frames.length - 1];
        if (f.i < f.kids.length) {
          const k = f.kids[f.i++];
          frames.push({ id: k, level: f.level + 1, kids: visibleKids(k), i: 0, first: 0, last: 0 });
          continue;
        }
        frames.pop();
        const x = f.kids.length ? (f.first + f.last) / 2 : column++;
        pos.set(f.id, { x: x * DX, y: f.level * DY });
        const up = frames[frames.length - 1];
        if (up) { if (up.i === 1) up.first = x; up.last = x; }
      }
      column += 0.5;
    }
    return pos;
  };

  const typeClass = new Map();
  const classOf = (type) => {
    if (!typeClass.has(type)) typeClass.set(type, 't' + typeClass.size);
    return typeClass.get(type);
  };
  const short = (s) => (s.length > LABEL_MAX ? s.slice(0, LABEL_MAX - 1) + '\u2026' : s);
  // Elements start where the layout puts them: nothing overlaps while cytoscape builds its caches.
  const initial = positions();
  const placed = (id, classes) => ({ position: initial.get(id) || { x: 0, y: 0 }, classes: classes + (initial.has(id) ? '' : ' hidden') });
  const elements = [];
  for (const n of nodes) {
    const held = n.variables.length > 0;
    elements.push(Object.assign({ group: 'nodes', data: { id: n.id, display: short(n.label) + (held ? '\n' + n.variables.join(', ') : '') } },
      placed(n.id, classOf(n.type) + (held ? ' var' : ''))));
  }
  for (const f of folds.values()) {
    elements.push(Object.assign({ group: 'nodes', data: { id: f.id, display: short(f.name) + ' \u00d7' + f.members.length } },
      placed(f.id, classOf(f.type) + ' fold')));
    elements.push({ group: 'edges', data: { id: 'edge:' + f.id, source: f.parent, target: f.id, relation: '' }, classes: 'tree' });
  }
  for (const e of edges) {
    elements.push({ group: 'edges', data: { id: e.id, source: e.source, target: e.target, relation: String(e.relation) },
      classes: parentOf.get(e.target) === e.source ? 'tree' : 'cross' });
  }
  const look = (type, cls) => PALETTE[type] || [EXTRA[Number(cls.slice(1)) % EXTRA.length], 'ellipse'];
  const big = elements.length > 4000;
  const style = [
    { selector: 'node', style: { 'label': 'data(display)', 'font-size': 10, 'text-valign': 'bottom', 'text-margin-y': 4,
      'text-wrap': 'wrap', 'text-max-width': 130, 'width': 26, 'height': 26, 'border-width': 1, 'border-color': '#333',
      'min-zoomed-font-size': 7 } },
    { selector: 'edge', style: { 'width': 1.2, 'line-color': '#999', 'target-arrow-color': '#999', 'target-arrow-shape': 'triangle',
      'curve-style': 'straight', 'arrow-scale': 0.8 } },
    { selector: 'edge.tree', style: { 'curve-style': 'taxi', 'taxi-direction': 'downward' } },
    { selector: 'edge.cross', style: { 'line-style': 'dashed', 'label': 'data(relation)', 'font-size': 8, 'color': '#777',
      'min-zoomed-font-size': 7 } },
  ].concat(Array.from(typeClass, ([type, cls]) => {
    const [color, shape] = look(type, cls);
    return { selector: 'node.' + cls, style: { 'background-color': color, 'shape': shape } };
  })).concat([
    { selector: 'node.fold', style: { 'width': 44, 'border-style': 'dashed', 'border-width': 2, 'font-weight': 'bold' } },
    { selector: 'node.var', style: { 'border-width': 4, 'border-color': '#c00', 'font-weight': 'bold', 'text-background-color': '#ffe066',
      'text-background-opacity': 1, 'text-background-padding': 2, 'text-background-shape': 'roundrectangle' } },
    { selector: 'node.collapsed', style: { 'border-style': 'double', 'border-width': 6 } },
    { selector: 'node.hit', style: { 'underlay-color': '#ffd400', 'underlay-opacity': 0.8, 'underlay-padding': 7 } },
    { selector: 'node:selected', style: { 'border-color': '#0b57d0', 'border-width': 5 } },
    { selector: '.hidden', style: { 'display': 'none' } },
  ]);

  const $ = (id) => document.getElementById(id);
  const make = (tag, text, cls) => {
    const el = document.createElement(tag);
    if (text !== undefined) el.textContent = text;
    if (cls) el.className = cls;
    return el;
  };

  const cy = cytoscape({ container: $('cy'), elements, style, layout: { name: 'preset' }, minZoom: 0.01, maxZoom: 4,
    textureOnViewport: big, hideEdgesOnViewport: big });
  const hook = { cy, renderedMs: undefined };

  const refresh = () => {
    const pos = positions();
    cy.batch(() => {
      cy.nodes().forEach((el) => {
        const p = pos.get(el.id());
        if (p) { el.removeClass('hidden'); el.position(p); } else el.addClass('hidden');
        el.toggleClass('collapsed', collapsed.has(el.id()));
      });
    });
  };
  cy.fit(cy.nodes().not('.hidden'), 30);

  // The table beside the picture: every entity in tree order.
  const rows = new Map();
  const tbody = $('nodes').tBodies[0];
  const fragment = document.createDocumentFragment();
  for (const id of order) {
    const n = byId.get(id);
    const tr = make('tr');
    tr.append(make('td', n.type), make('td', n.label), make('td', n.variables.join(', ')), make('td', n.depth === undefined ? '' : String(n.depth)));
    tr.addEventListener('click', () => focus(id));
    rows.set(id, tr);
    fragment.append(tr);
  }
  tbody.append(fragment);
  let currentRow;
  const markRow = (id) => {
    if (currentRow) currentRow.classList.remove('current');
    currentRow = rows.get(id);
    if (currentRow) { currentRow.classList.add('current'); currentRow.scrollIntoView({ block: 'nearest' }); }
  };

  const toggle = (id) => {
    if (folds.has(id)) { if (expanded.has(id)) expanded.delete(id); else expanded.add(id); }
    else if (kidsOf(id).length) { if (collapsed.has(id)) collapsed.delete(id); else collapsed.add(id); }
    else return false;
    refresh();
    return true;
  };
  const reveal = (id) => {
    let changed = false;
    for (let c = id; c !== undefined; c = parentOf.get(c)) {
      if (c !== id && collapsed.delete(c)) changed = true;
      const f = foldOf.get(c);
      if (f && !expanded.has(f)) { expanded.add(f); changed = true; }
    }
    if (changed) refresh();
  };

  const panel = $('panel');
  const table = (pairs) => {
    const t = make('table');
    for (const [k, v] of pairs) {
      const tr = make('tr');
      tr.append(make('th', k), make('td', v));
      t.append(tr);
    }
    return t;
  };
  const button = (text, action) => {
    const b = make('button', text);
    b.type = 'button';
    b.addEventListener('click', action);
    return b;
  };
  const showPanel = (id) => {
    panel.replaceChildren();
    const again = (action) => () => { action(); showPanel(id); };
    const f = folds.get(id);
    if (f) {
      panel.append(make('h2', f.name + ' \u00d7' + f.members.length),
        make('p', f.members.length + ' ' + f.type + ' entities with the same name under one parent, folded into one node.'),
        button('Expand group', again(() => toggle(id))));
      return;
    }
    const n = byId.get(id);
    const facts = [['type', n.type], ['id', n.id]];
    if (n.variables.length) facts.push(['variables', n.variables.join(', ')]);
    if (n.depth !== undefined) facts.push(['depth', String(n.depth)]);
    if (startOf(n) !== Infinity) facts.push(['start', new Date(n.time).toISOString()]);
    panel.append(make('h2', n.label), table(facts));
    if (kidsOf(id).length) panel.append(button(collapsed.has(id) ? 'Expand subtree' : 'Collapse subtree', again(() => toggle(id))));
    if (foldOf.has(id)) panel.append(button('Fold group', () => { toggle(foldOf.get(id)); focus(parentOf.get(id)); }));
    panel.append(make('h3', 'Attributes'), table(Object.entries(n.attrs).map(([k, v]) => [k, textOf(v)])));
    panel.append(make('h3', 'Records (' + n.recordCount + ')'));
    const list = make('ul');
    for (const r of n.records) list.append(make('li', r));
    panel.append(list);
    if (n.records.length < n.recordCount) panel.append(make('p', 'The first ' + n.records.length + ' of ' + n.recordCount + ' records.'));
  };

  const focus = (id) => {
    reveal(id);
    const el = cy.getElementById(id);
    cy.elements(':selected').unselect();
    el.select();
    cy.zoom(Math.max(cy.zoom(), 1.2));
    cy.center(el);
    showPanel(id);
    markRow(id);
  };

  let hits = [], hit = -1;
  const hitsLabel = $('hits');
  const showHit = () => {
    hitsLabel.textContent = hits.length ? (hit + 1) + ' / ' + hits.length : 'no match';
    if (hits.length) focus(hits[hit]);
  };
  const search = (text) => {
    const q = text.trim().toLowerCase();
    cy.nodes('.hit').removeClass('hit');
    hits = q ? order.filter((id) => haystack.get(id).includes(q)) : [];
    hit = 0;
    cy.batch(() => { for (const id of hits) cy.getElementById(id).addClass('hit'); });
    if (q) showHit(); else hitsLabel.textContent = '';
    return hits.length;
  };
  const next = () => {
    if (!hits.length) return undefined;
    hit = (hit + 1) % hits.length;
    showHit();
    return hits[hit];
  };
  const box = $('search');
  box.addEventListener('input', () => search(box.value));
  box.addEventListener('keydown', (e) => { if (e.key === 'Enter') next(); });

  cy.on('tap', 'node', (e) => { showPanel(e.target.id()); markRow(e.target.id()); });
  cy.on('dbltap', 'node', (e) => { if (toggle(e.target.id())) showPanel(e.target.id()); });

  const legend = $('legend');
  for (const [type, cls] of typeClass) {
    const swatch = make('span', undefined, 'swatch');
    const [color, shape] = look(type, cls);
    swatch.style.background = color;
    if (shape === 'ellipse') swatch.style.borderRadius = '50%';
    const row = make('div');
    row.append(swatch, make('span', type));
    legend.append(row);
  }
  legend.append(make('div', 'red border: held by a hunt variable; dashed: folded group; double: collapsed'));

  const banner = $('notes');
  const labelOf = (id) => (byId.has(id) ? byId.get(id).label : id);
  const entityLink = (id) => {
    const b = button(labelOf(id), () => { if (byId.has(id)) focus(id); });
    b.className = 'link';
    return b;
  };
  const note = (text, ids) => {
    const li = make('li', text);
    ids.forEach((id, i) => li.append(i ? ', ' : ' ', entityLink(id)));
    banner.append(li);
  };
  if (notes.truncated > 0) note('Truncated: ' + notes.truncated + ' more entities were not drawn (the graph reached its size bound).', []);
  if (notes.cycles.length) {
    banner.append(make('li', 'Cycles: ' + notes.cycles.length + ' relations close a cycle (bad data): '
      + notes.cycles.slice(0, 20).map((c) => labelOf(c.source) + ' \u2192 ' + labelOf(c.target)).join('; ')
      + (notes.cycles.length > 20 ? '; \u2026' : '')));
  }
  if (notes.inferredRoots.length) note('Inferred roots (only the earliest ancestor seen in the data, not a true root):', notes.inferredRoots);
  banner.hidden = banner.children.length === 0;

  // Element.visible() is cached until the next frame; the computed style is current.
  const shown = (el) => el.pstyle('display').value !== 'none';
  Object.assign(hook, {
    search, next, toggle, select: focus,
    nodeCount: () => cy.nodes().filter(shown).length,
    edgeCount: () => cy.edges().filter((e) => shown(e) && shown(e.source()) && shown(e.target())).length,
  });
  window.kestrelView = hook;
  cy.one('render', () => {
    hook.renderedMs = performance.now();
    performance.mark('kestrel-rendered');
  });
})();
`;
