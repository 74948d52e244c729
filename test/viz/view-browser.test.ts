import type { Page } from 'playwright-core';
import type { ViewEdge, ViewGraph, ViewNode } from '../../viz/view-graph';
import { renderViewHtml } from '../../viz/view/render-view-html';
import { browserSuite, chromiumMissing, openOffline } from '../browser';
import { describeWithPart } from '../optional-part';

const T0 = Date.UTC(2024, 0, 1);

function node(id: string, type: string, label: string, extra: Partial<ViewNode> = {}): ViewNode {
  return { id, type, label, attrs: { name: label.replace(/ \(\d+\)$/, '') }, variables: [], records: [`rec-${id}`], recordCount: 1, ...extra };
}
const edge = (source: string, relation: string, target: string): ViewEdge => ({ id: `${source}|${relation}|${target}`, source, target, relation });

/** 30 entities: two process trees (one under an inferred root), 15 identical conhost.exe, a connection, a file, a user. */
function sampleGraph(): ViewGraph {
  const nodes: ViewNode[] = [
    node('process--explorer', 'process', 'explorer.exe (1000)', { time: T0 }),
    node('process--cmd', 'process', 'cmd.exe (1100)', { time: T0 + 1000, variables: ['procs'], depth: 0,
      attrs: { name: 'cmd.exe', pid: 1100, command_line: 'cmd.exe /c whoami > out.txt' }, records: ['r1', 'r2'], recordCount: 7 }),
    node('process--powershell', 'process', 'powershell.exe (1200)', { time: T0 + 2000 }),
    node('process--whoami', 'process', 'whoami.exe (1300)', { time: T0 + 3000 }),
    node('network-traffic--1', 'network-traffic', '10.0.0.5:49152 → 203.0.113.9:443'),
    node('ipv4-addr--1', 'ipv4-addr', '203.0.113.9'),
    node('file--1', 'file', 'payload.dll'),
    node('user-account--1', 'user-account', 'CORP\\alice'),
    node('process--services', 'process', 'services.exe (600)', { time: T0 - 5000 }),
    node('process--svchost1', 'process', 'svchost.exe (700)', { time: T0 - 4000 }),
    node('process--svchost2', 'process', 'svchost.exe (710)', { time: T0 - 3900 }),
    node('process--svchost3', 'process', 'svchost.exe (720)', { time: T0 - 3800 }),
    node('process--taskhost', 'process', 'taskhostw.exe (800)', { time: T0 - 3000 }),
    node('process--rundll32', 'process', 'rundll32.exe (900)', { time: T0 - 2000 }),
    node('file--2', 'file', 'tasks.dat'),
  ];
  const edges: ViewEdge[] = [
    edge('process--explorer', 'created', 'process--cmd'),
    edge('process--cmd', 'created', 'process--powershell'),
    edge('process--powershell', 'created', 'process--whoami'),
    edge('process--powershell', 'opened', 'network-traffic--1'),
    edge('network-traffic--1', 'dst', 'ipv4-addr--1'),
    edge('process--powershell', 'wrote', 'file--1'),
    edge('process--cmd', 'run_as', 'user-account--1'),
    edge('process--services', 'created', 'process--svchost1'),
    edge('process--services', 'created', 'process--svchost2'),
    edge('process--services', 'created', 'process--svchost3'),
    edge('process--svchost1', 'created', 'process--taskhost'),
    edge('process--svchost2', 'created', 'process--rundll32'),
    edge('process--rundll32', 'wrote', 'file--2'),
  ];
  for (let i = 0; i < 15; i++) {
    const id = `process--conhost${i}`;
    nodes.push(node(id, 'process', `conhost.exe (${2000 + i})`, { time: T0 + 2500 + i }));
    edges.push(edge('process--powershell', 'created', id));
  }
  return { title: 'procs and their trees', nodes, edges, notes: { truncated: 1, cycles: [], inferredRoots: ['process--explorer'] } };
}

interface Hook {
  search(text: string): number;
  next(): string | undefined;
  toggle(id: string): boolean;
  select(id: string): void;
  nodeCount(): number;
  edgeCount(): number;
  renderedMs: number;
  cy: {
    zoom(): number;
    pan(): { x: number; y: number };
    getElementById(id: string): { selected(): boolean; style(name: string): string; renderedPosition(): { x: number; y: number } };
    nodes(selector: string): { length: number };
    elements(): { addClass(c: string): void; removeClass(c: string): void };
  };
}
declare const kestrelView: Hook;

