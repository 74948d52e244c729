import { BinXmlError, ChunkReader } from './binxml';
import { eventJson } from './to-json';

const FILE_MAGIC = Buffer.from('ElfFile\0', 'latin1');
const CHUNK_MAGIC = Buffer.from('ElfChnk\0', 'latin1');
const CHUNK_SIZE = 0x10000;
const RECORD_MAGIC = 0x00002a2a;

export interface EvtxRecord {
  /** The record's EventRecordID. */
  id: number;
  /** Where the record starts in the file (for messages). */
  offset: number;
  doc?: Record<string, unknown>;
  /** Why the record could not be read; the reader goes on with the next. */
  error?: string;
}

/** Whether bytes start an EVTX file. */
export function isEvtx(head: Buffer): boolean {
  return head.length >= 8 && head.subarray(0, 8).equals(FILE_MAGIC);
}

/**
 * The records of an EVTX file (file header, 64 KB chunks, records of binary XML with templates), as evtx_dump's
 * JSON, chunk by chunk in file order. A chunk whose header is not a chunk's (zeroed, cut short) is skipped and
 * told through `onProblem`; a record that does not parse is yielded with its `error`.
 */
export function* evtxRecords(file: Buffer, onProblem: (message: string) => void = () => undefined): Generator<EvtxRecord> {
  if (!isEvtx(file)) throw new BinXmlError('no EVTX file header (ElfFile)');
  const headerBlock = file.readUInt16LE(40) || 4096;
  for (let start = headerBlock; start < file.length; start += CHUNK_SIZE) {
    const chunk = file.subarray(start, Math.min(start + CHUNK_SIZE, file.length));
    if (chunk.length < 512 || !chunk.subarray(0, 8).equals(CHUNK_MAGIC)) {
      if (chunk.some((b) => b !== 0)) onProblem(`chunk at offset ${start} has no chunk header; skipped`);
      continue;
    }
    const reader = new ChunkReader(chunk);
    const free = Math.min(chunk.readUInt32LE(48), chunk.length);
    let p = 512;
    while (p + 24 <= free) {
      if (chunk.readUInt32LE(p) !== RECORD_MAGIC) {
        onProblem(`no record at offset ${start + p}; the rest of the chunk is skipped`);
        break;
      }
      const size = chunk.readUInt32LE(p + 4);
      const id = Number(chunk.readBigUInt64LE(p + 8));
      if (size < 28 || p + size > chunk.length) {
        onProblem(`record ${id} at offset ${start + p} has a size (${size}) past its chunk; the rest of the chunk is skipped`);
        break;
      }
      try {
        yield { id, offset: start + p, doc: eventJson(reader.record(p + 24, p + size - 4)) };
      } catch (e) {
        if (!(e instanceof BinXmlError) && !(e instanceof RangeError)) throw e;
        yield { id, offset: start + p, error: e.message };
      }
      p += size;
    }
  }
}
