/**
 * What the view script shows and where (a part of CLIENT_SCRIPT, sharing its scope). A folded group stands for
 * its members; a group of siblings that have children shows the children of all its members merged by kind (two
 * or more of a kind are a group again), so that a thousand alike trees read as one; a collapsed node hides what
 * is below it. A graph that shows more than FIRST_SCREEN nodes opens
 * aggregated: breadth first from the roots, where a node's children and what is below them would pass FIRST_SCREEN
 * they are grouped by kind (from GROUP_AT of a kind: the same chain on forty hosts reads as one), and if the
 * children alone still would, the node starts collapsed. Each tree is laid out parents above children, leaves in consecutive columns in
 * tree order, a parent above the middle of its children; trees are packed in rows, as wide as makes the
 * whole fit the drawing area at the largest zoom.
 */
export const CLIENT_LAYOUT = String.raw`
  const expanded = new Set(), collapsed = new Set(), shownParent = new Map();
  const shownOf = (id) => {
    const g = groupOf.get(id);
    return g && !expanded.has(g) ? g : id;
  };
  const mergedKids = (g) => {
    const byKind = new Map();
    for (const m of g.members) for (const k of kidsOf(m)) {
      const kind = kindOf(k);
      if (!byKind.has(kind)) byKind.set(kind, []);
      byKind.get(kind).push(k);
    }
    const out = [];
    for (const [kind, members] of byKind) {
      if (members.length < 2) { out.push(members[0]); continue; }
      const id = g.id + '>' + kind;
      if (!groups.has(id)) groups.set(id, { id, parent: g.id, members, leaves: false, type: byId.get(members[0]).type });
      if (expanded.has(id)) for (const m of members) out.push(m);
      else out.push(id);
    }
    return out;
  };
  const visibleKids = (id) => {
    if (collapsed.has(id)) return [];
    const g = groups.get(id);
    let out = [];
    if (g) out = g.leaves ? [] : mergedKids(g);
    else {
      const seen = new Set();
      for (const k of kidsOf(id)) {
        const s = shownOf(k);
        if (!seen.has(s)) { seen.add(s); out.push(s); }
      }
    }
    for (const k of out) shownParent.set(k, id);
    return out;
  };
  const shownIds = () => {
    const out = [], todo = visibleKids('');
    while (todo.length) {
      const id = todo.pop();
      out.push(id);
      for (const k of visibleKids(id)) todo.push(k);
    }
    return out;
  };
  const aggregated = nodes.length > FIRST_SCREEN && shownIds().length > FIRST_SCREEN;
  if (aggregated) {
    let level = [''], drawn = 0;
    while (level.length) {
      const nextLevel = [];
      for (const id of level) {
        let kids = visibleKids(id);
        if (!groups.has(id) && drawn + kids.reduce((n, k) => n + 1 + (below.get(k) || 0), 0) > FIRST_SCREEN) {
          groupSiblings(id, false, GROUP_AT);
          kids = visibleKids(id);
        }
        if (drawn + kids.length > FIRST_SCREEN && id !== '') { collapsed.add(id); continue; }
        drawn += kids.length;
        for (const k of kids) nextLevel.push(k);
      }
      level = nextLevel;
    }
  }

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
  const pack = (trees, rowWidth) => {
    const at = [];
    let x0 = 0, y0 = 0, rowHeight = 0, width = 0;
    for (const { size } of trees) {
      if (x0 > 0 && x0 + size.width > rowWidth) { x0 = 0; y0 += rowHeight + 0.25; rowHeight = 0; }
      at.push([x0, y0]);
      x0 += size.width + 0.3;
      width = Math.max(width, x0);
      rowHeight = Math.max(rowHeight, size.height);
    }
    return { at, width: width * DX, height: (y0 + rowHeight) * DY };
  };
  const positions = (screen) => {
    const pos = new Map(), trees = [];
    let widest = 1, total = 0;
    for (const root of visibleKids('')) {
      const local = new Map(), size = treeAt(root, local);
      trees.push({ local, size });
      widest = Math.max(widest, size.width);
      total += size.width + 0.3;
    }
    const zoomOut = (p) => Math.max(p.width / screen.width, p.height / screen.height);
    let best = pack(trees, widest);
    for (let w = widest * 1.15; w < total * 1.15; w *= 1.15) {
      const p = pack(trees, w);
      if (zoomOut(p) < zoomOut(best)) best = p;
    }
    trees.forEach(({ local }, i) => {
      const [x0, y0] = best.at[i];
      for (const [id, p] of local) pos.set(id, { x: (x0 + p.x) * DX, y: (y0 + p.y) * DY });
    });
    return pos;
  };
`;
