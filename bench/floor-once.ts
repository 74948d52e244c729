import { createReadStream, readFileSync } from 'node:fs';

/**
 * Child process: the floor a hunt is measured against. `ndjson FILE` streams the file in 1 MiB chunks, splits
 * its lines and JSON.parses each (a bare node loop); `json FILE` reads and JSON.parses the file whole, timed
 * inside the process. Prints JSON: records, in-process ms and peak RSS.
 */
async function main(): Promise<void> {
  const [, , mode, file] = process.argv;
  const started = performance.now();
  let records = 0;
  if (mode === 'json') {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { objects?: unknown[] };
    records = doc.objects?.length ?? 0;
  } else {
    let rest = '';
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20, encoding: 'utf8' }) as AsyncIterable<string>) {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop()!;
      for (const line of lines) if (line && JSON.parse(line)) records++;
    }
    if (rest && JSON.parse(rest)) records++;
  }
  const ms = performance.now() - started;
  process.stdout.write(JSON.stringify({ records, ms, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
}

void main();
