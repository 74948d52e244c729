import * as fs from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { KestrelError } from '../model/errors';

/** Lines with bytes that are not UTF-8 named one by one; past this many, the rest are counted. */
const LINES_NAMED = 10;

/**
 * A huntflow file's text, without a byte-order mark, and a warning for each line holding bytes that are not
 * UTF-8 (they read as U+FFFD). Lines end at \n, \r or \r\n, as error positions count them. Throws
 * E_HUNTFLOW_NOT_FOUND when the file cannot be read.
 */
export function readHuntflow(file: string): { source: string; warnings: string[] } {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    throw new KestrelError('E_HUNTFLOW_NOT_FOUND', `cannot read huntflow ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, {
      file, hint: 'check the path; relative paths resolve against the current directory',
    });
  }
  return { source: bytes.toString('utf8').replace(/^\uFEFF/, ''), warnings: isUtf8(bytes) ? [] : utf8Warnings(file, bytes) };
}

function utf8Warnings(file: string, bytes: Buffer): string[] {
  const bad: string[] = [];
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    const b = bytes[i];
    if (i < bytes.length && b !== 0x0a && b !== 0x0d) continue;
    const n = invalidBytes(bytes.subarray(start, i));
    if (n) bad.push(`${file}:${line}: ${n} byte${n === 1 ? '' : 's'} that are not UTF-8 replaced by U+FFFD`);
    if (b === 0x0d && bytes[i + 1] === 0x0a) i++;
    line++;
    start = i + 1;
  }
  const more = bad.length - LINES_NAMED;
  return more > 0 ? [...bad.slice(0, LINES_NAMED), `${file}: and ${more} more line${more === 1 ? '' : 's'} with bytes that are not UTF-8`] : bad;
}

/** How many bytes of a line the UTF-8 decoder replaces (a U+FFFD written in the file is not counted). */
function invalidBytes(line: Buffer): number {
  if (isUtf8(line)) return 0;
  const text = line.toString('utf8');
  const written = line.toString('latin1').split('\xef\xbf\xbd').length - 1;
  const replaced = text.split('\uFFFD').length - 1 - written;
  // Each replacement re-encodes to 3 bytes; everything else re-encodes to the bytes it came from.
  return line.length - (Buffer.byteLength(text) - 3 * replaced);
}
