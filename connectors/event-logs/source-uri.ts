import * as path from 'node:path';
import type { CanRead } from '../connector';
import { sniffFile } from './sniff';

const EVENT_SCHEME = /^(?:ecs|otrf|sysmon):\/\//i;
const FILE_PREFIX = /^file:\/\//i;
/** Two or more letters then `:`, so a Windows drive letter (`C:\x.json`) stays a bare path. */
const SCHEME = /^[a-z][a-z0-9+.-]+:/i;
const LINES_FILE = /\.(?:ndjson|jsonl)(?:\.gz)?$/i;

const READS = 'event-logs reads ecs://, otrf:// and sysmon:// paths, *.ndjson and *.jsonl files (or .gz), and any other file (plain or gzip) whose first line is an event';

/** `baseDir` is where a relative path is looked at (the huntflow's folder; the working directory when not known). */
export function checkUri(uri: string, baseDir = process.cwd()): CanRead {
  if (uri.trim() === '') return { ok: false, reason: 'the data-source URI is empty' };
  if (EVENT_SCHEME.test(uri)) return { ok: true };
  if (SCHEME.test(uri) && !FILE_PREFIX.test(uri)) return { ok: false, reason: `${READS}, not ${uri.slice(0, 80)}` };
  const p = uri.replace(FILE_PREFIX, '');
  if (LINES_FILE.test(p)) return { ok: true };
  const why = sniffFile(path.resolve(baseDir, p));
  return why === undefined ? { ok: true } : { ok: false, reason: `${READS}; ${p.slice(0, 80)}: ${why}` };
}

/** The absolute path a URI names; relative paths resolve against `baseDir`. */
export function filePathOf(uri: string, baseDir: string): string {
  return path.resolve(baseDir, uri.replace(EVENT_SCHEME, '').replace(FILE_PREFIX, ''));
}
