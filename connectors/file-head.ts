import { closeSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { constants, gunzipSync } from 'node:zlib';
import { KestrelError } from '../src/model/errors';

const HEAD_BYTES = 64 * 1024;

export function isGzip(buf: Uint8Array): boolean {
  return buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b;
}

/** E_BAD_INPUT_FILE for a gzip stream that zlib could not read to its end. */
export function corruptGzip(filePath: string, e: unknown): KestrelError {
  return new KestrelError('E_BAD_INPUT_FILE', `${filePath}: corrupt gzip data (${(e as Error).message})`, {
    file: filePath,
    hint: `the file is truncated or damaged (\`gzip -t ${filePath}\` checks it); a log still being written can be followed with \`kestrel run --follow\``,
  });
}

/** Whether a local file starts with gzip's magic bytes; the file system's error when it cannot be read. */
export async function startsWithGzip(filePath: string): Promise<boolean> {
  const handle = await open(filePath, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return isGzip(head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

/**
 * The first bytes of a local file as text, gunzipped first when it is gzip-compressed (whatever its name), so
 * a connector can judge it by content; or why it cannot be looked into.
 */
export function fileHead(filePath: string): { text: string; gzipped: boolean } | { error: string } {
  let fd: number;
  try {
    fd = openSync(filePath, 'r');
  } catch (e) {
    return { error: `cannot open ${filePath} to look inside (${(e as NodeJS.ErrnoException).code})` };
  }
  let head: Buffer;
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    head = buf.subarray(0, readSync(fd, buf, 0, HEAD_BYTES, 0));
  } catch (e) {
    return { error: `cannot read ${filePath} (${(e as NodeJS.ErrnoException).code})` };
  } finally {
    closeSync(fd);
  }
  if (!isGzip(head)) return { text: head.toString('utf8'), gzipped: false };
  try {
    return { text: gunzipSync(head, { finishFlush: constants.Z_SYNC_FLUSH }).subarray(0, HEAD_BYTES).toString('utf8'), gzipped: true };
  } catch (e) {
    return { error: `${filePath} starts like gzip but is not (${(e as Error).message})` };
  }
}
