import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

export interface ViewRun {
  nodes: number;
  edges: number;
  renderHtmlColdMs: number;
  renderHtmlMedianMs: number;
  htmlMb: number;
  firstRender: { loads: number; medianMs: number; drawnNodes: number; drawnEdges: number } | { skipped: string };
}

/** Issue 18's targets: headless Chromium on this machine, navigation start to `data-state="ready"`. */
export const VIEW_TARGETS = [{ entities: 500, readyMs: 1000 }, { entities: 10_000, readyMs: 2000 }, { entities: 100_000, readyMs: 3000 }];

/** The HTML view of a generated graph of `size` entities, in a fresh process (`view-once.ts`). */
export function benchView(size: number, outDir: string): ViewRun {
  const out = execFileSync(process.execPath, [path.join(__dirname, 'view-once.js'), String(size), outDir], { encoding: 'utf8' });
  return JSON.parse(out) as ViewRun;
}

/** What `npm run bench` prints before the JSON. */
export function viewTable(r: ViewRun): string[] {
  const f = r.firstRender;
  const browser = 'skipped' in f ? `first render in Chromium: skipped (${f.skipped})`
    : `ready in headless Chromium (navigation start to the first drawn frame, median of ${f.loads} loads): ${f.medianMs} ms, ${f.drawnNodes} nodes and ${f.drawnEdges} edges on the first screen`;
  return [
    `  ${r.nodes} entities, ${r.edges} relations: renderViewHtml ${r.renderHtmlColdMs} ms cold, ${r.renderHtmlMedianMs} ms median of the next 4; page ${r.htmlMb} MB`,
    `  ${browser}`,
  ];
}
