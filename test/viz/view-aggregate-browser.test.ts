import type { ViewEdge, ViewGraph, ViewNode } from '../../viz/view-graph';
import { FIRST_SCREEN } from '../../viz/view/first-screen';
import { renderViewHtml } from '../../viz/view/render-view-html';
import { browserSuite, chromiumMissing } from '../browser';
import { describeWithPart } from '../optional-part';

const T0 = Date.UTC(2024, 0, 1);
const proc = (i: number, name: string): ViewNode => ({ id: `process--${i}`, type: 'process', label: `${name} (${i})`, attrs: { name, pid: i },
  variables: [], time: T0 + i * 1000, records: [], recordCount: 0 });
const edge = (source: string, relation: string, target: string): ViewEdge => ({ id: `${source}|${relation}|${target}`, source, target, relation });

/** `roots` trees, each a root with `kids` children and `grandkids` grandchildren under each child. */
function forestOf(roots: number, kids: number, grandkids: number): ViewGraph {
  const nodes: ViewNode[] = [], edges: ViewEdge[] = [];
  const add = (name: string, parent?: string) => {
    const n = proc(nodes.length, name);
    nodes.push(n);
    if (parent) edges.push(edge(parent, 'created', n.id));
    return n.id;
  };
  for (let r = 0; r < roots; r++) {
    const root = add(`root${r}.exe`);
    for (let k = 0; k < kids; k++) {
      const kid = add(`kid${k}.exe`, root);
      for (let g = 0; g < grandkids; g++) add(`leaf${g}.exe`, kid);
    }
  }
  return { title: 'forest', nodes, edges, notes: { truncated: 0, cycles: [], inferredRoots: nodes.filter((n) => n.label.startsWith('root')).map((n) => n.id) } };
}

interface Hook { nodeCount(): number; search(q: string): number; cy: { zoom(): number; getElementById(id: string): { selected(): boolean; data(k: string): string } } }
declare const kestrelView: Hook;

describeWithPart('the aggregated provenance view in headless Chromium', chromiumMissing(), () => {
  const suite = browserSuite();

  const open = (name: string, g: ViewGraph) => suite.openView(name, renderViewHtml(g));

  test('a graph past the first screen opens aggregated, says so, and a search opens what it finds', async () => {
    // 150 trees of 1 + 4 + 4×10 = 45 processes: 6,750 entities; leaves have distinct names, so nothing folds,
    // but the roots are all explorer.exe: they group, and what is below them merges by name.
    const g = forestOf(150, 4, 10);
    for (const n of g.nodes) if (n.label.startsWith('root')) n.attrs.name = 'explorer.exe';
    const { page, errors } = await open('big.html', g);
    expect(errors).toEqual([]);
    const drawn = await page.evaluate(() => kestrelView.nodeCount());
    expect(drawn).toBeLessThanOrEqual(FIRST_SCREEN);
    expect(drawn).toBe(1 + 4 + 40);
    const notes = (await page.locator('#notes').textContent()) ?? '';
    expect(notes).toContain(`Aggregated: 6750 entities are more than the ${FIRST_SCREEN} drawn at first`);
    expect(await page.evaluate(() => kestrelView.cy.getElementById('group:|process--0').data('display'))).toMatch(/^explorer\.exe ×150\n/);
    // the last tree's last leaf is collapsed away; searching for it draws it and selects it
    expect(await page.evaluate(() => kestrelView.search('leaf9.exe (6749)'))).toBe(1);
    expect(await page.evaluate(() => kestrelView.cy.getElementById('process--6749').selected())).toBe(true);
    expect(await page.evaluate(() => kestrelView.nodeCount())).toBeGreaterThan(drawn);
    expect(errors).toEqual([]);
  });

  test('the same chain on forty hosts opens as one chain of groups, though its roots alone would fit', async () => {
    // 40 trees of 3 processes (powershell → cmd → schtasks): 120 entities, 40 roots.
    const g = forestOf(40, 1, 1);
    for (const n of g.nodes) n.attrs.name = n.label.startsWith('root') ? 'powershell.exe' : n.label.startsWith('kid') ? 'cmd.exe' : 'schtasks.exe';
    const { page, errors } = await open('chains.html', g);
    expect(errors).toEqual([]);
    expect(await page.evaluate(() => kestrelView.nodeCount())).toBe(3);
    expect(await page.evaluate(() => kestrelView.cy.getElementById('group:|process--0').data('display'))).toMatch(/^powershell\.exe ×40\n/);
    expect(await page.evaluate(() => kestrelView.cy.getElementById('group:|process--0>process cmd.exe').data('display'))).toMatch(/^cmd\.exe ×40\n/);
    expect(await page.evaluate(() => kestrelView.cy.zoom())).toBeLessThanOrEqual(1.5);
  });

  test('leaves of one kind fold into one counted node; a process shows its user, start and what it did', async () => {
    const g = forestOf(1, 0, 0);
    const ps = g.nodes[0].id;
    g.nodes.push({ id: 'user-account--1', type: 'user-account', label: 'CORP\\alice', attrs: {}, variables: [], records: [], recordCount: 0 });
    g.edges.push(edge('user-account--1', 'owned', ps));
    for (let i = 0; i < 40; i++) {
      g.nodes.push({ id: `file--m${i}`, type: 'file', label: `mod${i}.dll`, attrs: { name: `mod${i}.dll` }, variables: [], records: [], recordCount: 0 });
      g.edges.push(edge(ps, 'loaded', `file--m${i}`));
    }
    g.nodes.push({ id: 'windows-registry-key--1', type: 'windows-registry-key', label: 'HKLM\\Run', attrs: {}, variables: [], records: [], recordCount: 0 });
    g.edges.push(edge(ps, 'written', 'windows-registry-key--1'));
    const { page, errors } = await open('folds.html', g);
    expect(errors).toEqual([]);
    expect(await page.evaluate(() => kestrelView.nodeCount())).toBe(4);
    const label = await page.evaluate((id) => kestrelView.cy.getElementById(id).data('display'), ps);
    expect(label).toBe('root0.exe (0)\nCORP\\alice \u00b7 00:00:00\n1 reg \u00b7 40 mods');
    expect(await page.locator('#notes').textContent()).toContain('1 inferred roots');
    expect(await page.evaluate((id) => kestrelView.cy.getElementById(`group:${id}|file--m0`).data('display'), ps)).toBe('40 modules loaded');
  });

  test('many roots: the banner is a count; its list filters', async () => {
    const { page } = await open('roots.html', forestOf(300, 1, 0));
    const summary = page.locator('#notes summary');
    expect(await summary.textContent()).toContain('300 inferred roots');
    expect(await page.locator('#notes .roots').isVisible()).toBe(false);
    await summary.click();
    expect(await page.locator('#notes .roots .link').count()).toBe(100);
    expect(await page.locator('#notes .roots').textContent()).toContain('and 200 more');
    await page.fill('#notes input[type=search]', 'root29.exe');
    expect(await page.locator('#notes .roots .link').allTextContents()).toEqual(['root29.exe (58)']);
    const banner = await page.locator('#notes').boundingBox();
    expect(banner!.height).toBeLessThan(200);
  });
});
