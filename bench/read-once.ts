import { eventLogConnector } from '../connectors/event-logs';

/** Child process: streams one NDJSON file through the event-log connector, counting records; prints JSON. */
async function main(): Promise<void> {
  const file = process.argv[2];
  const started = performance.now();
  let records = 0;
  for await (const o of eventLogConnector.read(file, { baseDir: process.cwd() })) records += o.numberObserved;
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(JSON.stringify({ records, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
}

void main();
