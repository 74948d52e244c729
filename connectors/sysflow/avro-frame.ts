import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { KestrelError } from '../../src/model/errors';

const MAGIC = Buffer.from('Obj\x01', 'latin1');
const SYNC_BYTES = 16;

/** A run past the end of the file while framing the part that starts at `start`. */
class Truncated {
  constructor(readonly start: number, readonly what: string) {}
}

/**
 * Walks the frame of an Avro object-container file (header, then each block's count, size and sync marker),
 * reading only those few bytes, so a trace cut short or an empty file is refused before any record is used:
 * the decoder itself stops quietly at a cut. Throws E_BAD_INPUT_FILE with the byte offset of the part that
 * is cut or broken; leaves files that are not Avro at all to the decoder's own message.
 */
export function checkContainerFrame(filePath: string): void {
  let fd: number;
  try {
    fd = openSync(filePath, 'r');
  } catch {
    return;
  }
  try {
    const size = fstatSync(fd).size;
    if (size === 0) throw bad(filePath, 0, 'the file is empty (a SysFlow trace starts with an Avro header)');
    const reader = new FrameReader(fd, size);
    if (size < MAGIC.length || !reader.bytes(0, MAGIC.length).equals(MAGIC)) return;
    try {
      reader.pos = MAGIC.length;
      skipMetadata(reader);
      const sync = reader.take(SYNC_BYTES, 0, 'the header');
      while (reader.pos < size) {
        const start = reader.pos;
        reader.long(start, 'a block');
        const length = reader.long(start, 'a block');
        if (length < 0) throw bad(filePath, start, `the block at byte ${start} has a negative size`);
        reader.skip(length, start, 'a block');
        if (!reader.take(SYNC_BYTES, start, 'a block').equals(sync)) {
          throw bad(filePath, start, `the block at byte ${start} does not end with the file's sync marker (damaged data)`);
        }
      }
    } catch (e) {
      if (e instanceof Truncated) {
        throw bad(filePath, e.start, `the file is cut short: ${e.what} starting at byte ${e.start} runs past its end at byte ${size}`);
      }
      throw e;
    }
  } finally {
    closeSync(fd);
  }
}

function skipMetadata(reader: FrameReader): void {
  for (;;) {
    let count = reader.long(0, 'the header');
    if (count === 0) return;
    if (count < 0) {
      count = -count;
      reader.long(0, 'the header');
    }
    for (let i = 0; i < count; i++) {
      reader.skip(reader.long(0, 'the header'), 0, 'the header');
      reader.skip(reader.long(0, 'the header'), 0, 'the header');
    }
  }
}

class FrameReader {
  pos = 0;
  constructor(private readonly fd: number, private readonly size: number) {}

  bytes(at: number, n: number): Buffer {
    const buf = Buffer.alloc(n);
    return buf.subarray(0, readSync(this.fd, buf, 0, n, at));
  }

  take(n: number, start: number, what: string): Buffer {
    if (this.pos + n > this.size) throw new Truncated(start, what);
    const b = this.bytes(this.pos, n);
    this.pos += n;
    return b;
  }

  skip(n: number, start: number, what: string): void {
    if (n < 0 || this.pos + n > this.size) throw new Truncated(start, what);
    this.pos += n;
  }

  /** A zigzag varint long, as a number (block counts and sizes fit). */
  long(start: number, what: string): number {
    const head = this.bytes(this.pos, 10);
    let n = 0;
    let shift = 1;
    for (let i = 0; i < head.length; i++) {
      const b = head[i];
      n += (b & 0x7f) * shift;
      shift *= 128;
      if ((b & 0x80) === 0) {
        this.pos += i + 1;
        return n % 2 === 0 ? n / 2 : -(n + 1) / 2;
      }
    }
    throw new Truncated(start, what);
  }
}

function bad(filePath: string, offset: number, why: string): KestrelError {
  return new KestrelError('E_BAD_INPUT_FILE', `${filePath}: byte ${offset}: not a complete SysFlow trace: ${why}`, {
    file: filePath,
    hint: 'the trace was cut while being written or copied; copy it again, or let sf-collector close the file',
  });
}
