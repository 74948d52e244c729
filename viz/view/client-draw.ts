/**
 * How the view script draws (a part of CLIENT_SCRIPT, sharing its scope): labels (a process's name and pid, user
 * and start, badges; the variables when the graph has several), styles by type from the island, elements
 * added to cytoscape when first shown, and `refresh` after a fold, a collapse or an expansion. `draw` starts
 * cytoscape once the drawing area has a size (a notebook may load the view inside a closed <details>), fits
 * what is shown, but never above MAX_ZOOM (a few nodes stay their size) nor below MIN_ZOOM, where labels stop
 * being readable: then the first tree's root is at the top, in the middle.
 */
export const CLIENT_DRAW = String.raw`
  const STYLES = input.styles, NOUNS = input.nouns;
  const typeClass = new Map(Object.keys(STYLES).map((type, i) => [type, 't' + i]));
  const variableCount = new Set(nodes.flatMap((n) => n.variables)).size;
  const clock = (ms) => new Date(ms).toISOString().slice(11, 19);
  // Long names lose their middle (a process keeps its pid), paths their head (a file keeps its name).
  const short = (s) => {
    if (s.length <= LABEL_MAX) return s;
    if (/[\\/]/.test(s)) return '\u2026' + s.slice(s.length - LABEL_MAX + 1);
    const tail = Math.floor(LABEL_MAX / 2.5);
    return s.slice(0, LABEL_MAX - tail - 1) + '\u2026' + s.slice(s.length - tail);
  };
  const groupTitle = (g) => {
    const first = byId.get(g.members[0]);
    return first.type === 'process' ? (nameOf(first) || first.label) + ' \u00d7' + g.members.length
      : g.members.length + ' ' + (NOUNS[first.type + ' ' + treeRelation.get(first.id)] || NOUNS[first.type] || first.type)
        + (treeRelation.has(first.id) ? ' ' + treeRelation.get(first.id) : '');
  };
  // When a group's members started: one time, a span within a day, or the days it spans.
  const groupSpan = (g) => {
    const times = g.members.map((m) => startOf(byId.get(m))).filter(isFinite);
    if (!times.length) return undefined;
    const first = Math.min.apply(null, times), last = Math.max.apply(null, times);
    if (first === last) return clock(first);
    if (last - first < 86400000) return clock(first) + '\u2013' + clock(last);
    return new Date(first).toISOString().slice(5, 10) + ' \u2013 ' + new Date(last).toISOString().slice(5, 10);
  };
  const displayOf = (id) => {
    const g = groups.get(id);
    if (g) {
      const more = collapsed.has(id) ? '\u25b8 ' + g.members.reduce((sum, m) => sum + below.get(m), 0) + ' more' : undefined;
      return [short(groupTitle(g)), groupSpan(g), more].filter(Boolean).join('\n');
    }
    const n = byId.get(id);
    const lines = [short(n.label)];
    if (n.type === 'process') {
      const who = [userOf.has(id) ? userOf.get(id).label : n.attrs.user, startOf(n) !== Infinity ? clock(n.time) : undefined].filter((x) => typeof x === 'string');
      if (who.length) lines.push(short(who.join(' \u00b7 ')));
      const b = badgeText(id);
      if (b) lines.push(b);
    }
    if (variableCount > 1 && n.variables.length) lines.push(short(n.variables.join(', ')));
    if (collapsed.has(id)) lines.push('\u25b8 ' + below.get(id) + ' more');
    return lines.join('\n');
  };
  const classesOf = (id) => {
    const g = groups.get(id);
    const held = g ? g.members.some((m) => byId.get(m).variables.length) : byId.get(id).variables.length;
    return typeClass.get(g ? g.type : byId.get(id).type) + (g ? ' group' : '') + (held ? ' var' : '') + (collapsed.has(id) ? ' collapsed' : '');
  };
  const edgesAt = new Map();
  for (const e of edges) for (const end of [e.source, e.target]) {
    if (!edgesAt.has(end)) edgesAt.set(end, []);
    edgesAt.get(end).push(e);
  }
  let cy;
  const inCy = (id) => cy !== undefined && cy.getElementById(id).nonempty();
  // Elements for what a layout shows and is not in cytoscape yet: nodes, then the edges whose two ends are in.
  const newElements = (pos) => {
    const out = [], added = [];
    for (const [id, position] of pos) {
      if (inCy(id)) continue;
      out.push({ group: 'nodes', data: { id, display: displayOf(id) }, position, classes: classesOf(id) });
      added.push(id);
    }
    const present = (id) => pos.has(id) || inCy(id);
    const seen = new Set();
    for (const id of added) {
      // Under a group, or a group under its parent: the edge the layout drew it with.
      const up = shownParent.get(id);
      if (up && (groups.has(id) || groups.has(up)) && !inCy('edge:' + up + '>' + id)) {
        out.push({ group: 'edges', data: { id: 'edge:' + up + '>' + id, source: up, target: id }, classes: 'tree' });
      }
      if (groups.has(id)) continue;
      for (const e of edgesAt.get(id) || []) {
        if (seen.has(e.id) || !present(e.source) || !present(e.target) || inCy(e.id)) continue;
        seen.add(e.id);
        out.push({ group: 'edges', data: { id: e.id, source: e.source, target: e.target, relation: String(e.relation) },
          classes: parentOf.get(e.target) === e.source ? 'tree' : 'cross' });
      }
    }
    return out;
  };
  const style = [
    { selector: 'node', style: { 'label': 'data(display)', 'font-size': FONT, 'text-valign': 'bottom', 'text-margin-y': 3, 'color': '#222',
      'text-wrap': 'wrap', 'text-max-width': DX - 14, 'text-overflow-wrap': 'anywhere', 'width': 22, 'height': 22,
      'border-width': 1, 'border-color': '#333', 'min-zoomed-font-size': 5 } },
    { selector: 'edge', style: { 'width': 1.2, 'line-color': '#999', 'target-arrow-color': '#999', 'target-arrow-shape': 'triangle',
      'curve-style': 'straight', 'arrow-scale': 0.8 } },
    { selector: 'edge.tree', style: { 'curve-style': 'taxi', 'taxi-direction': 'downward' } },
    { selector: 'edge.cross', style: { 'line-style': 'dashed', 'opacity': 0.3 } },
    { selector: 'edge.near', style: { 'opacity': 1, 'label': 'data(relation)', 'font-size': FONT - 2, 'color': '#555', 'line-color': '#0b57d0',
      'target-arrow-color': '#0b57d0', 'text-background-color': '#fff', 'text-background-opacity': 0.8 } },
  ].concat(Array.from(typeClass, ([type, cls]) => ({ selector: 'node.' + cls, style: { 'background-color': STYLES[type].color, 'shape': STYLES[type].shape } })))
    .concat([
      { selector: 'node.group', style: { 'width': 40, 'height': 26, 'border-style': 'dashed', 'border-width': 2, 'font-weight': 'bold' } },
      { selector: 'node.var', style: { 'border-width': 3, 'border-color': '#c00' } },
      { selector: 'node.collapsed', style: { 'border-style': 'double', 'border-width': 6 } },
      { selector: 'node.hit', style: { 'underlay-color': '#ffd400', 'underlay-opacity': 0.9, 'underlay-padding': 8 } },
      { selector: 'node.brushed', style: { 'underlay-color': '#0b57d0', 'underlay-opacity': 0.35, 'underlay-padding': 6 } },
      { selector: 'node:selected', style: { 'border-color': '#0b57d0', 'border-width': 5 } },
      { selector: '.hidden', style: { 'display': 'none' } },
    ]);

  const area = document.getElementById('cy');
  const areaSize = () => ({ width: Math.max(1, area.clientWidth), height: Math.max(1, area.clientHeight) });
  const fitShown = () => {
    const shown = cy.nodes().not('.hidden');
    cy.fit(shown, 24);
    if (cy.zoom() > MAX_ZOOM) {
      cy.zoom(MAX_ZOOM);
      cy.center(shown);
    }
    if (cy.zoom() >= MIN_ZOOM) return;
    const root = cy.getElementById(visibleKids('')[0]).position();
    cy.zoom(MIN_ZOOM);
    cy.pan({ x: area.clientWidth / 2 - root.x * MIN_ZOOM, y: 40 - root.y * MIN_ZOOM });
  };
  const refresh = () => {
    const pos = positions(areaSize());
    cy.batch(() => {
      cy.add(newElements(pos));
      cy.nodes().forEach((el) => {
        const p = pos.get(el.id());
        if (p) { el.removeClass('hidden'); el.position(p); } else el.addClass('hidden');
        const is = collapsed.has(el.id());
        if (el.hasClass('collapsed') !== is) { el.toggleClass('collapsed', is); el.data('display', displayOf(el.id())); }
      });
    });
  };
  const draw = (then) => {
    const start = () => {
      cy = cytoscape({ container: area, elements: newElements(positions(areaSize())), style, layout: { name: 'preset' },
        minZoom: 0.02, maxZoom: 4 });
      fitShown();
      new ResizeObserver(() => cy.resize()).observe(area);
      then();
    };
    if (area.clientWidth > 0 && area.clientHeight > 0) return start();
    const sized = new ResizeObserver(() => {
      if (area.clientWidth === 0 || area.clientHeight === 0) return;
      sized.disconnect();
      start();
    });
    sized.observe(area);
  };
`;
