import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CanRead } from '../connector';

/** A trace to read: its absolute path, its canonical URI, and the policy the URI names (`?policy=`), if any. */
export interface TraceSource {
  path: string;
  uri: string;
  policy?: string;
}

const SYSFLOW = /^sysflow:\/\//i;
const FILE = /^file:\/\//i;
/** Two or more letters then `:`, so a Windows drive letter stays a bare path. */
const SCHEME = /^[a-z][a-z0-9+.-]+:/i;

function splitQuery(uri: string): { location: string; query: URLSearchParams } {
  const q = uri.indexOf('?');
  return q < 0 ? { location: uri, query: new URLSearchParams() } : { location: uri.slice(0, q), query: new URLSearchParams(uri.slice(q + 1)) };
}

export function checkUri(uri: string): CanRead {
  if (SYSFLOW.test(uri)) return { ok: true };
  const { location } = splitQuery(uri);
  if ((FILE.test(location) || !SCHEME.test(location)) && /\.sf$/i.test(location)) return { ok: true };
  return { ok: false, reason: `sysflow reads SysFlow traces: sysflow://PATH, and file:// URIs or bare paths ending in .sf, not ${uri.slice(0, 80)}` };
}

/** Relative paths (of the trace and of `?policy=`) resolve against `baseDir`. Call after checkUri said ok. */
export function resolveTrace(uri: string, baseDir: string): TraceSource {
  const { location, query } = splitQuery(uri);
  const filePath = path.resolve(baseDir, location.replace(SYSFLOW, '').replace(FILE, ''));
  const policy = query.get('policy');
  return { path: filePath, uri: `file://${filePath}`, policy: policy ? path.resolve(baseDir, policy) : undefined };
}

export function isDirectory(filePath: string): boolean {
  try {
    return fs.statSync(filePath).isDirectory();
  } catch {
    return false;
  }
}

/** The `.sf` files directly in a directory of traces (`sysflow://DIR`), in name order (the collector names them by time). */
export function traceFiles(dir: TraceSource): TraceSource[] {
  return fs
    .readdirSync(dir.path, { withFileTypes: true })
    .filter((e) => e.isFile() && /\.sf$/i.test(e.name))
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const filePath = path.join(dir.path, name);
      return { path: filePath, uri: `file://${filePath}`, policy: dir.policy };
    });
}
