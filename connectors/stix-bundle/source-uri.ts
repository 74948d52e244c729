import * as path from 'node:path';
import type { CanRead } from '../connector';

/** A data source this connector can read; `uri` is its canonical form (`file://` + absolute path, or the URL). */
export type Source = { kind: 'file'; path: string; uri: string } | { kind: 'http'; url: string; uri: string };

const READABLE = /^(?:file|https?):\/\//i;
/** Two or more letters then `:`, so a Windows drive letter (`C:\x.json`) stays a bare path. */
const SCHEME = /^[a-z][a-z0-9+.-]+:/i;
const FILE_PREFIX = /^file:\/\//i;

export function checkUri(uri: string): CanRead {
  if (uri.trim() === '') return { ok: false, reason: 'the data-source URI is empty' };
  if (READABLE.test(uri) || !SCHEME.test(uri)) return { ok: true };
  const reason = `stix-bundle reads file://, http:// and https:// URIs and bare paths, not ${uri.slice(0, 80)}`;
  return { ok: false, reason };
}

/**
 * `file://./x.json`, `file://x.json` and bare relative paths resolve against `baseDir`; `file:///abs/x.json`
 * and bare absolute paths stand as they are. Call after checkUri said ok.
 */
export function resolveSource(uri: string, baseDir: string): Source {
  if (/^https?:\/\//i.test(uri)) return { kind: 'http', url: uri, uri };
  const filePath = path.resolve(baseDir, uri.replace(FILE_PREFIX, ''));
  return { kind: 'file', path: filePath, uri: `file://${filePath}` };
}

/** What messages call a source: the path of a file:// URI, any other URI as it is. */
export function locationOf(uri: string): string {
  return uri.replace(FILE_PREFIX, '');
}
