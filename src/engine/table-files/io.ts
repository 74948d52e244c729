import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { corruptGzip, isGzip } from '../../../connectors/file-head';
import { KestrelError } from '../../model/errors';

/** The whole file, or E_BAD_INPUT_FILE saying why it cannot be read. */
export async function readBytes(file: string): Promise<Buffer> {
  try {
    return await fs.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file'
      : code === 'EISDIR' ? 'is a folder, not a file'
      : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
      : `cannot be read (${(e as Error).message})`;
    throw new KestrelError('E_BAD_INPUT_FILE', `${file}: ${why}`, {
      file,
      ...(code === 'ENOENT' ? { hint: "a relative path is read from the huntflow's folder" } : {}),
    });
  }
}

/** `bytes` unzipped if they are gzip, as they are; E_BAD_INPUT_FILE if the gzip stream is damaged. */
export function gunzipIfGzip(bytes: Buffer, file: string): Buffer {
  if (!isGzip(bytes)) return bytes;
  try {
    return gunzipSync(bytes);
  } catch (e) {
    throw corruptGzip(file, e);
  }
}

/** Text of UTF-8 bytes without a byte-order mark. */
export function utf8Text(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Writes `data` to `file` through a temporary file in the same folder and a rename, so `file` is either
 * complete or as it was. The folder must exist. E_SAVE_FAILED on any failure, and the temporary file is gone.
 */
export async function writeAtomically(file: string, data: () => Promise<Buffer> | Buffer): Promise<void> {
  const dir = path.dirname(file);
  await checkFolder(dir, file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const bytes = await data();
    await fs.writeFile(tmp, bytes, { flag: 'wx' });
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw saveFailed(file, e);
  }
}

async function checkFolder(dir: string, file: string): Promise<void> {
  let stat;
  try {
    stat = await fs.stat(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new KestrelError('E_SAVE_FAILED', `${file}: cannot save: the folder ${dir} does not exist`, {
        file,
        hint: 'SAVE does not create folders; create it first or save elsewhere',
      });
    }
    throw saveFailed(file, e);
  }
  if (!stat.isDirectory()) {
    throw new KestrelError('E_SAVE_FAILED', `${file}: cannot save: ${dir} is not a folder`, { file, hint: `${dir} is a file: save into a folder` });
  }
}

function saveFailed(file: string, e: unknown): KestrelError {
  if (e instanceof KestrelError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  const why =
    code === 'EACCES' || code === 'EPERM' ? 'permission denied'
    : code === 'EISDIR' ? 'a folder has that name'
    : code === 'ENOSPC' ? 'no space left on the device'
    : code === 'EROFS' ? 'the file system is read-only'
    : (e as Error)?.message ?? String(e);
  return new KestrelError('E_SAVE_FAILED', `${file}: cannot save: ${why}`, {
    file,
    ...(code === 'EACCES' || code === 'EPERM' ? { hint: 'SAVE needs write permission on the folder' } : {}),
  });
}
