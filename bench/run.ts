import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { benchNeo4j } from './neo4j';
import { benchParse, parseTable } from './parse';
import { benchProvenance, provenanceTable } from './provenance';
import { scaleBundle } from './scale-bundle';
import { benchGoals, goalsTable } from './goals';
import { benchView, VIEW_TARGETS, viewTable } from './view';

const ROOT = path.resolve(__dirname, '..', '..');
const SOURCE = path.join(ROOT, 'test', 'fixtures', 'doctored-1k.json');
const OUT = path.join(ROOT, 'bench', 'out');
const RUNS = 5;

/** load + GET + FIND + FIND + FIND, the hunt Kestrel 1.x takes about 16 s for on the 10x bundle. */
const HUNT = `procs = GET process FROM file://$BUNDLE WHERE name = 'svchost.exe'
children = FIND process CREATED BY procs
parents = FIND process CREATED children
grandparents = FIND process CREATED parents
`;

interface Run {
  coldMs: number;
  warmMs: number;
  peakRssMb: number;
  variables: { name: string; entities: number; records: number }[];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function measure(name: string, file: string, records: number) {
  const runs: Run[] = [];
  for (let i = 0; i < RUNS; i++) {
    const out = execFileSync(process.execPath, [path.join(__dirname, 'hunt-once.js'), file, HUNT], { encoding: 'utf8' });
    runs.push(JSON.parse(out) as Run);
  }
  const cold = median(runs.map((r) => r.coldMs));
  const warm = median(runs.map((r) => r.warmMs));
  return {
    dataset: name,
    records,
    coldMs: Number(cold.toFixed(1)),
    warmMs: Number(warm.toFixed(1)),
    recordsPerSecondWarm: Math.round(records / (warm / 1000)),
    peakRssMb: Number(Math.max(...runs.map((r) => r.peakRssMb)).toFixed(1)),
    entities: Object.fromEntries(runs[0].variables.map((v) => [v.name, v.entities])),
  };
}

/** doctored-1k and its 10x copy (written to bench/out), with their record counts. */
function bundles() {
  fs.mkdirSync(OUT, { recursive: true });
  const bundle = JSON.parse(fs.readFileSync(SOURCE, 'utf8'));
  const count = (b: { objects: { type: string }[] }) => b.objects.filter((o) => o.type === 'observed-data').length;
  const scaled = scaleBundle(bundle, 10);
  const scaledFile = path.join(OUT, 'doctored-10k.json');
  fs.writeFileSync(scaledFile, JSON.stringify(scaled));
  return { scaledFile, records: count(bundle), scaledRecords: count(scaled as { objects: { type: string }[] }) };
}

function main(): void {
  const { scaledFile, records, scaledRecords } = bundles();
  const goals = benchGoals(OUT, scaledFile, HUNT, !process.argv.includes('--quick'));
  console.log('Each measure beside its floor, both measured in this run (ratio above 1: slower than the floor):');
  for (const row of goalsTable(goals)) console.log(row);
  console.log(JSON.stringify({ benchmark: 'goals', results: goals }, null, 2));
  if (process.argv.includes('--goals-only')) return;

  const results = [
    measure('doctored-1k', SOURCE, records),
    measure('doctored-10k (10x)', scaledFile, scaledRecords),
  ];
  const header = ['dataset', 'records', 'cold ms', 'warm ms', 'records/s (warm)', 'peak RSS MB', 'entities'];
  const rows = results.map((r) => [r.dataset, r.records, r.coldMs, r.warmMs, r.recordsPerSecondWarm, r.peakRssMb, JSON.stringify(r.entities)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells: unknown[]) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ');
  console.log('\nload + GET + FIND + FIND + FIND in process, embedded store. Median over 5 fresh processes of:');
  console.log('cold = the first hunt in the process; warm = the median of its hunts 3 to 5 (each a new session)');
  console.log(line(header));
  for (const r of rows) console.log(line(r));
  console.log(JSON.stringify({ benchmark: 'hunt-load-get-find-find', target: { dataset: 'doctored-10k (10x)', warmMs: 500 }, results }, null, 2));

  const provenance = benchProvenance([100_000, 1_000_000]);
  console.log('\nProcess-tree walks on a generated forest in the embedded store (one fresh process per size; 1000 random starts per query):');
  for (const row of provenanceTable(provenance)) console.log(row);
  console.log(JSON.stringify({ benchmark: 'process-tree-walks', target: { query: 'depth 3', medianMs: 5 }, results: provenance }, null, 2));

  const views = VIEW_TARGETS.map(({ entities }) => benchView(entities, OUT));
  console.log('\nThe HTML provenance view of generated graphs (one fresh process each; targets: ready in 1 s at 500 entities, 2 s at 10,000, 3 s at 100,000):');
  for (const view of views) for (const row of viewTable(view)) console.log(row);
  console.log(JSON.stringify({ benchmark: 'html-view', targets: VIEW_TARGETS, results: views }, null, 2));

  const parsing = benchParse();
  console.log('\nParsing generated huntflows (src/lang parse, in this process):');
  for (const row of parseTable(parsing)) console.log(row);
  console.log(JSON.stringify({ benchmark: 'parse', results: parsing }, null, 2));
}

/** `npm run bench -- --backend neo4j` measures the Neo4j store instead (graph/neo4j/README.md). */
const backendAt = process.argv.indexOf('--backend');
if (backendAt >= 0 && process.argv[backendAt + 1] === 'neo4j') {
  benchNeo4j([{ name: 'doctored-1k', file: SOURCE }, { name: 'doctored-10k (10x)', file: bundles().scaledFile }]).catch((e: unknown) => {
    console.error(e instanceof Error ? `${e.message}${'hint' in e ? `\n  hint: ${String(e.hint)}` : ''}` : e);
    process.exitCode = 1;
  });
} else {
  try {
    main();
  } finally {
    fs.rmSync(OUT, { recursive: true, force: true });
  }
}
