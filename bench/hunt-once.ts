import { defaultConnectors } from '../connectors/registry';
import { MemoryStore } from '../graph/memory-store';
import { Session } from '../src/engine/session';

async function timedHunt(bundle: string, hunt: string) {
  const session = new Session({ store: new MemoryStore(), connectors: defaultConnectors() });
  const start = performance.now();
  const result = await session.execute(hunt.replace('$BUNDLE', bundle), `${process.cwd()}/bench.hf`);
  const ms = performance.now() - start;
  if (result.errors.length) throw new Error(JSON.stringify(result.errors));
  return { ms, variables: result.variables };
}

/**
 * Child process: runs the benchmark hunt in a fresh session twice, first with cold code (what a one-shot
 * `kestrel run` pays), then warm (what a long-lived session, REPL or kernel pays), and prints both
 * timings and the peak memory as JSON.
 */
async function main(): Promise<void> {
  const [, , bundle, hunt] = process.argv;
  const cold = await timedHunt(bundle, hunt);
  const warm = await timedHunt(bundle, hunt);
  const stats = { coldMs: cold.ms, warmMs: warm.ms, peakRssMb: process.resourceUsage().maxRSS / 1024, variables: warm.variables };
  process.stdout.write(JSON.stringify(stats));
}

void main();
