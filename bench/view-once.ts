import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import { renderViewHtml } from '../viz/view/render-view-html';
import { viewForest } from './view-forest';

const CHROMIUM = '/usr/bin/chromium';
const RENDERS = 5;
const LOADS = 3;

interface Hook { renderedMs?: number; nodeCount(): number; edgeCount(): number }

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** One page load: navigation start to the view's first rendered frame, and what it drew. */
async function firstRenders(file: string) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const runs: { ms: number; nodes: number; edges: number }[] = [];
    for (let i = 0; i < LOADS; i++) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(`file://${file}`, { timeout: 600_000 });
      await page.waitForFunction(() => (globalThis as unknown as { kestrelView?: Hook }).kestrelView?.renderedMs !== undefined, null, { timeout: 600_000 });
      runs.push(await page.evaluate(() => {
        const v = (globalThis as unknown as { kestrelView: Hook }).kestrelView;
        return { ms: v.renderedMs!, nodes: v.nodeCount(), edges: v.edgeCount() };
      }));
      await page.close();
    }
    return { loads: LOADS, medianMs: Number(median(runs.map((r) => r.ms)).toFixed(0)), drawnNodes: runs[0].nodes, drawnEdges: runs[0].edges };
  } finally {
    await browser.close();
  }
}

/** Renders the view of a generated graph of argv[2] entities into argv[3]/, opens it in Chromium; prints JSON. */
async function main(): Promise<void> {
  const size = Number(process.argv[2]);
  const file = path.join(process.argv[3], `view-${size}.html`);
  const g = viewForest(size);
  const times: number[] = [];
  let html = '';
  for (let i = 0; i < RENDERS; i++) {
    const t = performance.now();
    html = renderViewHtml(g, { query: 'procs = GET process FROM file://generated WHERE name = "explorer.exe"' });
    times.push(performance.now() - t);
  }
  fs.writeFileSync(file, html);
  try {
    const firstRender = fs.existsSync(CHROMIUM) ? await firstRenders(file) : { skipped: `${CHROMIUM} is missing` };
    console.log(JSON.stringify({
      nodes: g.nodes.length,
      edges: g.edges.length,
      renderHtmlColdMs: Number(times[0].toFixed(1)),
      renderHtmlMedianMs: Number(median(times.slice(1)).toFixed(1)),
      htmlMb: Number((Buffer.byteLength(html) / 1e6).toFixed(2)),
      firstRender,
    }));
  } finally {
    fs.rmSync(file, { force: true });
  }
}

void main();
