/** Thrown when the bytes are not one JSON object the scanner can split; the caller parses the whole text for the error. */
export class NotSplittable extends Error {}

/** One top-level member of the bundle, the start of its `objects` array, or one element of that array. */
export type BundlePart = { kind: 'member'; key: string; value: unknown } | { kind: 'objects' } | { kind: 'object'; value: unknown };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const BOM = [0xef, 0xbb, 0xbf];

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/**
 * Splits a JSON object streamed as bytes into its members, and the member `objects`, when it is an array, into
 * its elements, each parsed on its own: memory holds one element's text at a time, never the whole file.
 * Throws NotSplittable when the bytes are not one well-formed JSON object.
 */
export async function* splitBundle(chunks: AsyncIterable<Buffer>): AsyncGenerator<BundlePart> {
  const s = new Splitter();
  for await (const chunk of chunks) yield* s.push(chunk);
  s.end();
}

/** The scanner's state between chunks. Depth 1 is inside the top-level object, 2 inside its `objects` array. */
class Splitter {
  private depth = 0;
  private started = false;
  private inString = false;
  /** Backslashes just before the end of the last chunk, inside a string. */
  private trailingBackslashes = 0;
  private inObjects = false;
  private key: string | undefined;
  private capture: Buffer[] | undefined;
  private captureStart = -1;
  private done = false;
  /** Bytes seen before the current chunk. */
  private offset = 0;

  *push(chunk: Buffer): Generator<BundlePart> {
    let i = 0;
    const n = chunk.length;
    const at = this.offset;
    this.offset += n;
    while (i < n) {
      if (this.inString) {
        i = this.skipString(chunk, i);
        continue;
      }
      const c = chunk[i];
      if (this.done) {
        if (!isSpace(c)) throw new NotSplittable('text after the bundle');
        i++;
        continue;
      }
      if (!this.started) {
        if (isSpace(c) || (at + i < 3 && c === BOM[at + i])) {
          i++;
          continue;
        }
        if (c !== 0x7b) throw new NotSplittable('not a JSON object');
        this.started = true;
        this.depth = 1;
        i++;
        continue;
      }
      const base = this.inObjects ? 2 : 1;
      if (this.depth === base) {
        const ended = c === COMMA || c === 0x7d || c === 0x5d || (c === COLON && !this.inObjects);
        if (ended) {
          yield* this.finish(chunk, i, c);
          i++;
          continue;
        }
        if (this.captureStart < 0 && this.capture === undefined) {
          if (isSpace(c)) {
            i++;
            continue;
          }
          if (c === 0x5b && !this.inObjects && this.key === 'objects') {
            this.inObjects = true;
            this.depth = 2;
            i++;
            yield { kind: 'objects' };
            continue;
          }
          this.captureStart = i;
        }
      }
      if (c === QUOTE) {
        this.inString = true;
        this.trailingBackslashes = 0;
        i++;
      } else if (c === 0x7b || c === 0x5b) {
        this.depth++;
        i++;
      } else if (c === 0x7d || c === 0x5d) {
        this.depth--;
        i++;
      } else {
        i++;
      }
    }
    if (this.captureStart >= 0 || this.capture !== undefined) {
      (this.capture ??= []).push(chunk.subarray(this.captureStart < 0 ? 0 : this.captureStart));
      this.captureStart = -1;
    }
  }

  end(): void {
    if (!this.done) throw new NotSplittable('the bundle ends early');
  }

  /** Past a string's closing quote (or to the chunk's end, still inside it). */
  private skipString(chunk: Buffer, from: number): number {
    let i = from;
    for (;;) {
      const q = chunk.indexOf(QUOTE, i);
      if (q < 0) {
        let run = 0;
        for (let j = chunk.length - 1; j >= from && chunk[j] === BACKSLASH; j--) run++;
        this.trailingBackslashes = run === chunk.length - from ? this.trailingBackslashes + run : run;
        return chunk.length;
      }
      let run = 0;
      for (let j = q - 1; j >= from && chunk[j] === BACKSLASH; j--) run++;
      if (run === q - from) run += this.trailingBackslashes;
      this.trailingBackslashes = 0;
      if (run % 2 === 0) {
        this.inString = false;
        return q + 1;
      }
      i = q + 1;
    }
  }

  /** A key, member or element ends at `i` (its delimiter `c`). */
  private *finish(chunk: Buffer, i: number, c: number): Generator<BundlePart> {
    const text = this.take(chunk, i);
    if (c === COLON) {
      if (this.key !== undefined || text === undefined) throw new NotSplittable('a key where a value belongs');
      const key = parse(text);
      if (typeof key !== 'string') throw new NotSplittable('a key that is not a string');
      this.key = key;
      return;
    }
    if (this.inObjects) {
      if (text !== undefined) yield { kind: 'object', value: parse(text) };
      else if (c === COMMA) throw new NotSplittable('an empty element');
      if (c === 0x5d) {
        this.inObjects = false;
        this.depth = 1;
      } else if (c === 0x7d) {
        throw new NotSplittable('a brace closes the array');
      }
      return;
    }
    if (text !== undefined) {
      if (this.key === undefined) throw new NotSplittable('a value without a key');
      yield { kind: 'member', key: this.key, value: parse(text) };
    } else if (this.key !== undefined && this.key !== 'objects') {
      throw new NotSplittable('a key without a value');
    }
    this.key = undefined;
    if (c === 0x7d) {
      this.done = true;
      this.depth = 0;
    } else if (c === 0x5d) {
      throw new NotSplittable('a bracket closes the object');
    }
  }

  /** The text captured up to `end`, trimmed; undefined when nothing was. */
  private take(chunk: Buffer, end: number): string | undefined {
    const parts = this.capture ?? [];
    if (this.captureStart >= 0) parts.push(chunk.subarray(this.captureStart, end));
    else if (this.capture !== undefined) parts.push(chunk.subarray(0, end));
    this.capture = undefined;
    this.captureStart = -1;
    if (!parts.length) return undefined;
    const text = (parts.length === 1 ? parts[0] : Buffer.concat(parts)).toString('utf8').trimEnd();
    return text === '' ? undefined : text;
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new NotSplittable('an element is not JSON');
  }
}
