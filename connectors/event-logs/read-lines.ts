import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { KestrelError } from '../../src/model/errors';
import { corruptGzip, startsWithGzip } from '../file-head';
import { fileReadError } from '../file-read-error';

export interface Line {
  /** 1-based line number in the (decompressed) file. */
  number: number;
  text: string;
  /** Where the line's bytes lie in a plain (not gzip) file, to read it again alone. */
  at?: { offset: number; bytes: number };
}

const NEWLINE = 0x0a;
/** Large reads: fewer chunks, fewer awaits per line. */
const CHUNK_BYTES = 1 << 18;

/**
 * The lines of a local file, plain or gzip (told by its magic bytes), streamed: memory holds one chunk and
 * the partial line at its end, never the whole file. Yields the lines of each chunk together. Throws
 * E_DATA_SOURCE when the file cannot be opened and E_BAD_INPUT_FILE when its gzip stream is corrupt.
 */
export async function* readLines(filePath: string): AsyncGenerator<Line[]> {
  const gzipped = await startsWithGzipMagic(filePath);
  const raw = createReadStream(filePath, { highWaterMark: CHUNK_BYTES });
  const stream: Readable = gzipped ? raw.pipe(createGunzip({ chunkSize: CHUNK_BYTES })) : raw;
  if (gzipped) raw.on('error', (e) => stream.destroy(e));
  let rest: Buffer | undefined;
  let number = 0;
  /** Bytes of the file before the current chunk. */
  let base = 0;
  const at = (offset: number, end: number) => (gzipped ? undefined : { offset, bytes: end - offset });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const lines: Line[] = [];
      let start = 0;
      let nl = chunk.indexOf(NEWLINE);
      if (rest !== undefined && nl >= 0) {
        lines.push({ number: ++number, text: decode(Buffer.concat([rest, chunk.subarray(0, nl)])), at: at(base - rest.length, base + nl) });
        rest = undefined;
        start = nl + 1;
        nl = chunk.indexOf(NEWLINE, start);
      }
      while (nl >= 0) {
        lines.push({ number: ++number, text: decode(chunk, start, nl), at: at(base + start, base + nl) });
        start = nl + 1;
        nl = chunk.indexOf(NEWLINE, start);
      }
      if (start < chunk.length) rest = rest === undefined ? chunk.subarray(start) : Buffer.concat([rest, chunk.subarray(start)]);
      base += chunk.length;
      if (lines.length) yield lines;
    }
  } catch (e) {
    throw readError(filePath, e, gzipped);
  }
  if (rest !== undefined) yield [{ number: number + 1, text: decode(rest), at: at(base - rest.length, base) }];
}

/** A line's text: without a trailing \r or a leading byte-order mark. */
export function decode(buf: Buffer, start = 0, end = buf.length): string {
  if (end > start && buf[end - 1] === 0x0d) end--;
  const text = buf.toString('utf8', start, end);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Whether a local file starts with gzip's magic bytes; E_DATA_SOURCE when it cannot be opened. */
export async function startsWithGzipMagic(filePath: string): Promise<boolean> {
  try {
    return await startsWithGzip(filePath);
  } catch (e) {
    throw readError(filePath, e, false);
  }
}

function readError(filePath: string, e: unknown, gzipped: boolean): KestrelError {
  const code = (e as NodeJS.ErrnoException).code;
  if (gzipped && code?.startsWith('Z_')) {
    return corruptGzip(filePath, e);
  }
  return fileReadError(filePath, e, { inFolder: 'an event-log file', file: 'a readable JSON-lines event log' });
}
