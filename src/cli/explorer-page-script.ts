/**
 * The explorer page's script: a notebook. Each block run becomes a cell at the bottom (its number, its source
 * with line numbers, its output) that can be re-run or edited; an error's place opens its block in the editor
 * there. A block run with "follow" checked stays live: its output is replaced as GET /live streams it (JSON lines
 * read from fetch's body), until its Stop button ends it. Sources are set as text; outputs are HTML the server
 * escaped. A new view gets a new frame: a frame's srcdoc changed while the page loads may be lost on reload, and
 * each change would be a step of the Back button.
 */
export const EXPLORER_SCRIPT = `
const token = document.querySelector('meta[name="kestrel-token"]').content;
const cells = document.getElementById('cells');
const editor = document.getElementById('huntflow');
const followBox = document.getElementById('follow');
const sources = new Map();
let shownView;

function request(path, body) {
  const init = { headers: { 'x-kestrel-token': token } };
  if (body !== undefined) Object.assign(init, { method: 'POST', body: JSON.stringify(body) });
  return fetch(path, init).then(async (res) => {
    if (!res.ok) throw new Error(await res.text());
    return res.json();
  });
}

function button(label, title, onClick) {
  const b = document.createElement('button');
  b.textContent = label;
  b.title = title;
  b.addEventListener('click', onClick);
  return b;
}

function newCell(source, follow) {
  const cell = document.createElement('section');
  cell.className = 'cell running';
  const head = document.createElement('header');
  const number = document.createElement('span');
  number.className = 'number';
  number.textContent = '[*]';
  const state = document.createElement('span');
  state.className = 'state';
  state.textContent = 'running…';
  head.append(number, state, button('Edit', 'put this block in the editor', () => edit(source, 1, 1)),
    button('Re-run', 'run this block again, as a new block at the bottom', () => run(source, follow)));
  const pre = document.createElement('pre');
  pre.className = 'source';
  for (const line of source.split('\\n')) pre.append(Object.assign(document.createElement('span'), { textContent: line }));
  const out = document.createElement('div');
  out.className = 'out';
  cell.append(head, pre, out);
  document.getElementById('intro')?.remove();
  cells.append(cell);
  cells.scrollTop = cells.scrollHeight;
  return cell;
}

function show(cell, block) {
  sources.set(block.block, block.source);
  cell.id = 'block-' + block.block;
  cell.className = 'cell ' + (block.ok ? 'ok' : 'failed');
  cell.querySelector('.number').textContent = '[' + block.block + ']';
  cell.querySelector('.state').textContent = block.ok ? '' : 'failed';
  cell.querySelector('.stop')?.remove();
  // Escaped by the server: every string from the data is text there.
  cell.querySelector('.out').innerHTML = block.html;
  showView(block.view);
}

function following(cell, block) {
  show(cell, block);
  cell.className = 'cell following';
  cell.querySelector('.state').textContent = 'following: live';
  const stop = button('Stop', 'stop following: the session keeps what was seen', () => {
    stop.disabled = true;
    request('stop', {}).then((done) => show(cell, done), (e) => (cell.querySelector('.state').textContent = 'did not stop: ' + e.message));
  });
  stop.className = 'stop';
  cell.querySelector('header').append(stop);
  watch(cell);
}

async function watch(cell) {
  const res = await fetch('live', { headers: { 'x-kestrel-token': token } });
  if (res.status !== 200) return;
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let rest = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    const lines = (rest + value).split('\\n');
    rest = lines.pop();
    for (const line of lines) {
      const update = JSON.parse(line);
      if (update.done) {
        show(cell, update.done);
      } else {
        cell.querySelector('.out').innerHTML = update.html;
        showView(update.view);
      }
    }
  }
}

function showView(html) {
  if (!html || html === shownView) return;
  shownView = html;
  const frame = document.getElementById('view-frame').content.firstElementChild.cloneNode();
  frame.srcdoc = html;
  document.getElementById('view-pane').replaceChildren(frame);
}

async function run(source, follow) {
  if (!source.trim()) return;
  const cell = newCell(source, follow);
  try {
    const block = await request('run', { huntflow: source, follow });
    (block.following ? following : show)(cell, block);
  } catch (e) {
    cell.className = 'cell failed';
    cell.querySelector('.state').textContent = 'the explorer did not run it: ' + e.message;
  }
  cell.scrollIntoView({ block: 'start' });
}

function edit(source, line, column) {
  editor.value = source;
  const before = source.split('\\n').slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
  editor.focus();
  editor.setSelectionRange(before + column - 1, before + column - 1);
}

function runEditor() {
  const source = editor.value;
  editor.value = '';
  run(source, followBox.checked);
}

cells.addEventListener('click', (e) => {
  const at = e.target.closest('button.at');
  const source = at ? sources.get(Number(at.dataset.block)) : undefined;
  if (source !== undefined) edit(source, Number(at.dataset.line), Number(at.dataset.column));
});
document.getElementById('run').addEventListener('click', runEditor);
editor.addEventListener('keydown', (e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); runEditor(); } });

const divider = document.getElementById('divider');
divider.addEventListener('pointerdown', (e) => divider.setPointerCapture(e.pointerId));
divider.addEventListener('pointermove', (e) => {
  if (!divider.hasPointerCapture(e.pointerId)) return;
  document.body.style.setProperty('--notebook', Math.min(Math.max(e.clientX, 280), innerWidth - 320) + 'px');
});

request('blocks').then((history) => {
  for (const block of history.blocks) show(newCell(block.source, block.follow), block);
  if (history.following) following(newCell(history.following.source, true), history.following);
  showView(history.view);
  document.body.dataset.state = 'ready';
}, (e) => cells.prepend(Object.assign(document.createElement('p'), { textContent: 'the explorer did not answer: ' + e.message })));
`;
