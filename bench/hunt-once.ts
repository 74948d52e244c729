import { defaultConnectors } from '../connectors/registry';
import { MemoryStore } from '../graph/memory-store';
import { Session } from '../src/engine/session';

/** Child process: runs the benchmark hunt once on a bundle and prints its timing and peak memory as JSON. */
async function main(): Promise<void> {
  const [, , bundle, hunt] = process.argv;
  const session = new Session({ store: new MemoryStore(), connectors: defaultConnectors() });
  const start = performance.now();
  const result = await session.execute(hunt.replace('$BUNDLE', bundle), `${process.cwd()}/bench.hf`);
  const ms = performance.now() - start;
  if (result.errors.length) throw new Error(JSON.stringify(result.errors));
  const stats = { ms, peakRssMb: process.resourceUsage().maxRSS / 1024, variables: result.variables };
  process.stdout.write(JSON.stringify(stats));
}

void main();
