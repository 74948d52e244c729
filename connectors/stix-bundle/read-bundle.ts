import { createReadStream, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { corruptGzip, startsWithGzip } from '../file-head';
import { fileReadError } from '../file-read-error';
import { type JsonObject, isJsonObject } from './bundle-shape';
import { NotSplittable, splitBundle } from './bundle-stream';
import { readSourceText } from './fetch-source';
import { parseJson } from './parse-json';
import { locationOf, type Source } from './source-uri';
import { isObservableType } from './stix-types';

const PROGRESS_EVERY = 10_000;
/** Below this size one JSON.parse of the whole text is faster than splitting, and its text costs little memory. */
export const SPLIT_FROM_BYTES = 16 * 1024 * 1024;

/**
 * The bundle of a source as parsed JSON. A large or gzip file is read one object at a time: objects that records never hold (SDOs,
 * SROs) are kept as their type and id, all a reference to them needs. `onProgress` hears how many
 * observed-data have been read. A file that is not a well-formed JSON object is parsed whole, so that its
 * error names the line and column.
 */
export async function readBundle(source: Source, onProgress?: (records: number) => void): Promise<unknown> {
  const gzipped = source.kind === 'file' && (await gzipFile(source.path));
  if (source.kind === 'http' || (!gzipped && sizeOf(source.path) < SPLIT_FROM_BYTES)) {
    return parseJson(await readSourceText(source), locationOf(source.uri));
  }
  const members: JsonObject = {};
  const objects: unknown[] = [];
  let observed = 0;
  try {
    for await (const part of splitBundle(chunksOf(source.path, gzipped))) {
      if (part.kind === 'member') members[part.key] = part.value;
      else if (part.kind === 'objects') members.objects = objects;
      else {
        objects.push(slim(part.value));
        if (isJsonObject(part.value) && part.value.type === 'observed-data' && ++observed % PROGRESS_EVERY === 0) onProgress?.(observed);
      }
    }
  } catch (e) {
    if (!(e instanceof NotSplittable)) throw e;
    return parseJson(await readSourceText(source), locationOf(source.uri));
  }
  return members;
}

function slim(o: unknown): unknown {
  if (!isJsonObject(o) || typeof o.type !== 'string' || o.type === 'observed-data' || isObservableType(o.type)) return o;
  return o.id === undefined ? { type: o.type } : { type: o.type, id: o.id };
}

async function gzipFile(filePath: string): Promise<boolean> {
  try {
    return await startsWithGzip(filePath);
  } catch (e) {
    throw fileReadError(filePath, e, { inFolder: 'a STIX bundle file', file: 'a readable STIX bundle' });
  }
}

function sizeOf(filePath: string): number {
  try {
    return statSync(filePath).size;
  } catch {
    return 0;
  }
}

async function* chunksOf(filePath: string, gzipped: boolean): AsyncGenerator<Buffer> {
  const raw = createReadStream(filePath, { highWaterMark: 1 << 20 });
  const stream: Readable = gzipped ? raw.pipe(createGunzip()) : raw;
  if (gzipped) raw.on('error', (e) => stream.destroy(e));
  try {
    yield* stream as AsyncIterable<Buffer>;
  } catch (e) {
    if (gzipped && (e as NodeJS.ErrnoException).code?.startsWith('Z_')) {
      throw corruptGzip(filePath, e);
    }
    throw fileReadError(filePath, e, { inFolder: 'a STIX bundle file', file: 'a readable STIX bundle' });
  }
}
