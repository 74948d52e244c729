import { performance } from 'node:perf_hooks';
import { stixBundleConnector } from '../connectors/stix-bundle';
import { DEFAULT_BATCH_SIZE } from '../graph/neo4j/batches';
import { clearTestDatabase } from '../graph/neo4j/clear';
import { neo4jOptionsFromEnv } from '../graph/neo4j/env';
import { Neo4jStore } from '../graph/neo4j/neo4j-store';
import { walkProcessTree } from '../graph/provenance';
import type { Observation } from '../src/model/observation';

const STARTS = 200;
const WARMUP = 20;
/** Issue 17's goal for the 10x bundle. */
const GOAL_RECORDS_PER_SECOND = 20_000;

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return Number(s[Math.min(s.length - 1, Math.floor(s.length * p))].toFixed(2));
}

/** Seeded, so every run asks the same starts. */
function pick<T>(items: readonly T[], n: number): T[] {
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: n }, () => items[Math.floor(next() * items.length)]);
}

async function latency(starts: readonly string[], query: (id: string) => Promise<unknown>) {
  for (const id of starts.slice(0, WARMUP)) await query(id);
  const ms: number[] = [];
  for (const id of starts) {
    const t = performance.now();
    await query(id);
    ms.push(performance.now() - t);
  }
  return { medianMs: percentile(ms, 0.5), p95Ms: percentile(ms, 0.95) };
}

/**
 * Load rate and traversal latency of the Neo4j store on a live server (NEO4J_URI ...): each data set is
 * loaded into an emptied database, then one-hop and multi-hop walks run from random processes, one at a time.
 */
export async function benchNeo4j(datasets: readonly { name: string; file: string }[]): Promise<void> {
  const options = neo4jOptionsFromEnv();
  if (!options) {
    console.log('Neo4j benchmark skipped: set NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE or KESTREL_NEO4J_TEST=1) to run it');
    return;
  }
  const results = [];
  for (const { name, file } of datasets) {
    const observations: Observation[] = [];
    for await (const o of stixBundleConnector.read(file, { baseDir: process.cwd() })) observations.push(o);
    await clearTestDatabase(options);
    const store = await Neo4jStore.connect(options);
    try {
      const t = performance.now();
      const stats = await store.ingest(observations);
      const loadSeconds = (performance.now() - t) / 1000;
      const starts = pick(await store.entityIds('process'), STARTS);
      results.push({
        dataset: name,
        records: stats.records,
        entities: stats.entities,
        loadSeconds: Number(loadSeconds.toFixed(2)),
        recordsPerSecond: Math.round(stats.records / loadSeconds),
        parentsOneHop: await latency(starts, (id) => store.neighbors([id], 'parent_ref', 'out')),
        descendantsDepth3: await latency(starts, (id) => walkProcessTree(store, [id], { direction: 'down', maxDepth: 3 })),
        ancestorsAll: await latency(starts, (id) => walkProcessTree(store, [id], { direction: 'up' })),
      });
    } finally {
      await store.close();
    }
  }
  console.log(`Neo4j store at ${options.uri} (batch size ${DEFAULT_BATCH_SIZE}; ${STARTS} random processes per traversal, after ${WARMUP} warm-up; load goal ${GOAL_RECORDS_PER_SECOND} records/s):`);
  for (const r of results) {
    console.log(`  ${r.dataset}: ${r.records} records in ${r.loadSeconds} s (${r.recordsPerSecond} records/s, ${(r.recordsPerSecond / GOAL_RECORDS_PER_SECOND).toFixed(2)}x the goal); parents ${r.parentsOneHop.medianMs} ms median, ${r.parentsOneHop.p95Ms} ms p95; descendants to depth 3 ${r.descendantsDepth3.medianMs} / ${r.descendantsDepth3.p95Ms} ms; all ancestors ${r.ancestorsAll.medianMs} / ${r.ancestorsAll.p95Ms} ms`);
  }
  console.log(JSON.stringify({ benchmark: 'neo4j-load-and-traversal', goalRecordsPerSecond: GOAL_RECORDS_PER_SECOND, batchSize: DEFAULT_BATCH_SIZE, results }, null, 2));
}
