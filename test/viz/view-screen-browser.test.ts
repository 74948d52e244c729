import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { scaleBundle } from '../../bench/scale-bundle';
import { viewForest } from '../../bench/view-forest';
import { escapeHtml } from '../../src/cli/kernel/html';
import { sessionGraph } from '../../src/cli/session-graph';
import type { ViewGraph } from '../../viz/view-graph';
import { notebookCytoscape } from '../../viz/view/cytoscape-loader';
import { FIRST_SCREEN } from '../../viz/view/first-screen';
import { renderViewHtml } from '../../viz/view/render-view-html';
import { browserSuite, chromiumMissing } from '../browser';
import { FIXTURES, fixtureSession } from '../hunt';
import { describeWithPart } from '../optional-part';

interface Hook {
  renderedMs: number;
  nodeCount(): number;
  brush(from: number, to: number): number;
  select(id: string): void;
  cy: {
    zoom(): number;
    nodes(selector?: string): { length: number; filter(f: (n: { visible(): boolean }) => boolean): { renderedBoundingBox(): { x1: number; y1: number; x2: number; y2: number } } };
    getElementById(id: string): { selected(): boolean };
  };
}
declare const kestrelView: Hook;
/** The page's document, as the callbacks evaluated in it see it. */
declare const document: { getElementById(id: string): { getBoundingClientRect(): { width: number; height: number } }; querySelectorAll(s: string): { length: number }; body: { dataset: Record<string, string | undefined> } };

const T0 = Date.UTC(2024, 0, 1);

/** What a person sees first: the drawn nodes, the zoom, and whether every drawn node is inside the drawing area. */
async function firstScreen(page: Page | Frame) {
  return page.evaluate(() => {
    const area = document.getElementById('cy')!.getBoundingClientRect();
    const box = kestrelView.cy.nodes().filter((n) => n.visible()).renderedBoundingBox();
    return { ms: Math.round(kestrelView.renderedMs), nodes: kestrelView.nodeCount(), zoom: kestrelView.cy.zoom(),
      inside: box.x1 >= -1 && box.y1 >= -1 && box.x2 <= area.width + 1 && box.y2 <= area.height + 1 };
  });
}

