/** SAVE to a graph suffix through the engine: the variable's subgraph, written as its exporter writes it. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildViewGraph } from '../../viz/build-view-graph';
import { toCytoscapeJson, toDot, toGexf, toGraphml, toMermaid, toStixBundle } from '../../viz/exporters';
import type { ViewGraph } from '../../viz/view-graph';
import { fixtureSession } from '../hunt';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kestrel-save-graph-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const DATA = 'file://event-logs/schtask_create.json';

describe('SAVE var TO a graph file', () => {
  it.each<[string, (g: ViewGraph) => string]>([
    ['graphml', toGraphml], ['gexf', toGexf], ['dot', toDot], ['mmd', toMermaid], ['mermaid', toMermaid],
    ['cyjs', toCytoscapeJson], ['cytoscape.json', toCytoscapeJson], ['stix.json', toStixBundle],
  ])('.%s writes the subgraph of that one variable', async (suffix, exporter) => {
    const { session, run } = fixtureSession();
    const file = path.join(tmp, `procs.${suffix}`);
    const r = await run(`procs = GET process FROM ${DATA} WHERE name = 'schtasks.exe'\nSAVE procs TO ${file}`);
    expect(r.errors).toEqual([]);
    const ids = (await session.entitiesOf('procs'))!.ids;
    const graph = await buildViewGraph(session.store, [{ name: 'procs', ids }]);
    expect(r.outputs).toEqual([{ kind: 'save', variable: 'procs', file, rows: graph.nodes.length, edges: graph.edges.length }]);
    expect(graph.nodes.map((n) => n.label)).toEqual(['schtasks.exe [8920]', 'cmd.exe [460]', 'powershell.exe [6432]']);
    expect(fs.readFileSync(file, 'utf8')).toBe(exporter(graph));
  });

  it('a relative path is relative to the huntflow folder, and .csv is still a table', async () => {
    const hf = path.join(tmp, 'hunt.hf');
    const { session } = fixtureSession();
    const r = await session.execute(`procs = GET process FROM file://${path.resolve(__dirname, '../fixtures/event-logs/schtask_create.json')} WHERE name = 'cmd.exe'
SAVE procs TO rel.graphml
SAVE procs TO rel.csv`, hf);
    expect(r.errors).toEqual([]);
    expect(fs.readFileSync(path.join(tmp, 'rel.graphml'), 'utf8')).toMatch(/^<\?xml/);
    expect(fs.readFileSync(path.join(tmp, 'rel.csv'), 'utf8')).toMatch(/^type,/);
  });

  it('a missing folder is E_SAVE_FAILED and leaves nothing behind', async () => {
    const file = path.join(tmp, 'missing', 'procs.graphml');
    const r = await fixtureSession().run(`procs = GET process FROM ${DATA} WHERE name = 'schtasks.exe'\nSAVE procs TO ${file}`);
    expect(r.errors[0]).toMatchObject({ code: 'E_SAVE_FAILED', line: 2 });
    expect(fs.existsSync(path.dirname(file))).toBe(false);
  });

  it('GROUP rows are not entities: E_SAVE_FAILED, saying to save a table', async () => {
    const file = path.join(tmp, 'ports.graphml');
    const r = await fixtureSession().run(`conns = GET network-traffic FROM ${DATA} WHERE dst_port = 135
ports = GROUP conns BY dst_port WITH COUNT(src_port) AS n
SAVE ports TO ${file}`);
    expect(r.errors[0]).toMatchObject({ code: 'E_SAVE_FAILED', line: 3 });
    expect(r.errors[0].hint).toMatch(/\.csv/);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('TRACK rows save as the graph of the entities they stand for', async () => {
    const file = path.join(tmp, 'origin.graphml');
    const r = await fixtureSession().run(`ip = GET ipv4-addr FROM ${DATA} WHERE value = '172.18.39.6'
origin = TRACK BACKWARD ip
SAVE origin TO ${file}`);
    expect(r.errors).toEqual([]);
    const xml = fs.readFileSync(file, 'utf8');
    expect(xml).toContain('schtasks.exe [8920]');
    expect(xml).toContain('powershell.exe [6432]');
  });
});
