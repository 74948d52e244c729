import { defaultConnectors } from '../../connectors/registry';
import type { GraphStore } from '../../graph/graph-store';
import { DataSources } from '../engine/data-sources';
import { printable } from './format-table';
import { progressLine } from './progress';

export interface Loaded {
  source: string;
  records: number;
  alreadyLoaded: boolean;
}

/** `kestrel load`: reads each data source into the store, as a GET would, and says how many records each had. */
export async function loadSources(store: GraphStore, uris: readonly string[], baseDir = process.cwd()): Promise<Loaded[]> {
  const counts = new Map<string, number>();
  const show = process.stderr.isTTY ? progressLine(process.stderr) : undefined;
  const sources = new DataSources(store, defaultConnectors(), (w) => process.stderr.write(`warning: ${printable(w)}\n`), (source, records, done) => {
    if (done) counts.set(source, records);
    show?.(source, records, done);
  });
  const out: Loaded[] = [];
  for (const uri of uris) {
    for (const source of await sources.load(uri, baseDir)) {
      out.push({ source, records: counts.get(source) ?? 0, alreadyLoaded: !counts.has(source) });
    }
  }
  return out;
}
