import type { ParquetReader } from '@dsnp/parquetjs';
import { KestrelError } from '../src/model/errors';
import type { AttrValue } from '../src/model/observation';

/*
 * Parquet through @dsnp/parquetjs (pure JavaScript, CommonJS), loaded on first use: it is a large module and
 * most hunts never read or write parquet. ZSTD pages (AWS Security Lake, Spark, DuckDB) are inflated by fzstd.
 *
 * Reading walks the file's own schema (the thrift SchemaElements, which keep the LIST/MAP annotations and
 * logical types that parquetjs's decoded schema drops) to turn what parquetjs returns into AttrValues:
 * LIST groups into arrays, MAP groups into objects, structs into objects, INT64 into numbers (strings past
 * 2^53), timestamps into ISO-8601 strings, untyped byte arrays into text.
 */

/** One row of a parquet file: column name to value; absent for a null. */
export type ParquetRow = Record<string, AttrValue>;

type ParquetModule = typeof import('@dsnp/parquetjs');

/** Parquet's ConvertedType numbers (parquet.thrift). */
const CONVERTED = { UTF8: 0, MAP: 1, MAP_KEY_VALUE: 2, LIST: 3, DATE: 6 } as const;
const REPEATED = 2;

interface SchemaElement {
  name: string;
  num_children?: number | null;
  repetition_type?: number | null;
  converted_type?: number | null;
  logicalType?: Record<string, unknown> | null;
}

interface Node {
  name: string;
  repeated: boolean;
  converted?: number;
  /** The LogicalType member that is set (STRING, LIST, TIMESTAMP, …). */
  logical?: string;
  /** For a TIMESTAMP logical type. */
  unit?: 'MILLIS' | 'MICROS' | 'NANOS';
  children?: Node[];
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);

/** Rows of a parquet file held in `bytes`; E_BAD_INPUT_FILE if it is not parquet or is damaged. */
export async function readParquet(bytes: Buffer, file: string): Promise<{ columns: string[]; rows: ParquetRow[] }> {
  const { ParquetReader } = await loadParquet();
  let reader: ParquetReader;
  try {
    if (bytes.length < 12 || bytes.subarray(0, 4).toString('latin1') !== 'PAR1' || bytes.subarray(-4).toString('latin1') !== 'PAR1') {
      throw new Error('no PAR1 magic at its start and end');
    }
    reader = await ParquetReader.openBuffer(bytes, { treatInt96AsTimestamp: true });
  } catch (e) {
    throw corrupt(file, e);
  }
  try {
    const schema = (reader.metadata?.schema ?? []) as unknown as SchemaElement[];
    const top = schemaTree(schema);
    const rows: ParquetRow[] = [];
    const cursor = reader.getCursor();
    for (let rec = await cursor.next(); rec; rec = await cursor.next()) {
      const record = rec as Record<string, unknown>;
      const row: ParquetRow = {};
      for (const node of top) {
        const v = fieldValue(record[node.name], node);
        if (v !== null) row[node.name] = v;
      }
      rows.push(row);
    }
    return { columns: top.map((n) => n.name), rows };
  } catch (e) {
    throw corrupt(file, e);
  } finally {
    await reader.close().catch(() => undefined);
  }
}

function corrupt(file: string, e: unknown): KestrelError {
  const why = e instanceof Error ? e.message : String(e);
  return new KestrelError('E_BAD_INPUT_FILE', `${file}: not a readable parquet file: ${why}`, {
    file,
    hint: 'the file is truncated, damaged or not parquet; a .parquet.gz may be a parquet file or a gzip of one',
  });
}

let zstdRegistered = false;

/** parquetjs, with ZSTD added to the codecs it inflates (it knows GZIP, SNAPPY and BROTLI). */
export async function loadParquet(): Promise<ParquetModule> {
  const parquet = require('@dsnp/parquetjs') as ParquetModule;
  if (!zstdRegistered) {
    const { decompress } = require('fzstd') as typeof import('fzstd');
    const methods = (require('@dsnp/parquetjs/dist/lib/compression') as { PARQUET_COMPRESSION_METHODS: Record<string, unknown> }).PARQUET_COMPRESSION_METHODS;
    methods.ZSTD = {
      deflate: () => {
        throw new Error('writing ZSTD is not supported');
      },
      inflate: async (value: Buffer) => Buffer.from(decompress(value)),
    };
    zstdRegistered = true;
  }
  return parquet;
}

/** The top-level fields of a flat, depth-first SchemaElement list (its first element is the root). */
function schemaTree(elements: SchemaElement[]): Node[] {
  let i = 1;
  const build = (): Node => {
    const el = elements[i++];
    const logical = el.logicalType ? Object.keys(el.logicalType).find((k) => el.logicalType?.[k] != null) : undefined;
    const node: Node = { name: el.name, repeated: el.repetition_type === REPEATED };
    if (el.converted_type != null) node.converted = el.converted_type;
    if (logical) node.logical = logical;
    if (logical === 'TIMESTAMP') {
      const unit = (el.logicalType?.TIMESTAMP as { unit?: Record<string, unknown> } | undefined)?.unit ?? {};
      node.unit = (['MILLIS', 'MICROS', 'NANOS'] as const).find((u) => unit[u] != null);
    }
    if (el.num_children) node.children = Array.from({ length: el.num_children }, build);
    return node;
  };
  const rootChildren = elements[0]?.num_children ?? 0;
  return Array.from({ length: rootChildren }, build);
}

