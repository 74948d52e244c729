import { closeSync, openSync, readSync } from 'node:fs';
import { lookupKeys } from '../../src/model/lookup-keys';
import type { Observation } from '../../src/model/observation';
import type { QueryFilter, SourceQuery } from '../../src/model/source-query';
import { decode, readLines, type Line } from './read-lines';

/**
 * Where each record of a plain event-log file lies, and which records mention each entity by the keys prefetch
 * asks for (a process's GUID and pid, a file's name, …): built by one scan, it lets a prefetch read only the
 * lines that can hold the entities asked for instead of the whole file. Holds numbers and keys, not records.
 */
export class RecordIndex {
  private readonly offsets: number[] = [];
  private readonly lengths: number[] = [];
  private readonly numbers: number[] = [];
  /** By entity type, then lookup key, then value: the records that mention it. */
  private readonly postings = new Map<string, Map<string, Map<string | number, number[]>>>();

  constructor(
    readonly size: number,
    readonly mtimeMs: number,
  ) {}

  add(record: Observation, line: Line): void {
    const n = this.numbers.length;
    this.numbers.push(line.number);
    // A gzip file has no offsets to read a line at: its lines are found again by number.
    if (line.at) {
      this.offsets.push(line.at.offset);
      this.lengths.push(line.at.bytes);
    }
    for (const o of record.objects) {
      const keys = lookupKeys(o.type);
      let byKey: Map<string, Map<string | number, number[]>> | undefined;
      for (const attr of keys) {
        const v = o.attrs[attr];
        if (typeof v !== 'string' && typeof v !== 'number') continue;
        byKey ??= this.postings.get(o.type) ?? this.postings.set(o.type, new Map()).get(o.type)!;
        const byValue = byKey.get(attr) ?? byKey.set(attr, new Map()).get(attr)!;
        const value = typeof v === 'string' ? v.toLowerCase() : v;
        const list = byValue.get(value);
        if (!list) byValue.set(value, [n]);
        else if (list[list.length - 1] !== n) list.push(n);
      }
    }
  }

  /**
   * The lines of the records that can match a query made only of key lookups (`=`/`IN` on lookup keys, ORed),
   * in file order; undefined when the query asks for anything else.
   */
  lookup(query: SourceQuery): number[] | undefined {
    if (!query.where || query.start !== undefined || query.stop !== undefined) return undefined;
    const found = new Set<number>();
    return collect(query.where, this.postings, found) ? [...found].sort((a, b) => a - b) : undefined;
  }

  /**
   * The lines of these records (in file order), read again from the file: at their offsets, or for a gzip file by
   * streaming it again and keeping the lines of those numbers (only they are parsed after).
   */
  async *lines(filePath: string, records: readonly number[]): AsyncGenerator<Line> {
    if (this.offsets.length < this.numbers.length) {
      const wanted = new Set(records.map((n) => this.numbers[n]));
      for await (const lines of readLines(filePath)) for (const line of lines) if (wanted.has(line.number)) yield line;
      return;
    }
    const fd = openSync(filePath, 'r');
    try {
      let buf = Buffer.alloc(64 * 1024);
      for (const n of records) {
        const bytes = this.lengths[n];
        if (bytes > buf.length) buf = Buffer.alloc(bytes);
        const read = readSync(fd, buf, 0, bytes, this.offsets[n]);
        yield { number: this.numbers[n], text: decode(buf, 0, read) };
      }
    } finally {
      closeSync(fd);
    }
  }
}

type Postings = ReadonlyMap<string, ReadonlyMap<string, ReadonlyMap<string | number, number[]>>>;

function collect(filter: QueryFilter, postings: Postings, found: Set<number>): boolean {
  if (filter.kind === 'or') return collect(filter.left, postings, found) && collect(filter.right, postings, found);
  if (filter.kind !== 'comparison' || (filter.op !== '=' && filter.op !== 'IN') || !lookupKeys(filter.entityType).includes(filter.attribute)) return false;
  const byValue = postings.get(filter.entityType)?.get(filter.attribute);
  for (const v of Array.isArray(filter.value) ? filter.value : [filter.value]) {
    if (typeof v !== 'string' && typeof v !== 'number') return false;
    // Identities ignore case (a Windows path, a domain); a value may come as the other type ("42" for 42).
    const alike = typeof v === 'number' ? String(v) : v.trim() !== '' && !Number.isNaN(Number(v)) ? Number(v) : undefined;
    for (const n of byValue?.get(typeof v === 'string' ? v.toLowerCase() : v) ?? []) found.add(n);
    if (alike !== undefined) for (const n of byValue?.get(alike) ?? []) found.add(n);
  }
  return true;
}
