import * as fs from 'node:fs';
import * as path from 'node:path';
import { FIXTURES } from '../hunt';

const RECORDING = path.join(FIXTURES, 'event-logs', 'schtask_create.json');
const lines = fs.readFileSync(RECORDING, 'utf8').split('\n');
/** Sysmon 1 of schtasks.exe (pid 8920), child of cmd.exe 460. */
const SCHTASKS = lines[479];

/** A followed hunt over the log: cmd.exe's children, as the follow tests display them. */
export const KIDS_HUNT = [
  "shells = GET process FROM file://log.json WHERE name = 'cmd.exe'",
  'kids = FIND process CREATED BY shells',
  'DISP kids ATTR pid, name, parent_ref.name',
];

/** Writes `log.json` into `dir`: the first 600 lines of OTRF's schtask_create recording (cmd.exe 460 starts schtasks.exe 8920); returns its path. */
export function startLog(dir: string): string {
  const log = path.join(dir, 'log.json');
  fs.writeFileSync(log, lines.slice(0, 600).map((l) => `${l}\n`).join(''));
  return log;
}

/** A new process cmd.exe 460 starts, pid 20000 + i: the schtasks line with its own GUID and pid (and its own image, when given). */
export function newChild(i: number, image?: string): string {
  const doc = JSON.parse(SCHTASKS) as Record<string, unknown>;
  doc.ProcessGuid = `{67e11d8c-eb56-5fdd-2097-${(0x100000 + i).toString(16).padStart(12, '0')}}`;
  doc.ProcessId = String(20000 + i);
  if (image !== undefined) doc.Image = image;
  return JSON.stringify(doc);
}
