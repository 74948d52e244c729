import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { CanRead } from '../connector';
import { fileHead } from '../file-head';

const OCSF_SCHEME = /^ocsf:\/\//i;
const FILE_PREFIX = /^file:\/\//i;
/** Two or more letters then `:`, so a Windows drive letter stays a bare path. */
const SCHEME = /^[a-z][a-z0-9+.-]+:/i;
const PARQUET = /\.parquet$/i;
const LINES = /\.(?:ndjson|jsonl|json)(?:\.gz)?$/i;

const READS = 'ocsf reads ocsf:// paths, *.parquet files, folders of them (an AWS Security Lake export), and JSON lines whose first line is an OCSF event (class_uid)';

/** Whether a URI names OCSF data: `ocsf://` always, a parquet file or folder of them, or JSON lines of OCSF events. */
export function checkUri(uri: string, baseDir = process.cwd()): CanRead {
  if (OCSF_SCHEME.test(uri)) return { ok: true };
  if (uri.trim() === '' || (SCHEME.test(uri) && !FILE_PREFIX.test(uri))) return { ok: false, reason: READS };
  const p = uri.replace(FILE_PREFIX, '');
  if (PARQUET.test(p)) return { ok: true };
  const full = path.resolve(baseDir, p);
  if (isDirectory(full)) return dataFiles(full).some((f) => PARQUET.test(f)) ? { ok: true } : { ok: false, reason: `${READS}; ${p.slice(0, 80)} holds no .parquet file` };
  if (!LINES.test(p)) return { ok: false, reason: READS };
  const why = sniffLines(full);
  return why === undefined ? { ok: true } : { ok: false, reason: `${READS}; ${p.slice(0, 80)}: ${why}` };
}

/** The absolute path a URI names; relative paths resolve against `baseDir`. */
export function pathOf(uri: string, baseDir: string): string {
  return path.resolve(baseDir, uri.replace(OCSF_SCHEME, '').replace(FILE_PREFIX, ''));
}

export function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The parquet and JSON-lines files under a folder, at any depth (Security Lake's region=/accountId=/eventDay= partitions), in path order. */
export function dataFiles(dir: string): string[] {
  const files = (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => PARQUET.test(f) || LINES.test(f));
  return files.sort().map((f) => path.join(dir, f));
}

export function isParquetName(file: string): boolean {
  return PARQUET.test(file);
}

/** Why the first non-blank line of a local file (plain or gzip) is no OCSF event; undefined when it is one. */
function sniffLines(file: string): string | undefined {
  const head = fileHead(file);
  if ('error' in head) return head.error;
  const line = head.text.split('\n').find((l) => l.trim() !== '');
  if (line === undefined) return 'it holds no JSON line';
  let doc: unknown;
  try {
    doc = JSON.parse(line);
  } catch {
    return 'its first line is not a complete JSON object';
  }
  return isOcsfEvent(doc) ? undefined : 'its first line has no class_uid';
}

/** An OCSF event carries its class: `class_uid` (or a flat `type_uid`, as Kestrel 2's tables do). */
export function isOcsfEvent(doc: unknown): boolean {
  return doc !== null && typeof doc === 'object' && !Array.isArray(doc) && ('class_uid' in doc || 'type_uid' in doc);
}
