/**
 * Each exporter on the schtask_create graph, compared byte for byte with test/fixtures/viz/. After a change
 * meant to alter the output, rewrite them with `UPDATE_GOLDEN=1 npx jest test/viz/exporters-golden.test.ts`
 * and review the diff.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { toCsvEdges, toCsvNodes, toCytoscapeJson, toDot, toGexf, toGraphml, toMermaid, toStixBundle } from '../../viz/exporters';
import type { ViewGraph } from '../../viz/view-graph';
import { FIXTURES } from '../hunt';
import { schtaskGraph } from './schtask-graph';

const GOLDEN = path.join(FIXTURES, 'viz');
const update = process.env.UPDATE_GOLDEN === '1';

const EXPORTS: [string, (g: ViewGraph) => string][] = [
  ['schtask.cyjs', toCytoscapeJson],
  ['schtask.graphml', toGraphml],
  ['schtask.gexf', toGexf],
  ['schtask.nodes.csv', toCsvNodes],
  ['schtask.edges.csv', toCsvEdges],
  ['schtask.dot', toDot],
  ['schtask.mmd', (g) => toMermaid(g)],
  ['schtask.capped.mmd', (g) => toMermaid(g, { maxNodes: 3 })],
  ['schtask.stix.json', (g) => toStixBundle(g)],
];

/**
 * Record ids hash the data file's absolute path (one id per file and line): the part from the path is replaced,
 * so that the golden files hold wherever the repository is checked out.
 */
function checkoutFree(g: ViewGraph): ViewGraph {
  const SOURCE_PART = /^observed-data--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[0-9a-f]{4}-/;
  return { ...g, nodes: g.nodes.map((n) => ({ ...n, records: n.records.map((r) => r.replace(SOURCE_PART, 'observed-data--00000000-0000-5000-8000-')) })) };
}

let graph: ViewGraph;
beforeAll(async () => {
  graph = checkoutFree((await schtaskGraph(undefined, { title: 'schtask_create: schtasks.exe, its connections and parents' })).graph);
});

describe('exporters match their golden files', () => {
  it.each(EXPORTS)('%s', (file, exporter) => {
    const text = exporter(graph);
    const golden = path.join(GOLDEN, file);
    if (update) fs.writeFileSync(golden, text);
    expect(text).toBe(fs.readFileSync(golden, 'utf8'));
    expect(exporter(graph)).toBe(text);
  });
});
