import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const TEMPLATE = path.join(ROOT, 'test', 'fixtures', 'event-logs', 'schtask_create.ecs.ndjson');
const MB = 1024 * 1024;

export interface ReadRun {
  records: number;
  seconds: number;
  peakRssMb: number;
}

/**
 * A Sysmon ECS NDJSON file of about `bytes`: the real schtask_create recording repeated, each copy with its own
 * process GUIDs (so every copy is new processes) — the same mix of event types as the lab recording.
 */
export function generate(file: string, bytes: number): number {
  const lines = fs.readFileSync(TEMPLATE, 'utf8').split('\n').filter((l) => l.trim());
  const fd = fs.openSync(file, 'w');
  let written = 0;
  let records = 0;
  try {
    for (let copy = 0; written < bytes; copy++) {
      const suffix = `-${copy.toString(16).padStart(12, '0')}}`;
      const chunk = `${lines.map((l) => l.replaceAll('-000000000700}', suffix)).join('\n')}\n`;
      fs.writeSync(fd, chunk);
      written += Buffer.byteLength(chunk);
      records += lines.length;
    }
  } finally {
    fs.closeSync(fd);
  }
  return records;
}

function readOnce(script: string, file: string): ReadRun {
  const out = execFileSync(process.execPath, ['--max-old-space-size=4096', path.join(__dirname, script), file], { encoding: 'utf8' });
  return JSON.parse(out) as ReadRun;
}

/** Streams generated files of growing size through the event-log connector; then a full load into the store. */
export function benchSysmonNdjson(outDir: string, sizesMb: readonly number[], loadMb: number) {
  const read = sizesMb.map((mb) => {
    const file = path.join(outDir, `sysmon-${mb}mb.ndjson`);
    generate(file, mb * MB);
    const run = readOnce('read-once.js', file);
    if (mb !== loadMb) fs.rmSync(file);
    return { fileMb: mb, records: run.records, seconds: run.seconds, recordsPerSecond: Math.round(run.records / run.seconds), peakRssMb: run.peakRssMb };
  });
  const loadFile = path.join(outDir, `sysmon-${loadMb}mb.ndjson`);
  if (!fs.existsSync(loadFile)) generate(loadFile, loadMb * MB);
  const load = readOnce('load-once.js', loadFile);
  fs.rmSync(loadFile);
  return {
    read,
    load: { fileMb: loadMb, records: load.records, seconds: load.seconds, recordsPerSecond: Math.round(load.records / load.seconds), peakRssMb: load.peakRssMb },
  };
}