function fieldValue(v: unknown, node: Node): AttrValue {
  if (node.repeated && Array.isArray(v)) return v.map((x) => single(x, node));
  if (node.repeated && (v === null || v === undefined)) return [];
  return single(v, node);
}

function single(v: unknown, node: Node): AttrValue {
  if (v === null || v === undefined) return null;
  if (!node.children) return leaf(v, node);
  if (node.converted === CONVERTED.LIST || node.logical === 'LIST') return list(v, node);
  if (node.converted === CONVERTED.MAP || node.converted === CONVERTED.MAP_KEY_VALUE || node.logical === 'MAP') return map(v, node);
  const o: { [key: string]: AttrValue } = {};
  for (const child of node.children) o[child.name] = fieldValue((v as Record<string, unknown>)[child.name], child);
  return o;
}

/** A LIST group: `{<repeated>: [items]}`, where an item is `{element: x}` (3-level) or x itself (2-level). */
function list(v: unknown, node: Node): AttrValue {
  const rep = node.children?.[0];
  if (!rep) return [];
  const items = (v as Record<string, unknown>)[rep.name];
  if (items === null || items === undefined) return [];
  const arr = Array.isArray(items) ? items : [items];
  const plain: Node = { ...rep, repeated: false };
  // Parquet's backward-compatibility rules: a one-field repeated group is the element's wrapper unless it is
  // named "array" or "<list>_tuple", in which case it is the element (a struct).
  if (rep.children?.length === 1 && rep.name !== 'array' && rep.name !== `${node.name}_tuple`) {
    const child = rep.children[0];
    return arr.map((item) => fieldValue((item as Record<string, unknown> | null)?.[child.name], child));
  }
  return arr.map((item) => single(item, plain));
}

/** A MAP group: `{key_value: [{key, value}]}` into an object keyed by the keys as text. */
function map(v: unknown, node: Node): AttrValue {
  const kv = node.children?.[0];
  const o: { [key: string]: AttrValue } = {};
  if (!kv?.children) return o;
  const [keyNode, valueNode] = kv.children;
  const entries = (v as Record<string, unknown>)[kv.name];
  for (const e of Array.isArray(entries) ? entries : entries ? [entries] : []) {
    const entry = e as Record<string, unknown>;
    const key = single(entry[keyNode.name], keyNode);
    o[typeof key === 'string' ? key : JSON.stringify(key)] = valueNode ? fieldValue(entry[valueNode.name], valueNode) : null;
  }
  return o;
}

function leaf(v: unknown, node: Node): AttrValue {
  if (node.converted === CONVERTED.DATE || node.logical === 'DATE') {
    const d = v instanceof Date ? v : typeof v === 'number' ? new Date(v * 86_400_000) : undefined;
    if (d && !Number.isNaN(d.getTime())) return d.toISOString().slice(0, 10);
  }
  if (typeof v === 'bigint' && node.logical === 'TIMESTAMP' && node.converted === undefined) return isoFromBigint(v, node.unit ?? 'MILLIS');
  return plainValue(v);
}

/** A value parquetjs decoded (including inside JSON and BSON columns) as an AttrValue. */
function plainValue(v: unknown): AttrValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return v <= MAX_SAFE && v >= MIN_SAFE ? Number(v) : v.toString();
  if (typeof v === 'number') return Number.isNaN(v) ? null : v;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (v instanceof Uint8Array) return bytesText(v);
  if (Array.isArray(v)) return v.map(plainValue);
  if (typeof v === 'object') {
    const o: { [key: string]: AttrValue } = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) o[k] = plainValue(x);
    return o;
  }
  return String(v);
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 text, or base64 if the bytes are not UTF-8. */
function bytesText(b: Uint8Array): string {
  try {
    return UTF8.decode(b);
  } catch {
    return Buffer.from(b).toString('base64');
  }
}

/** An ISO-8601 UTC string keeping the sub-millisecond digits of a MICROS or NANOS timestamp. */
function isoFromBigint(v: bigint, unit: 'MILLIS' | 'MICROS' | 'NANOS'): AttrValue {
  const perSecond = unit === 'MILLIS' ? 1000n : unit === 'MICROS' ? 1_000_000n : 1_000_000_000n;
  const digits = unit === 'MILLIS' ? 3 : unit === 'MICROS' ? 6 : 9;
  let seconds = v / perSecond;
  let frac = v % perSecond;
  if (frac < 0n) {
    frac += perSecond;
    seconds -= 1n;
  }
  const d = new Date(Number(seconds) * 1000);
  if (Number.isNaN(d.getTime())) return v.toString();
  let fraction = frac.toString().padStart(digits, '0');
  while (fraction.length > 3 && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
  return `${d.toISOString().slice(0, 19)}.${fraction}Z`;
}
