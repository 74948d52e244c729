/**
 * The timeline strip under the tree (a part of CLIENT_SCRIPT, sharing its scope): every entity with a start time
 * (a process's creation, else when first observed), counted per pixel column and stacked by type colour.
 * Dragging across it (brushing) selects the entities that started in that span: the drawn node standing for
 * each (itself, its group, or its collapsed ancestor) is selected, and the panel lists them.
 */
export const CLIENT_TIMELINE = String.raw`
  const strip = $('timeline'), canvas = strip.querySelector('canvas'), brushBox = $('brush'), timeMark = $('time-mark');
  const timed = order.filter((id) => startOf(byId.get(id)) !== Infinity);
  let tMin = Infinity, tMax = -Infinity;
  for (const id of timed) { const t = byId.get(id).time; if (t < tMin) tMin = t; if (t > tMax) tMax = t; }
  const PAD = 8;
  const xOf = (t) => PAD + (tMax > tMin ? (t - tMin) / (tMax - tMin) : 0.5) * (canvas.clientWidth - 2 * PAD);
  const timeAt = (x) => tMin + Math.max(0, Math.min(1, (x - PAD) / Math.max(1, canvas.clientWidth - 2 * PAD))) * (tMax - tMin);
  const drawTimeline = () => {
    const w = canvas.clientWidth, h = canvas.clientHeight, ratio = window.devicePixelRatio || 1;
    canvas.width = w * ratio;
    canvas.height = h * ratio;
    const ctx = canvas.getContext('2d');
    ctx.scale(ratio, ratio);
    const columns = Math.max(1, Math.floor(w));
    const counts = new Map();
    let most = 1;
    const total = new Array(columns).fill(0);
    for (const id of timed) {
      const n = byId.get(id), x = Math.min(columns - 1, Math.max(0, Math.floor(xOf(n.time))));
      if (!counts.has(n.type)) counts.set(n.type, new Array(columns).fill(0));
      counts.get(n.type)[x]++;
      most = Math.max(most, ++total[x]);
    }
    const bar = h - 16, base = new Array(columns).fill(0);
    for (const [type, column] of counts) {
      ctx.fillStyle = STYLES[type].color;
      column.forEach((c, x) => {
        if (!c) return;
        const from = Math.sqrt(base[x] / most) * bar, to = Math.max(3, Math.sqrt((base[x] + c) / most) * bar);
        ctx.fillRect(x - 1, bar - to, 2, Math.max(1, to - from));
        base[x] += c;
      });
    }
    ctx.fillStyle = '#555';
    ctx.font = '11px system-ui, sans-serif';
    ctx.textBaseline = 'bottom';
    ctx.textAlign = 'left';
    ctx.fillText(iso(tMin), PAD, h);
    ctx.textAlign = 'right';
    ctx.fillText(iso(tMax), w - PAD, h);
  };
  const markTime = (id) => {
    const n = byId.get(id);
    timeMark.hidden = !n || startOf(n) === Infinity;
    if (!timeMark.hidden) timeMark.style.left = xOf(n.time) + 'px';
  };
  // The drawn node that stands for an entity: itself, else its folded group, else its nearest drawn ancestor.
  const drawnFor = (id) => {
    for (let c = id; c !== undefined; c = parentOf.get(c)) {
      for (const candidate of [c, groupOf.get(c)]) {
        if (candidate === undefined) continue;
        const el = cy.getElementById(candidate);
        if (el.nonempty() && !el.hasClass('hidden')) return el;
      }
    }
    return undefined;
  };
  const brush = (from, to) => {
    const inSpan = timed.filter((id) => byId.get(id).time >= from && byId.get(id).time <= to);
    brushBox.hidden = false;
    brushBox.style.left = xOf(from) + 'px';
    brushBox.style.width = Math.max(2, xOf(to) - xOf(from)) + 'px';
    cy.elements(':selected').unselect();
    cy.batch(() => { for (const id of inSpan) { const el = drawnFor(id); if (el) el.select(); } });
    panel.replaceChildren(make('h2', inSpan.length + ' entities started between ' + iso(from) + ' and ' + iso(to)));
    const list = make('ul');
    for (const id of inSpan.slice(0, 100)) { const li = make('li'); li.append(entityLink(id), ' ' + iso(byId.get(id).time)); list.append(li); }
    panel.append(list);
    if (inSpan.length > 100) panel.append(make('p', 'The first 100 of ' + inSpan.length + ': brush a shorter span to see the others.'));
    return inSpan.length;
  };
  const wireTimeline = () => {
    if (!timed.length) { strip.hidden = true; return; }
    drawTimeline();
    new ResizeObserver(drawTimeline).observe(canvas);
    let down;
    const xIn = (e) => e.clientX - canvas.getBoundingClientRect().left;
    canvas.addEventListener('pointerdown', (e) => { down = xIn(e); canvas.setPointerCapture(e.pointerId); });
    canvas.addEventListener('pointermove', (e) => {
      if (down === undefined) return;
      brushBox.hidden = false;
      brushBox.style.left = Math.min(down, xIn(e)) + 'px';
      brushBox.style.width = Math.abs(xIn(e) - down) + 'px';
    });
    canvas.addEventListener('pointerup', (e) => {
      const a = down, b = xIn(e);
      down = undefined;
      if (Math.abs(b - a) < 3) { brushBox.hidden = true; return; }
      brush(timeAt(Math.min(a, b)), timeAt(Math.max(a, b)));
    });
  };
`;
