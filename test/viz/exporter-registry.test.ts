import { GRAPH_FORMATS, graphFormatNamed, graphFormatOfFile, toCsvEdges, toCsvNodes, toGraphml, toMermaid } from '../../viz/exporters';
import { schtaskGraph } from './schtask-graph';

describe('graph format registry', () => {
  it('names every format once', () => {
    expect(GRAPH_FORMATS.map((f) => f.name)).toEqual(['graphml', 'gexf', 'cytoscape', 'dot', 'mermaid', 'stix', 'html', 'csv']);
  });

  it.each([
    ['out.graphml', 'graphml'], ['OUT.GRAPHML', 'graphml'], ['out.gexf', 'gexf'], ['out.cyjs', 'cytoscape'],
    ['out.cytoscape.json', 'cytoscape'], ['out.dot', 'dot'], ['out.gv', 'dot'], ['out.mmd', 'mermaid'],
    ['out.mermaid', 'mermaid'], ['out.stix.json', 'stix'], ['file://dir.x/out.stix.json', 'stix'],
  ])('%s is %s', (file, name) => {
    expect(graphFormatOfFile(file)?.name).toBe(name);
  });

  it.each(['out.csv', 'out.json', 'out.nodes.csv', 'out.parquet', '.graphml', 'graphml'])('%s is not a graph file (a table or nothing)', (file) => {
    expect(graphFormatOfFile(file)).toBeUndefined();
  });

  it('finds formats by --format name, case-insensitively', () => {
    expect(graphFormatNamed('GraphML')?.suffixes).toEqual(['.graphml']);
    expect(graphFormatNamed('csv')?.suffixes).toEqual([]);
    expect(graphFormatNamed('xlsx')).toBeUndefined();
  });

  it('each format writes its exporter\'s text; csv writes nodes and edges', async () => {
    const { graph } = await schtaskGraph();
    expect(graphFormatNamed('graphml')!.files(graph)).toEqual([{ suffix: '.graphml', text: toGraphml(graph) }]);
    expect(graphFormatNamed('mermaid')!.files(graph)).toEqual([{ suffix: '.mmd', text: toMermaid(graph) }]);
    expect(graphFormatNamed('csv')!.files(graph)).toEqual([
      { suffix: '.nodes.csv', text: toCsvNodes(graph) },
      { suffix: '.edges.csv', text: toCsvEdges(graph) },
    ]);
    for (const f of GRAPH_FORMATS) expect(f.files(graph).every((file) => file.text.length > 0)).toBe(true);
  });
});

describe('the provenance view as a format', () => {
  it('SAVE x TO x.html and --format html write the offline view page', () => {
    const html = graphFormatOfFile('report.HTML');
    expect(html?.name).toBe('html');
    const [file] = html!.files({ title: 'x', nodes: [], edges: [], notes: { truncated: 0, cycles: [], inferredRoots: [] } });
    expect(file.suffix).toBe('.html');
    expect(file.text).toContain("default-src 'none'");
  });
});
