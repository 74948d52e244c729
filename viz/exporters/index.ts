import * as path from 'node:path';
import type { ViewGraph } from '../view-graph';
import { toCsvEdges } from './csv-edges';
import { toCsvNodes } from './csv-nodes';
import { toCytoscapeJson } from './cytoscape-json';
import { toDot } from './dot';
import { toGexf } from './gexf';
import { toGraphml } from './graphml';
import { toMermaid } from './mermaid';
import { toStixBundle } from './stix-bundle';

import { renderViewHtml } from '../view/render-view-html';
export { toCsvEdges, toCsvNodes, toCytoscapeJson, toDot, toGexf, toGraphml, toMermaid, toStixBundle };

/** One file an export writes: its name is the export's base name followed by `suffix`. */
export interface GraphFile {
  suffix: string;
  text: string;
}

/** A graph format: its `--format` name, the suffixes that choose it in `SAVE`, and the files it writes. */
export interface GraphFormat {
  name: string;
  /** Lowercase, with the dot; the first is the one `kestrel export` writes. Empty: not a `SAVE` format. */
  suffixes: readonly string[];
  /** What it is for, for `--help` and error hints. */
  description: string;
  files(g: ViewGraph): GraphFile[];
}

const single = (name: string, suffixes: string[], description: string, exporter: (g: ViewGraph) => string): GraphFormat => ({
  name, suffixes, description, files: (g) => [{ suffix: suffixes[0], text: exporter(g) }],
});

export const GRAPH_FORMATS: readonly GraphFormat[] = [
  single('graphml', ['.graphml'], 'GraphML: Gephi, yEd, Cytoscape, Neo4j APOC', toGraphml),
  single('gexf', ['.gexf'], 'GEXF 1.2draft: Gephi, networkx', toGexf),
  single('cytoscape', ['.cyjs', '.cytoscape.json'], 'Cytoscape.js JSON: cytoscape.js, Cytoscape desktop', toCytoscapeJson),
  single('dot', ['.dot', '.gv'], 'Graphviz DOT: dot -Tsvg', toDot),
  single('mermaid', ['.mmd', '.mermaid'], 'Mermaid flowchart for Markdown (first 100 nodes)', (g) => toMermaid(g)),
  single('stix', ['.stix.json'], 'STIX 2.1 bundle with relationship objects: threat-intel platforms', (g) => toStixBundle(g)),
  single('html', ['.html'], 'the interactive provenance view: one offline HTML page (Cytoscape.js inlined)', (g) => renderViewHtml(g, { title: g.title })),
  {
    name: 'csv',
    suffixes: [],
    description: 'CSV nodes and edges (NAME.nodes.csv, NAME.edges.csv): spreadsheets, Neo4j LOAD CSV',
    files: (g) => [{ suffix: '.nodes.csv', text: toCsvNodes(g) }, { suffix: '.edges.csv', text: toCsvEdges(g) }],
  },
];

/** The format a `--format` name selects (case-insensitive). */
export function graphFormatNamed(name: string): GraphFormat | undefined {
  return GRAPH_FORMATS.find((f) => f.name === name.toLowerCase());
}

/** The graph format a file name's suffix selects (case-insensitive, longest suffix first), if any. */
export function graphFormatOfFile(file: string): GraphFormat | undefined {
  const name = path.basename(file).toLowerCase();
  let best: { format: GraphFormat; length: number } | undefined;
  for (const format of GRAPH_FORMATS) {
    for (const s of format.suffixes) {
      if (name.endsWith(s) && name.length > s.length && s.length > (best?.length ?? 0)) best = { format, length: s.length };
    }
  }
  return best?.format;
}
