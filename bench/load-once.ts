import { defaultConnectors } from '../connectors/registry';
import { MemoryStore } from '../graph/memory-store';
import { DataSources } from '../src/engine/data-sources';

/** Child process: loads one file into the embedded store as a GET would; prints JSON. */
async function main(): Promise<void> {
  const file = process.argv[2];
  const store = new MemoryStore();
  let records = 0;
  const started = performance.now();
  await new DataSources(store, defaultConnectors(), () => undefined, (_s, n, done) => {
    if (done) records = n;
  }).load(file, process.cwd());
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(JSON.stringify({ records, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
}

void main();