describeWithPart('the provenance view at incident size, in headless Chromium', chromiumMissing(), () => {
  const suite = browserSuite();

  const open = (name: string, g: ViewGraph) => suite.openView(name, renderViewHtml(g));

  it.each([50, 500, 10_000])('a generated forest of %i entities opens readable: at most the first screen, labels at 80%% at least', async (size) => {
    const { page, errors } = await open(`forest-${size}.html`, viewForest(size));
    const seen = await firstScreen(page);
    console.log(`generated forest of ${size} entities: ready ${seen.ms} ms after navigation, ${seen.nodes} nodes drawn at zoom ${seen.zoom.toFixed(2)}`);
    expect(errors).toEqual([]);
    expect(seen.nodes).toBeLessThanOrEqual(FIRST_SCREEN);
    expect(seen.zoom).toBeGreaterThanOrEqual(0.8);
  });

  it('the 460 processes of doctored-1k ×10 open readable in one screen: alike trees merged, every drawn node inside it', async () => {
    const bundle = scaleBundle(JSON.parse(fs.readFileSync(path.join(FIXTURES, 'doctored-1k.json'), 'utf8')) as Record<string, unknown>, 10);
    fs.writeFileSync(suite.file('doctored-10x.json'), JSON.stringify(bundle));
    const { session, run } = fixtureSession();
    expect((await run(`procs = GET process FROM file://${suite.file('doctored-10x.json')} WHERE pid >= 0`)).errors).toEqual([]);
    const g = await sessionGraph(session, ['procs']);
    expect(g.nodes.length).toBe(460);
    const { page, errors } = await open('doctored-10x.html', g);
    const seen = await firstScreen(page);
    console.log(`doctored-1k x10 (460 processes): ready ${seen.ms} ms, ${seen.nodes} nodes drawn at zoom ${seen.zoom.toFixed(2)}`);
    expect(errors).toEqual([]);
    expect(seen.inside).toBe(true);
    expect(seen.zoom).toBeGreaterThanOrEqual(0.8);
    expect(await page.locator('#notes').textContent()).toContain('Aggregated: 460 entities');
    expect(await page.locator('#cy').textContent()).toBe('');
  });

  it('brushing the timeline selects what started in the span; the panel lists it and the records behind a node', async () => {
    const g: ViewGraph = {
      title: 'timeline', edges: [{ id: 'a|created|b', source: 'process--a', target: 'process--b', relation: 'created' }],
      notes: { truncated: 0, cycles: [], inferredRoots: [] },
      nodes: [
        { id: 'process--a', type: 'process', label: 'cmd.exe [1]', attrs: { name: 'cmd.exe' }, variables: [], time: T0, records: ['r1', 'r2'], recordCount: 2 },
        { id: 'process--b', type: 'process', label: 'whoami.exe [2]', attrs: { name: 'whoami.exe' }, variables: [], time: T0 + 60_000, records: [], recordCount: 0 },
      ],
      recordFacts: { r1: { time: T0, source: 'C:\\logs\\<b onclick=x>sysmon.json', event: 'process_creation 1' }, r2: { time: T0 + 5, event: 'network_connection 3' } },
    };
    const { page, errors } = await open('timeline.html', g);
    expect(await page.evaluate((t) => kestrelView.brush(t + 30_000, t + 90_000), T0)).toBe(1);
    expect(await page.evaluate(() => [kestrelView.cy.getElementById('process--a').selected(), kestrelView.cy.getElementById('process--b').selected()])).toEqual([false, true]);
    expect(await page.locator('#panel h2').textContent()).toBe('1 entities started between 2024-01-01 00:00:30.000 and 2024-01-01 00:01:30.000');
    // a drag across the whole strip selects both
    const strip = (await page.locator('#timeline canvas').boundingBox())!;
    await page.mouse.move(strip.x + 2, strip.y + 10);
    await page.mouse.down();
    await page.mouse.move(strip.x + strip.width - 2, strip.y + 10, { steps: 4 });
    await page.mouse.up();
    expect(await page.locator('#panel h2').textContent()).toMatch(/^2 entities started between/);
    await page.evaluate(() => kestrelView.select('process--a'));
    const records = await page.locator('#panel table.records').innerText();
    expect(records).toContain('2024-01-01 00:00:00.000\tprocess_creation 1\t<b onclick=x>sysmon.json');
    expect(records).toContain('network_connection 3');
    expect(errors).toEqual([]);
  });

  it('in a notebook: views share the notebook\'s one copy of cytoscape.js and lay out when their <details> opens', async () => {
    const g = viewForest(30);
    const view = (title: string) => `<details><summary>${title}</summary><iframe sandbox="allow-scripts" style="width:900px;height:500px" srcdoc="${escapeHtml(renderViewHtml({ ...g, title }, { cytoscape: 'from-notebook' }))}"></iframe></details>`;
    const file = suite.file('notebook.html');
    fs.writeFileSync(file, `<!DOCTYPE html><html><body>${notebookCytoscape()}\n${view('first')}\n${view('second')}</body></html>`);
    const page = await (await suite.browser().newContext({ viewport: { width: 1200, height: 900 } })).newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`file://${file}`);
    const frames = () => page.frames().filter((f) => f !== page.mainFrame());
    await page.waitForFunction(() => document.querySelectorAll('iframe').length === 2);
    await new Promise((r) => setTimeout(r, 1500));
    for (const f of frames()) expect(await f.evaluate(() => document.body.dataset.state)).toBeUndefined();
    await page.locator('summary', { hasText: 'second' }).click();
    const second = frames()[1];
    await second.waitForSelector('body[data-state="ready"]');
    expect((await firstScreen(second)).nodes).toBeGreaterThan(10);
    expect(await frames()[0].evaluate(() => document.body.dataset.state)).toBeUndefined();
    await page.locator('summary', { hasText: 'first' }).click();
    await frames()[0].waitForSelector('body[data-state="ready"]');
    expect(await page.locator('script').count()).toBe(2);
    expect(errors).toEqual([]);
  });
});