describeWithPart('the provenance view in headless Chromium', chromiumMissing(), () => {
  const suite = browserSuite();

  /** The drawing area as PNG (legend hidden), then the same area with every element hidden (a blank canvas) to compare with. */
  async function drawnAndBlank(page: Page): Promise<[Buffer, Buffer]> {
    const shot = () => page.locator('#cy').screenshot({ style: '#legend { visibility: hidden; }' });
    const drawn = await shot();
    await page.evaluate(() => { kestrelView.cy.elements().addClass('hidden'); });
    const blank = await shot();
    await page.evaluate(() => { kestrelView.cy.elements().removeClass('hidden'); });
    return [drawn, blank];
  }

  const text = async (page: Page, selector: string) => (await page.locator(selector).textContent()) ?? '';

  test('the view draws the folded tree offline; search, collapse, the panel and the notes work', async () => {
    const g = sampleGraph();
    const file = suite.write('view.html', renderViewHtml(g, { query: "procs = GET process FROM stixshifter://edr WHERE name = 'cmd.exe'" }));
    const { page, requests, errors } = await openOffline(suite.browser(), file);

    expect(requests).toEqual([`file://${file}`]);
    expect(errors).toEqual([]);

    // 30 entities, the 15 conhost.exe folded into one counted node.
    expect(await page.evaluate(() => kestrelView.nodeCount())).toBe(30 - 15 + 1);
    expect(await page.evaluate(() => kestrelView.edgeCount())).toBe(g.edges.length - 15 + 1);
    expect(await page.evaluate(() => kestrelView.cy.nodes('.group').length)).toBe(1);

    const before = await page.evaluate(() => ({ zoom: kestrelView.cy.zoom(), pan: kestrelView.cy.pan() }));
    expect(await page.evaluate(() => kestrelView.search('payload'))).toBe(1);
    const after = await page.evaluate(() => ({ zoom: kestrelView.cy.zoom(), pan: kestrelView.cy.pan(), selected: kestrelView.cy.getElementById('file--1').selected() }));
    expect(after.selected).toBe(true);
    expect(after).not.toEqual({ ...before, selected: true });
    expect(await text(page, '#hits')).toBe('1 / 1');

    // Typing in the box: a search inside the fold opens it; Enter moves to the next hit.
    await page.fill('#search', 'conhost');
    expect(await text(page, '#hits')).toBe('1 / 15');
    expect(await page.evaluate(() => kestrelView.nodeCount())).toBe(30);
    await page.press('#search', 'Enter');
    expect(await text(page, '#hits')).toBe('2 / 15');
    expect(await page.evaluate(() => kestrelView.cy.getElementById('process--conhost1').selected())).toBe(true);
    await page.fill('#search', '');

    // Collapse powershell.exe: its 15 conhost, whoami, the connection, its address and the file go; expand brings them back.
    expect(await page.evaluate(() => kestrelView.toggle('process--powershell'))).toBe(true);
    expect(await page.evaluate(() => kestrelView.nodeCount())).toBe(30 - 19);
    expect(await page.evaluate(() => kestrelView.cy.getElementById('process--whoami').style('display'))).toBe('none');
    await page.evaluate(() => kestrelView.toggle('process--powershell'));
    expect(await page.evaluate(() => kestrelView.nodeCount())).toBe(30);

    // A real click on a drawn node fills the panel with its attributes and records.
    await page.evaluate(() => kestrelView.select('process--cmd'));
    await page.click('body', { position: { x: 1, y: 1 } });
    const at = await page.evaluate(() => kestrelView.cy.getElementById('process--cmd').renderedPosition());
    const box = (await page.locator('#cy').boundingBox())!;
    await page.mouse.click(box.x + at.x, box.y + at.y);
    expect(await text(page, '#panel')).toContain('cmd.exe /c whoami > out.txt');
    expect(await text(page, '#panel')).toContain('Records (7)');
    expect(await text(page, '#panel')).toContain('r2');

    // The table row selects its node.
    await page.locator('#nodes tbody tr', { hasText: 'taskhostw.exe' }).click();
    expect(await page.evaluate(() => kestrelView.cy.getElementById('process--taskhost').selected())).toBe(true);
    expect(await page.locator('#nodes tbody tr').count()).toBe(30);

    expect(await page.locator('#notes').isVisible()).toBe(true);
    expect(await text(page, '#notes')).toContain('Truncated: 1 more entities');
    expect(await text(page, '#notes')).toContain('1 inferred roots');
    expect(await text(page, '#notes')).toContain('explorer.exe (1000)');
    expect(await text(page, '#query pre')).toBe("procs = GET process FROM stixshifter://edr WHERE name = 'cmd.exe'");

    const [drawn, blank] = await drawnAndBlank(page);
    expect(drawn.length).toBeGreaterThan(4 * blank.length);
    expect(requests).toEqual([`file://${file}`]);
    expect(errors).toEqual([]);
  });

  test('hostile strings in labels, attributes, title and query stay text', async () => {
    const hostile = ['</script><script>window.pwned=1</script>', '<img src=x onerror=window.pwned=1>', `"'\`\${x}`, 'nul\u0000bell\u0007sep\u2028para\u2029end', '<!-- <script>'];
    const g = sampleGraph();
    g.title = hostile[0];
    g.nodes[1].label = hostile[0];
    g.nodes[1].attrs = Object.fromEntries(hostile.map((h, i) => [`a${i}<b>`, h]));
    g.nodes[1].records = [hostile[1]];
    g.nodes[2].label = hostile[1];
    g.nodes[3].variables = [hostile[2]];
    g.nodes.push({ ...g.nodes[6], id: hostile[0], label: hostile[3] });
    g.edges.push({ id: hostile[1], source: 'process--powershell', target: hostile[0], relation: hostile[0] });
    const file = suite.write('hostile.html', renderViewHtml(g, { query: hostile.join('\n') }));
    const { page, requests, errors } = await openOffline(suite.browser(), file);

    expect(errors).toEqual([]);
    expect(requests).toEqual([`file://${file}`]);
    expect(await page.evaluate(() => (globalThis as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(3);
    expect(await page.evaluate(() => kestrelView.nodeCount())).toBe(17);

    expect(await page.title()).toBe(hostile[0]);
    expect(await text(page, 'h1')).toBe(hostile[0]);
    expect(await text(page, '#query pre')).toBe(hostile.join('\n').replace('\0', '\uFFFD'));
    await page.evaluate(() => kestrelView.select('process--cmd'));
    const panel = await text(page, '#panel');
    for (const h of hostile) expect(panel).toContain(h);
    expect(panel).toContain('a1<b>');
    expect(await text(page, '#nodes tbody')).toContain(hostile[1]);
    expect(await page.evaluate(() => kestrelView.search('onerror'))).toBe(2);
    expect(await page.evaluate(() => (globalThis as { pwned?: number }).pwned)).toBeUndefined();
  });
});
