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

const RUNS = 5;

/**
 * Child process: runs the benchmark hunt RUNS times, each in a fresh session and store. The first run has
 * cold code (what a one-shot `kestrel run` pays); the median of the last three is what a long-lived
 * session (REPL, kernel, explorer) pays once the code is warm. Prints both and the peak memory as JSON.
 */
async function main(): Promise<void> {
  const [, , bundle, hunt] = process.argv;
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await timedHunt(bundle, hunt));
  const warm = runs.slice(-3).map((r) => r.ms).sort((a, b) => a - b)[1];
  const stats = { coldMs: runs[0].ms, warmMs: warm, peakRssMb: process.resourceUsage().maxRSS / 1024, variables: runs[0].variables };
  process.stdout.write(JSON.stringify(stats));
}

void main();
