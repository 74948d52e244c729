import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

export interface ProvenanceQuery {
  query: string;
  runs: number;
  medianMs: number;
  p95Ms: number;
  medianNodes: number;
  maxNodes: number;
}

export interface ProvenanceRun {
  processes: number;
  trees: number;
  buildSeconds: number;
  ingestSeconds: number;
  heapAfterBuildMb: number;
  peakRssMb: number;
  queries: ProvenanceQuery[];
}

/** Builds a generated process forest of each size in a fresh process (`provenance-once.ts`) and times walks on it. */
export function benchProvenance(sizes: readonly number[]): ProvenanceRun[] {
  return sizes.map((n) => {
    const script = path.join(__dirname, 'provenance-once.js');
    const out = execFileSync(process.execPath, ['--max-old-space-size=8192', script, String(n)], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    return JSON.parse(out) as ProvenanceRun;
  });
}

/** One line per forest and query: what `npm run bench` prints before the JSON. */
export function provenanceTable(runs: readonly ProvenanceRun[]): string[] {
  const header = ['processes', 'query', 'median ms', 'p95 ms', 'median nodes', 'max nodes'];
  const rows = runs.flatMap((r) => r.queries.map((q) => [r.processes, q.query, q.medianMs, q.p95Ms, q.medianNodes, q.maxNodes]));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells: unknown[]) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ');
  const builds = runs.map((r) => `  ${r.processes} processes in ${r.trees} trees: built in ${r.buildSeconds} s (ingest ${r.ingestSeconds} s), heap ${r.heapAfterBuildMb} MB, peak RSS ${r.peakRssMb} MB`);
  return [...builds, line(header), ...rows.map(line)];
}
