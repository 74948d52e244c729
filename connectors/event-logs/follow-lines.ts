import { open, readdir, readFile, stat, type FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { isGzip } from '../file-head';
import { fileReadError } from '../file-read-error';
import { decode, readLines, startsWithGzipMagic, type Line } from './read-lines';

export interface LineBatch {
  lines: Line[];
  /** True from the batch that reaches the end of what the file held when following began. */
  caughtUp: boolean;
}

export interface FollowLinesOptions {
  signal: AbortSignal;
  /** How often the file is looked at again (default 100 ms). */
  pollMs?: number;
  onWarning?: (message: string) => void;
}

const NEWLINE = 0x0a;
const CHUNK_BYTES = 1 << 20;
/** The first bytes of a file, to know its copy among rotated siblings after a copytruncate. */
const HEAD_BYTES = 512;

/**
 * The lines of a local log file as `tail -F` sees them: what it holds, then each line appended to it, numbered on
 * from one file to the next across rotations, so every line of the log keeps one number.
 *
 * - Rotation by rename (logrotate's default, `create`): the old file stays open and is read to its end, even when it
 *   is compressed meanwhile (`x.log.1` becomes `x.log.1.gz` and the plain one is unlinked: the open handle still
 *   reads it); then the new file at the path is read from its start.
 * - Truncation in place (`copytruncate`): the lines written after the last read went to the copy; the copy is found
 *   among the file's siblings (plain or gzip) by its first bytes and read from where the follow had come to.
 * - A line is complete at its newline; a last line without one is taken once it parses as a JSON object and the
 *   file stopped growing (a writer that flushes lines in pieces is waited for).
 * - A gzip file is read whole and not followed (a compressed log does not grow line by line): one warning.
 */
export async function* followLines(filePath: string, options: FollowLinesOptions): AsyncGenerator<LineBatch> {
  const { signal, onWarning } = options;
  const pollMs = options.pollMs ?? 100;
  const exists = await stat(filePath).then(() => true, () => false);
  if (exists && (await startsWithGzipMagic(filePath))) {
    let last: Line[] | undefined;
    for await (const lines of readLines(filePath)) {
      if (last) yield { lines: last, caughtUp: false };
      last = lines;
    }
    yield { lines: last ?? [], caughtUp: true };
    onWarning?.(`${filePath}: a gzip file is read once, not followed (follow the plain log it was rotated from)`);
    await sleep(Infinity, signal);
    return;
  }
  const tail = new Tail(filePath, onWarning);
  // A log that is not there yet is waited for, as tail -F waits (its first lines are new records).
  if (exists) await tail.open(true);
  else onWarning?.(`${filePath} does not exist yet: following it from when it is created`);
  try {
    let caughtUp = false;
    while (!signal.aborted) {
      const lines = await tail.readAvailable();
      if (!caughtUp) {
        // What the file held at the start may take several chunks: each is a batch, the last one says caught up.
        const more = await tail.hasMore();
        if (!more) caughtUp = true;
        if (lines.length || caughtUp) yield { lines, caughtUp };
        if (more) continue;
      } else if (lines.length) {
        yield { lines, caughtUp };
        continue;
      }
      await sleep(pollMs, signal);
      if (signal.aborted) break;
      const moved = await tail.checkRotation();
      if (moved.length) yield { lines: moved, caughtUp: true };
      const idle = tail.takeIdleLastLine();
      if (idle.length) yield { lines: idle, caughtUp: true };
    }
  } finally {
    await tail.close();
  }
}

class Tail {
  private handle?: FileHandle;
  private ino = 0;
  private offset = 0;
  private number = 0;
  private pending?: Buffer;
  /** The pending line was seen unchanged at the last look: it may be a complete last line. */
  private pendingSeen = false;
  /** The pending line was taken as complete: its newline, if one comes, ends nothing. */
  private skipNewline = false;
  private head = Buffer.alloc(0);
  private readonly buffer = Buffer.allocUnsafe(CHUNK_BYTES);

  constructor(private readonly filePath: string, private readonly onWarning?: (message: string) => void) {}

  async open(first: boolean): Promise<boolean> {
    try {
      this.handle = await open(this.filePath, 'r');
    } catch (e) {
      if (first) throw fileReadError(this.filePath, e, { inFolder: 'an event-log file', file: 'a readable JSON-lines event log' });
      return false;
    }
    this.ino = (await this.handle.stat()).ino;
    this.offset = 0;
    this.head = Buffer.alloc(0);
    return true;
  }

  async close(): Promise<void> {
    await this.handle?.close().catch(() => undefined);
    this.handle = undefined;
  }

  async hasMore(): Promise<boolean> {
    return !!this.handle && (await this.handle.stat()).size > this.offset;
  }

  /** The complete lines from the offset to the end of the file as it is now (one chunk at most). */
  async readAvailable(): Promise<Line[]> {
    if (!this.handle) return [];
    const { bytesRead } = await this.handle.read(this.buffer, 0, CHUNK_BYTES, this.offset);
    if (bytesRead === 0) return [];
    const chunk = this.buffer.subarray(0, bytesRead);
    if (this.head.length < HEAD_BYTES && this.offset === this.head.length) {
      this.head = Buffer.concat([this.head, chunk.subarray(0, HEAD_BYTES - this.head.length)]);
    }
    this.offset += bytesRead;
    return this.split(chunk);
  }

  private split(chunk: Buffer): Line[] {
    const lines: Line[] = [];
    let start = 0;
    if (this.skipNewline) {
      this.skipNewline = false;
      if (chunk[0] === NEWLINE) start = 1;
      else if (chunk[0] === 0x0d && chunk[1] === NEWLINE) start = 2;
    }
    let nl = chunk.indexOf(NEWLINE, start);
    while (nl >= 0) {
      const piece = chunk.subarray(start, nl);
      const whole = this.pending ? Buffer.concat([this.pending, piece]) : piece;
      this.pending = undefined;
      lines.push({ number: ++this.number, text: decode(whole) });
      start = nl + 1;
      nl = chunk.indexOf(NEWLINE, start);
    }
    if (start < chunk.length) {
      const rest = Buffer.from(chunk.subarray(start));
      this.pending = this.pending ? Buffer.concat([this.pending, rest]) : rest;
    }
    this.pendingSeen = false;
    return lines;
  }

  /** A last line without its newline, once the file stopped growing and it is a whole JSON object. */
  takeIdleLastLine(): Line[] {
    if (!this.pending) return [];
    if (!this.pendingSeen) {
      this.pendingSeen = true;
      return [];
    }
    const text = decode(this.pending);
    try {
      const doc: unknown = JSON.parse(text);
      if (doc === null || typeof doc !== 'object') return [];
    } catch {
      return [];
    }
    this.pending = undefined;
    this.skipNewline = true;
    return [{ number: ++this.number, text }];
  }

  /** The rest of a rotated file, or the lines a copytruncate moved into the copy; [] when nothing moved. */
  async checkRotation(): Promise<Line[]> {
    let now;
    try {
      now = await stat(this.filePath);
    } catch {
      return []; // Renamed and not yet created again: the open handle keeps reading the old file.
    }
    if (!this.handle) {
      // The file was gone when the last rotation looked for it.
      return (await this.open(false)) ? this.readAvailable() : [];
    }
    if (now.ino !== this.ino) {
      const rest: Line[] = [];
      for (let lines = await this.readAvailable(); lines.length; lines = await this.readAvailable()) rest.push(...lines);
      rest.push(...this.flushPending());
      await this.close();
      if (await this.open(false)) rest.push(...(await this.readAvailable()));
      return rest;
    }
    if (now.size < this.offset) {
      const moved = await this.fromCopy();
      this.flushPending();
      this.offset = 0;
      this.head = Buffer.alloc(0);
      return [...moved, ...(await this.readAvailable())];
    }
    return [];
  }

  private flushPending(): Line[] {
    if (!this.pending) return [];
    const text = decode(this.pending);
    this.pending = undefined;
    return this.skipNewline ? [] : [{ number: ++this.number, text }];
  }

  /** After a copytruncate: the copy (a sibling `NAME.*`, plain or gzip, starting as the file did) past the offset. */
  private async fromCopy(): Promise<Line[]> {
    const dir = path.dirname(this.filePath);
    const base = path.basename(this.filePath);
    const siblings = (await readdir(dir).catch(() => [] as string[])).filter((n) => n !== base && n.startsWith(`${base}.`) || n.startsWith(`${base}-`));
    const candidates = await Promise.all(siblings.map(async (n) => ({ n, mtime: (await stat(path.join(dir, n)).catch(() => undefined))?.mtimeMs ?? 0 })));
    candidates.sort((a, b) => b.mtime - a.mtime);
    for (const { n } of candidates) {
      let bytes: Buffer;
      try {
        bytes = await readFile(path.join(dir, n));
        if (isGzip(bytes)) bytes = gunzipSync(bytes);
      } catch {
        continue;
      }
      if (bytes.length < this.offset || !this.head.length || !bytes.subarray(0, this.head.length).equals(this.head)) continue;
      const lines = this.split(bytes.subarray(this.offset));
      return [...lines, ...this.flushPending()];
    }
    this.onWarning?.(`${this.filePath}: truncated in place and no copy of it found beside it: lines written just before were not read`);
    return [];
  }
}


/** Resolves after `ms` or when the signal aborts, whichever is first. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      if (timer) clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = Number.isFinite(ms) ? setTimeout(done, ms) : undefined;
    signal.addEventListener('abort', done, { once: true });
  });
}
