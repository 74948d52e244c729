import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { KestrelError } from '../../src/model/errors';
import { corruptGzip, isGzip } from '../file-head';
import { fileReadError } from '../file-read-error';
import type { Source } from './source-uri';

export const HTTP_TIMEOUT_MS = 30_000;

/** The whole text of a source. Throws E_DATA_SOURCE when it cannot be read. */
export async function readSourceText(source: Source, timeoutMs = HTTP_TIMEOUT_MS): Promise<string> {
  const text = source.kind === 'file' ? await readLocalFile(source.path) : await fetchUrl(source.url, timeoutMs);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

async function readLocalFile(filePath: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(filePath);
  } catch (e) {
    throw fileReadError(filePath, e, { inFolder: 'a STIX bundle file', file: 'a readable STIX bundle' });
  }
  return (isGzip(bytes) ? await gunzipped(filePath, bytes) : bytes).toString('utf8');
}

async function gunzipped(filePath: string, bytes: Buffer): Promise<Buffer> {
  try {
    return await promisify(gunzip)(bytes);
  } catch (e) {
    throw corruptGzip(filePath, e);
  }
}

async function fetchUrl(url: string, timeoutMs: number): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (response.ok) return await response.text();
  } catch (e) {
    throw unreachable(url, e, timeoutMs);
  }
  throw new KestrelError('E_DATA_SOURCE', `${url}: HTTP ${response.status} ${response.statusText}`.trimEnd(), {
    file: url,
    hint: 'check the URL: the server answered but did not return the bundle',
  });
}

function unreachable(url: string, e: unknown, timeoutMs: number): KestrelError {
  const error = e as Error & { cause?: { code?: string; message?: string } };
  const why =
    error.name === 'TimeoutError'
      ? `no answer within ${timeoutMs / 1000} s`
      : `cannot connect (${error.cause?.code ?? error.cause?.message ?? error.message})`;
  return new KestrelError('E_DATA_SOURCE', `${url}: ${why}`, {
    file: url,
    hint: 'check the URL, that the server is running, and that this machine can reach it',
  });
}
