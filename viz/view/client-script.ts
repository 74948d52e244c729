import { FIRST_SCREEN } from './first-screen';

/**
 * The view's own script, inlined into the page after cytoscape.js. It reads the graph from the JSON island,
 * lays the entities out as a forest packed tree by tree in rows (parents above children, siblings by start
 * time), folds large groups of leaves of one kind, opens a big graph aggregated (subtrees collapsed past
 * FIRST_SCREEN entities, said in the banner), and wires search, collapse, the side panel and the table.
 * Elements enter cytoscape when first shown. Data strings reach the DOM through textContent only. The body
 * gets data-state="ready" once the first layout is drawn.
 */
export const CLIENT_SCRIPT = String.raw`
(function () {
  'use strict';
  const FOLD_OVER = 10, DX = 150, DY = 120, LABEL_MAX = 40, FIRST_SCREEN = ${FIRST_SCREEN}, ROOTS_LISTED = 100;
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

  // One tree parent per entity: the process that created it, else whoever created it, else (not for processes) the first entity that points at it,
  // never closing a cycle.
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
  const kidsOf = (id) => children.get(id) || [];

  const treeRelation = new Map();
  for (const e of edges) if (parentOf.get(e.target) === e.source) treeRelation.set(e.target, String(e.relation));

  // Large groups of sibling leaves of one kind become one counted node: processes by name, other entities by
  // type and relation ("115 file loaded"); those held by a variable their parent is not in stay out.
  const nameOf = (n) => (typeof n.attrs.name === 'string' ? n.attrs.name : n.label);
  const folds = new Map(), foldOf = new Map();
  for (const [parent, kids] of children) {
    const groups = new Map();
    for (const k of kids) {
      const n = byId.get(k);
      const up = byId.get(parent).variables;
      if (n.variables.some((v) => !up.includes(v)) || (children.get(k) || []).length) continue;
      const key = JSON.stringify(n.type === 'process' ? [n.type, nameOf(n)] : [n.type, treeRelation.get(k)]);
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(k);
    }
    for (const members of groups.values()) {
      if (members.length <= FOLD_OVER) continue;
      const first = byId.get(members[0]);
      const id = 'fold:' + parent + '|' + members[0];
      const name = first.type === 'process' ? nameOf(first) + ' ×' + members.length
        : members.length + ' ' + first.type + ' ' + (treeRelation.get(members[0]) || '');
      folds.set(id, { id, parent, type: first.type, name, members });
      for (const m of members) foldOf.set(m, id);
    }
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
  const clock = (ms) => new Date(ms).toISOString().slice(11, 19);
  const badgeText = (id) => {
    const b = badges.get(id) || {};
    return ['conn', 'file', 'reg', 'mod', 'child'].filter((k) => b[k]).map((k) => b[k] + ' ' + k).join(' · ');
  };

  const order = [];
  const stack = roots.slice().reverse();
  while (stack.length) {
    const id = stack.pop();
    order.push(id);
    const kids = kidsOf(id);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  const textOf = (v) => (typeof v === 'string' ? v : JSON.stringify(v));
  let haystack;
  const textAt = (id) => {
    haystack ??= new Map(nodes.map((n) => [n.id, [n.label].concat(Object.values(n.attrs).map(textOf)).join('\n').toLowerCase()]));
    return haystack.get(id);
  };

  const collapsed = new Set(), expanded = new Set();
  const shownKids = (id) => {
    const out = [], seen = new Set();
    for (const k of kidsOf(id)) {
      const f = foldOf.get(k);
      const shown = f && !expanded.has(f) ? f : k;
      if (!seen.has(shown)) { seen.add(shown); out.push(shown); }
    }
    return out;
  };
  // A big graph opens aggregated: breadth first from the roots, a node whose children would pass FIRST_SCREEN starts collapsed.
  let drawnFirst = 0;
  {
    let level = roots.slice();
    drawnFirst = level.length;
    while (level.length) {
      const nextLevel = [];
      for (const id of level) {
        if (folds.has(id)) continue;
        const kids = shownKids(id);
        if (!kids.length) continue;
        if (drawnFirst + kids.length > FIRST_SCREEN) { collapsed.add(id); continue; }
        drawnFirst += kids.length;
        for (const k of kids) nextLevel.push(k);
      }
      level = nextLevel;
    }
  }
  const aggregated = collapsed.size > 0;
  const visibleKids = (id) => (folds.has(id) || collapsed.has(id) ? [] : shownKids(id));
  // In a tree, leaves take consecutive columns in tree order and a parent sits above the middle of its
  // children; the trees are packed in rows, tree by tree, into a roughly 16:9 page.
  const treeAt = (root, pos) => {
    let column = 0, depth = 0;
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
      if (f.level > depth) depth = f.level;
      pos.set(f.id, { x, y: f.level });
      const up = frames[frames.length - 1];
      if (up) { if (up.i === 1) up.first = x; up.last = x; }
    }
    return { width: column, height: depth + 1 };
  };
  const positions = () => {
    const pos = new Map(), trees = [];
    let area = 0, widest = 0;
    for (const root of roots) {
      const local = new Map(), size = treeAt(root, local);
      trees.push({ local, size });
      area += size.width * DX * size.height * DY;
      widest = Math.max(widest, size.width);
    }
    const rowWidth = Math.max(widest, Math.sqrt(area * 16 / 9) / DX);
    let x0 = 0, y0 = 0, rowHeight = 0;
    for (const { local, size } of trees) {
      if (x0 > 0 && x0 + size.width > rowWidth) { x0 = 0; y0 += rowHeight + 0.6; rowHeight = 0; }
      for (const [id, p] of local) pos.set(id, { x: (x0 + p.x) * DX, y: (y0 + p.y) * DY });
      x0 += size.width + 0.5;
      rowHeight = Math.max(rowHeight, size.height);
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
  for (const n of nodes) classOf(n.type);
  // Entities hidden under each node: its descendants, for the count a collapsed node shows.
  const below = new Map();
  for (let i = order.length - 1; i >= 0; i--) {
    const id = order[i];
    below.set(id, kidsOf(id).reduce((sum, k) => sum + 1 + below.get(k), 0));
  }
  const displayOf = (id) => {
    const f = folds.get(id);
    if (f) return short(f.name);
    const n = byId.get(id);
    const lines = [short(n.label)];
    if (n.type === 'process') {
      const who = [userOf.has(id) ? userOf.get(id).label : n.attrs.user, startOf(n) !== Infinity ? clock(n.time) : undefined].filter((x) => typeof x === 'string');
      if (who.length) lines.push(short(who.join(' \u00b7 ')));
      const b = badgeText(id);
      if (b) lines.push(b);
    }
    if (n.variables.length) lines.push(short(n.variables.join(', ')));
    if (collapsed.has(id)) lines.push('\u25b8 ' + below.get(id) + ' more');
    return lines.join('\n');
  };
  const edgesAt = new Map();
  for (const e of edges) for (const end of [e.source, e.target]) {
    if (!edgesAt.has(end)) edgesAt.set(end, []);
    edgesAt.get(end).push(e);
  }
  // Elements for what a layout shows and is not in cytoscape yet: nodes, then the edges whose two ends are in.
  const newElements = (pos) => {
    const out = [], added = [];
    for (const [id, position] of pos) {
      if (cy && cy.getElementById(id).nonempty()) continue;
      const f = folds.get(id);
      const classes = f ? classOf(f.type) + ' fold' : classOf(byId.get(id).type) + (byId.get(id).variables.length ? ' var' : '');
      out.push({ group: 'nodes', data: { id, display: displayOf(id) }, position, classes });
      added.push(id);
    }
    const present = (id) => pos.has(id) || (cy && cy.getElementById(id).nonempty());
    const seen = new Set();
    for (const id of added) {
      const f = folds.get(id);
      if (f) { out.push({ group: 'edges', data: { id: 'edge:' + id, source: f.parent, target: id, relation: '' }, classes: 'tree' }); continue; }
      for (const e of edgesAt.get(id) || []) {
        if (seen.has(e.id) || !present(e.source) || !present(e.target)) continue;
        if (cy && cy.getElementById(e.id).nonempty()) continue;
        seen.add(e.id);
        out.push({ group: 'edges', data: { id: e.id, source: e.source, target: e.target, relation: String(e.relation) },
          classes: parentOf.get(e.target) === e.source ? 'tree' : 'cross' });
      }
    }
    return out;
  };
  let cy;
  const initial = positions();
  const elements = newElements(initial);
  const look = (type, cls) => PALETTE[type] || [EXTRA[Number(cls.slice(1)) % EXTRA.length], 'ellipse'];
  const big = elements.length > 4000;
  const style = [
    { selector: 'node', style: { 'label': 'data(display)', 'font-size': 10, 'text-valign': 'bottom', 'text-margin-y': 4,
      'text-wrap': 'wrap', 'text-max-width': DX - 10, 'width': 26, 'height': 26, 'border-width': 1, 'border-color': '#333',
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

  cy = cytoscape({ container: $('cy'), elements, style, layout: { name: 'preset' }, minZoom: 0.01, maxZoom: 4,
    textureOnViewport: big, hideEdgesOnViewport: big });
  cy.nodes().forEach((el) => { if (collapsed.has(el.id())) el.addClass('collapsed'); });
  const hook = { cy, renderedMs: undefined };

  const refresh = () => {
    const pos = positions();
    cy.batch(() => {
      cy.add(newElements(pos));
      cy.nodes().forEach((el) => {
        const p = pos.get(el.id());
        if (p) { el.removeClass('hidden'); el.position(p); } else el.addClass('hidden');
        const was = el.hasClass('collapsed'), is = collapsed.has(el.id());
        if (was !== is) { el.toggleClass('collapsed', is); el.data('display', displayOf(el.id())); }
      });
    });
  };
  cy.fit(cy.nodes().not('.hidden'), 30);
  // Zoomed out to fit, labels grow so that they stay about 8 px on screen, wrapping within their column.
  if (cy.zoom() < 1) cy.style().selector('node').style('font-size', Math.min(30, 8 / cy.zoom())).update();

  // The table beside the picture: every entity in tree order, filled in slices once the picture is drawn.
  const rows = new Map();
  const tbody = $('nodes').tBodies[0];
  const fillRows = (from) => {
    const fragment = document.createDocumentFragment();
    for (const id of order.slice(from, from + 2000)) {
      const n = byId.get(id);
      const tr = make('tr');
      tr.append(make('td', n.type), make('td', n.label), make('td', n.variables.join(', ')), make('td', n.depth === undefined ? '' : String(n.depth)));
      tr.addEventListener('click', () => focus(id));
      rows.set(id, tr);
      fragment.append(tr);
    }
    tbody.append(fragment);
    if (from + 2000 < order.length) setTimeout(() => fillRows(from + 2000), 0);
  };
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
      panel.append(make('h2', f.name),
        make('p', f.members.length + ' ' + f.type + ' leaves of one kind under one parent, folded into one node.'),
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
    hits = q ? order.filter((id) => textAt(id).includes(q)) : [];
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
  if (aggregated) {
    const shownNow = cy.nodes().not('.hidden').length;
    note('Aggregated: ' + nodes.length + ' entities are more than the ' + FIRST_SCREEN + ' drawn at first, so ' + collapsed.size
      + ' subtrees start collapsed (\u25b8 N more) and ' + shownNow + ' nodes are drawn. Double-click a node, or search, to expand.', []);
  }
  if (notes.inferredRoots.length) {
    // A count, opening on a list to filter: the first ROOTS_LISTED that match are links.
    const li = make('li'), details = make('details');
    const summary = make('summary', notes.inferredRoots.length + ' inferred roots (only the earliest ancestor seen in the data, not a true root)');
    const filter = make('input');
    filter.type = 'search';
    filter.placeholder = 'Filter roots';
    filter.setAttribute('aria-label', 'Filter inferred roots');
    const list = make('div', undefined, 'roots');
    const fill = () => {
      const q = filter.value.trim().toLowerCase();
      const matching = notes.inferredRoots.filter((id) => !q || labelOf(id).toLowerCase().includes(q));
      list.replaceChildren();
      matching.slice(0, ROOTS_LISTED).forEach((id, i) => list.append(i ? ', ' : '', entityLink(id)));
      if (matching.length > ROOTS_LISTED) list.append(make('span', ' \u2026 and ' + (matching.length - ROOTS_LISTED) + ' more: filter to find them'));
    };
    filter.addEventListener('input', fill);
    fill();
    details.append(summary, filter, list);
    li.append(details);
    banner.append(li);
  }
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
    document.body.dataset.state = 'ready';
    setTimeout(() => fillRows(0), 0);
  });
})();
`;
