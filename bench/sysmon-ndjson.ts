import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const TEMPLATE = path.join(ROOT, 'test', 'fixtures', 'event-logs', 'schtask_create.ecs.ndjson');

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
