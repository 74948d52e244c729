/**
 * The view script's side of the page around the picture (a part of CLIENT_SCRIPT, sharing its scope): the
 * details panel (attributes, and the records behind a node: when, which event, from where), the table of every
 * entity in tree order (TABLE_PAGE rows a page), search, the banner of what the view leaves out or folds, and
 * the legend. Data reaches the DOM through textContent only.
 */
export const CLIENT_PANEL = String.raw`
  const $ = (id) => document.getElementById(id);
  const make = (tag, text, cls) => {
    const el = document.createElement(tag);
    if (text !== undefined) el.textContent = text;
    if (cls) el.className = cls;
    return el;
  };
  const button = (text, action, cls) => {
    const b = make('button', text, cls);
    b.type = 'button';
    b.addEventListener('click', action);
    return b;
  };
  const textOf = (v) => (typeof v === 'string' ? v : JSON.stringify(v));
  const iso = (ms) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
  const labelOf = (id) => (byId.has(id) ? byId.get(id).label : id);
  const entityLink = (id) => button(labelOf(id), () => { if (byId.has(id)) focus(id); }, 'link');

  // The table beside the picture: every entity in tree order, a page at a time; variables when there are several, depth when walked.
  const position = new Map(order.map((id, i) => [id, i]));
  const tbody = $('nodes').tBodies[0], pager = $('pager');
  const columns = [['Type', (n) => n.type], ['Label', (n) => n.label], ['Start', (n) => (startOf(n) === Infinity ? '' : iso(n.time).slice(5, 19))]];
  if (variableCount > 1) columns.push(['Variables', (n) => n.variables.join(', ')]);
  if (nodes.some((n) => n.depth !== undefined)) columns.push(['Depth', (n) => (n.depth === undefined ? '' : String(n.depth))]);
  for (const [name] of columns) $('nodes').tHead.rows[0].append(make('th', name));
  const rows = new Map();
  let page = -1, currentRow;
  const showPage = (p) => {
    if (p === page) return;
    page = p;
    rows.clear();
    tbody.replaceChildren();
    for (const id of order.slice(p * TABLE_PAGE, (p + 1) * TABLE_PAGE)) {
      const n = byId.get(id);
      const tr = make('tr');
      for (const [, value] of columns) tr.append(make('td', value(n)));
      tr.addEventListener('click', () => focus(id));
      rows.set(id, tr);
      tbody.append(tr);
    }
    const pages = Math.ceil(order.length / TABLE_PAGE);
    pager.replaceChildren();
    if (pages < 2) return;
    pager.append(button('\u2039 previous', () => showPage(Math.max(0, page - 1))),
      make('span', ' rows ' + (p * TABLE_PAGE + 1) + '\u2013' + Math.min(order.length, (p + 1) * TABLE_PAGE) + ' of ' + order.length + ' '),
      button('next \u203a', () => showPage(Math.min(pages - 1, page + 1))));
  };
  const markRow = (id) => {
    if (currentRow) currentRow.classList.remove('current');
    if (!position.has(id)) return;
    showPage(Math.floor(position.get(id) / TABLE_PAGE));
    currentRow = rows.get(id);
    currentRow.classList.add('current');
    currentRow.scrollIntoView({ block: 'nearest' });
  };

  // A collapsed node opens; a group opens into its members; a leaf of an opened group folds it back; a node collapses.
  const toggle = (id) => {
    if (collapsed.has(id)) collapsed.delete(id);
    else if (groups.has(id)) expanded.add(id);
    else if (groupOf.has(id) && expanded.has(groupOf.get(id)) && !kidsOf(id).length) expanded.delete(groupOf.get(id));
    else if (kidsOf(id).length) collapsed.add(id);
    else return false;
    refresh();
    return true;
  };
  // Opens every group and collapsed node above an entity, so that it is drawn.
  const reveal = (id) => {
    let changed = false;
    for (let c = id; c !== undefined; c = parentOf.get(c)) {
      if (c !== id && collapsed.delete(c)) changed = true;
      const g = groupOf.get(c);
      if (g && !expanded.has(g)) { expanded.add(g); changed = true; }
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
  const FACTS = input.recordFacts || {};
  const recordsTable = (n) => {
    const t = make('table', undefined, 'records');
    const head = make('tr');
    head.append(make('th', 'time'), make('th', 'event'), make('th', 'source'));
    t.append(head);
    const recs = n.records.slice().sort((a, b) => ((FACTS[a] || {}).time || 0) - ((FACTS[b] || {}).time || 0));
    for (const r of recs) {
      const f = FACTS[r] || {};
      const tr = make('tr');
      const source = make('td', f.source === undefined ? '' : f.source.split(/[\\/]/).pop());
      source.title = (f.source || '') + '\n' + r;
      tr.append(make('td', f.time === undefined ? '' : iso(f.time)), make('td', f.event || r), source);
      t.append(tr);
    }
    return t;
  };
  const showPanel = (id) => {
    panel.replaceChildren();
    const again = (action) => () => { action(); showPanel(id); };
    const g = groups.get(id);
    if (g) {
      const under = groups.has(g.parent) ? 'the members of ' + groupTitle(groups.get(g.parent)) : g.parent ? labelOf(g.parent) : 'no parent (roots)';
      panel.append(make('h2', groupTitle(g)), make('p', g.members.length + (g.leaves ? ' leaves' : ' entities') + ' of one kind under ' + under
        + ', folded into one node' + (g.leaves ? '.' : ', which shows what is below all of them, merged by kind.')));
      if (collapsed.has(id)) panel.append(button('Show what is below', again(() => toggle(id))));
      panel.append(button('Open into its ' + g.members.length + ' members', again(() => { collapsed.delete(id); toggle(id); })));
      const list = make('ul');
      for (const m of g.members.slice(0, 50)) { const li = make('li'); li.append(entityLink(m)); list.append(li); }
      panel.append(list);
      if (g.members.length > 50) panel.append(make('p', 'The first 50 of ' + g.members.length + '.'));
      return;
    }
    const n = byId.get(id);
    const facts = [['type', n.type], ['id', n.id]];
    if (n.variables.length) facts.push(['variables', n.variables.join(', ')]);
    if (n.depth !== undefined) facts.push(['depth', String(n.depth)]);
    if (startOf(n) !== Infinity) facts.push(['start', iso(n.time)]);
    if (parentOf.has(id)) facts.push(['parent', labelOf(parentOf.get(id))]);
    if (badges.has(id)) facts.push(['did', badgeText(id)]);
    panel.append(make('h2', n.label), table(facts));
    if (kidsOf(id).length) panel.append(button(collapsed.has(id) ? 'Expand subtree' : 'Collapse subtree', again(() => toggle(id))));
    if (groupOf.has(id)) panel.append(button('Fold into its group', () => { expanded.delete(groupOf.get(id)); refresh(); focus(groupOf.get(id)); }));
    panel.append(make('h3', 'Attributes'), table(Object.entries(n.attrs).map(([k, v]) => [k, textOf(v)])));
    panel.append(make('h3', 'Records (' + n.recordCount + ')'));
    if (n.records.length) panel.append(recordsTable(n));
    if (n.records.length < n.recordCount) panel.append(make('p', 'The first ' + n.records.length + ' of ' + n.recordCount + ' records.'));
  };

  const focus = (id) => {
    reveal(id);
    const el = cy.getElementById(id);
    cy.elements(':selected').unselect();
    el.select();
    cy.zoom(Math.max(cy.zoom(), 1));
    cy.center(el);
    showPanel(id);
    markRow(id);
  };

  let hits = [], hit = -1, haystack;
  const textAt = (id) => {
    haystack ??= new Map(nodes.map((n) => [n.id, [n.label].concat(Object.values(n.attrs).map(textOf)).join('\n').toLowerCase()]));
    return haystack.get(id);
  };
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
    if (q) showHit(); else hitsLabel.textContent = '';
    cy.batch(() => { for (const id of hits) cy.getElementById(id).addClass('hit'); });
    return hits.length;
  };
  const next = () => {
    if (!hits.length) return undefined;
    hit = (hit + 1) % hits.length;
    showHit();
    return hits[hit];
  };

  const banner = $('notes');
  const note = (text, ids) => {
    const li = make('li', text);
    ids.forEach((id, i) => li.append(i ? ', ' : ' ', entityLink(id)));
    banner.append(li);
  };
  const fillBanner = () => {
    if (notes.truncated > 0) note('Truncated: ' + notes.truncated + ' more entities were not drawn (the graph reached its size bound).', []);
    if (notes.cycles.length) {
      note('Cycles: ' + notes.cycles.length + ' relations close a cycle (bad data): '
        + notes.cycles.slice(0, 20).map((c) => labelOf(c.source) + ' \u2192 ' + labelOf(c.target)).join('; ')
        + (notes.cycles.length > 20 ? '; \u2026' : ''), []);
    }
    if (aggregated) {
      const shownNow = shownIds();
      note('Aggregated: ' + nodes.length + ' entities are more than the ' + FIRST_SCREEN + ' drawn at first: ' + shownNow.length + ' nodes are drawn, '
        + shownNow.filter((id) => groups.has(id)).length + ' of them groups, and ' + collapsed.size + ' collapsed (\u25b8). Double-click a node, search, or brush the timeline to open what you need.', []);
    }
    if (notes.inferredRoots.length) {
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
  };

  const fillLegend = () => {
    const legend = $('legend');
    for (const [type, cls] of typeClass) {
      const swatch = make('span', undefined, 'swatch');
      swatch.style.background = STYLES[type].color;
      if (STYLES[type].shape === 'ellipse') swatch.style.borderRadius = '50%';
      const item = make('span', undefined, 'item');
      item.append(swatch, make('span', type));
      legend.append(item);
    }
    legend.append(make('span', 'red border: the hunt\u2019s own \u00b7 dashed: group \u00b7 double: collapsed', 'key'),
      button('Fit', () => cy && cy.fit(cy.nodes().not('.hidden'), 24)));
  };
`;
