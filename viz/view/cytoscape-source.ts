import * as fs from 'node:fs';

let source: string | undefined;

/** cytoscape.js as one minified script, read from node_modules once (from the source tree or dist/ alike). */
export function cytoscapeSource(): string {
  source ??= fs.readFileSync(require.resolve('cytoscape/dist/cytoscape.min.js'), 'utf8');
  return source;
}
