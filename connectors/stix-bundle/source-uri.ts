import * as path from 'node:path';
import type { CanRead } from '../connector';
import { fileHead } from '../file-head';

/** A data source this connector can read; `uri` is its canonical form (`file://` + absolute path, or the URL). */
export type Source = { kind: 'file'; path: string; uri: string } | { kind: 'http'; url: string; uri: string };

const READABLE = /^(?:file|https?):\/\//i;
/** Two or more letters then `:`, so a Windows drive letter (`C:\x.json`) stays a bare path. */
const SCHEME = /^[a-z][a-z0-9+.-]+:/i;
const FILE_PREFIX = /^file:\/\//i;

/** `baseDir` is where a relative path is looked at; a local file is claimed unless its text (gunzipped) plainly is not JSON. */
export function checkUri(uri: string, baseDir = process.cwd()): CanRead {
  if (uri.trim() === '') return { ok: false, reason: 'the data-source URI is empty' };
  if (/^https?:\/\//i.test(uri)) return { ok: true };
  if (READABLE.test(uri) || !SCHEME.test(uri)) {
    const source = resolveSource(uri, baseDir) as Extract<Source, { kind: 'file' }>;
    const head = fileHead(source.path);
    if ('error' in head) return { ok: true };
    const first = /\S/.exec(head.text.replace(/^\uFEFF/, ''));
    if (first === null || first[0] === '{' || first[0] === '[') return { ok: true };
    return { ok: false, reason: `stix-bundle reads STIX bundles (JSON); ${locationOf(source.uri).slice(-80)}${head.gzipped ? ', gunzipped,' : ''} does not start like JSON` };
  }
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
