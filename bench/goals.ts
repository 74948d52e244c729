import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { alternate, median, runProcess, type ProcessRun } from './process-run';
import { generate } from './sysmon-ndjson';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'bin', 'kestrel.js');
const NODE = process.execPath;
const MB = 1024 * 1024;

export interface Figure {
  measure: string;
  value: number;
  floor: number;
  unit: string;
  /** value / floor, or for a throughput floor / value: above 1 is slower than the floor. */
  ratio: number;
  goal: string;
}

const fig = (measure: string, value: number, floor: number, unit: string, goal: string, ratio = value / floor): Figure =>
  ({ measure, value: round(value), floor: round(floor), unit, ratio: round(ratio), goal });
const round = (x: number) => Number(x.toPrecision(4));

function floorRun(mode: 'ndjson' | 'json', file: string): ProcessRun & { records: number; ms: number } {
  const run = runProcess(NODE, [path.join(__dirname, 'floor-once.js'), mode, file]);
  return { ...run, ...(JSON.parse(run.stdout) as { records: number; ms: number }) };
}

/** `GET process` over generated Sysmon ECS NDJSON from the shell, against the bare parse loop, and the full load. */
function ndjsonFigures(outDir: string, mb: number, runs: number): Figure[] {
  const file = path.join(outDir, `sysmon-${mb}mb.ndjson`);
  generate(file, mb * MB);
  const hunt = path.join(outDir, `get-${mb}mb.hf`);
  fs.writeFileSync(hunt, `procs = GET process FROM file://${file} WHERE name = 'schtasks.exe'\n`);
  try {
    const fileMb = fs.statSync(file).size / MB;
    const { a, b } = alternate(runs, () => runProcess(NODE, [CLI, 'run', '--json', hunt]), () => floorRun('ndjson', file));
    const huntS = median(a.map((r) => r.wallS));
    const floorS = median(b.map((r) => r.wallS));
    const peak = Math.max(...a.map((r) => r.peakRssMb));
    const load = JSON.parse(execFileSync(NODE, ['--max-old-space-size=4096', path.join(__dirname, 'load-once.js'), file], { encoding: 'utf8' })) as
      { records: number; seconds: number };
    const floorRecords = floorRun('ndjson', file);
    // The goals are set at 100 MB; at 1 GB memory is to grow flat-ish; 10 MB shows the start-up's share.
    const at100 = (goal: string) => (mb === 100 ? goal : `none at ${mb} MB (${goal} at 100 MB)`);
    return [
      fig(`GET process over ${mb} MB ECS NDJSON (s), floor: split + JSON.parse loop`, huntS, floorS, 's', at100('≤ 2x (under 1x with both cores)')),
      fig(`peak RSS of that hunt (MB), floor: the file size`, peak, fileMb, 'MB', mb >= 1000 ? 'flat-ish growth' : at100('≤ 1.5x')),
      fig(`full load into the embedded store, ${mb} MB (records/s), floor: the parse loop`, load.records / load.seconds,
        floorRecords.records / (floorRecords.ms / 1000), 'records/s', '≥ 100,000 records/s', (floorRecords.records / (floorRecords.ms / 1000)) / (load.records / load.seconds)),
    ];
  } finally {
    fs.rmSync(file, { force: true });
    fs.rmSync(hunt, { force: true });
  }
}

/** The hunt on the 10x bundle (cold: the first in its process) against JSON.parse of the bundle in a process of its own. */
function bundleFigure(scaledFile: string, hunt: string): Figure {
  const colds: number[] = [];
  const floors: number[] = [];
  for (let i = 0; i < 3; i++) {
    colds.push((JSON.parse(execFileSync(NODE, [path.join(__dirname, 'hunt-once.js'), scaledFile, hunt], { encoding: 'utf8' })) as { coldMs: number }).coldMs);
    floors.push(floorRun('json', scaledFile).ms);
  }
  return fig('10x doctored bundle GET + FIND + FIND + FIND, first hunt in its process (ms), floor: read + JSON.parse', median(colds), median(floors), 'ms', '≤ 3x');
}

/** A trivial hunt and `--version` from the shell, against `node -e 0`. */
function startFigures(outDir: string): Figure[] {
  const hunt = path.join(outDir, 'trivial.hf');
  fs.writeFileSync(hunt, "x = NEW process ['a.exe']\nDISP x\n");
  try {
    const bare = () => runProcess(NODE, ['-e', '0']);
    const trivial = alternate(7, () => runProcess(NODE, [CLI, 'run', hunt]), bare);
    const version = alternate(7, () => runProcess(NODE, [CLI, '--version']), bare);
    return [
      fig('a trivial hunt from the shell (s), floor: node -e 0', median(trivial.a.map((r) => r.wallS)), median(trivial.b.map((r) => r.wallS)), 's', '≤ 2.5x'),
      fig('kestrel --version, CPU (s), floor: node -e 0', median(version.a.map((r) => r.cpuS)), median(version.b.map((r) => r.cpuS)), 's', '≤ 0.1 s'),
      fig('kestrel --version, wall (s), floor: node -e 0', median(version.a.map((r) => r.wallS)), median(version.b.map((r) => r.wallS)), 's', '≤ 0.1 s'),
    ];
  } finally {
    fs.rmSync(hunt, { force: true });
  }
}

/** Every figure of issue 16's table beside its floor, measured in this run; 1 GB unless told to be quick. */
export function benchGoals(outDir: string, scaledFile: string, bundleHunt: string, withGigabyte: boolean): Figure[] {
  const figures = [...startFigures(outDir), bundleFigure(scaledFile, bundleHunt), ...ndjsonFigures(outDir, 10, 3), ...ndjsonFigures(outDir, 100, 3)];
  if (withGigabyte) figures.push(...ndjsonFigures(outDir, 1000, 1));
  return figures;
}

export function goalsTable(figures: readonly Figure[]): string[] {
  const header = ['measure', 'value', 'floor', 'ratio', 'goal'];
  const rows = figures.map((f) => [f.measure, `${f.value} ${f.unit}`, `${f.floor} ${f.unit}`, `${f.ratio}x`, f.goal]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [header, ...rows].map((cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  '));
}
