import { Writable } from 'node:stream';
import type { WriteStream } from 'node:fs';
import type { FieldDefinition } from '@dsnp/parquetjs';
import { loadParquet } from '../../../connectors/parquet-rows';
import type { AttrValue } from '../../model/observation';

/** Parquet files are read by `connectors/parquet-rows.ts` (the OCSF connector reads them too); this writes them. */
export { readParquet } from '../../../connectors/parquet-rows';

type Codec = 'SNAPPY' | 'GZIP';

interface Column {
  def: FieldDefinition;
  encode: (v: AttrValue) => unknown;
}

/**
 * A parquet file of `rows` (aligned with `columns`) compressed with `codec`. Each column's type comes from
 * its values: only strings UTF8, only integers INT64, numbers DOUBLE, only booleans BOOLEAN, lists of one
 * scalar kind a standard 3-level LIST of it, anything else (objects, nested or mixed lists, mixed types)
 * JSON; a column of nulls is UTF8. Every column is optional; null and undefined cells are nulls. Column
 * names must not contain a comma: parquetjs writes them but cannot read them back.
 */
export async function writeParquet(columns: readonly string[], rows: readonly (readonly AttrValue[])[], codec: Codec): Promise<Buffer> {
  const { ParquetSchema, ParquetWriter } = await loadParquet();
  const cols = columns.map((_, j) => columnFor(rows.map((r) => r[j] ?? null), codec));
  const schema = new ParquetSchema(Object.fromEntries(columns.map((c, j) => [c, cols[j].def])));
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(Buffer.from(chunk));
      cb();
    },
  });
  const writer = await ParquetWriter.openStream(schema, sink as unknown as WriteStream, { useDataPageV2: false });
  for (const r of rows) {
    const rec: Record<string, unknown> = {};
    columns.forEach((c, j) => {
      const v = r[j];
      if (v !== null && v !== undefined) rec[c] = cols[j].encode(v);
    });
    await writer.appendRow(rec);
  }
  await writer.close();
  return Buffer.concat(chunks);
}

type Kind = 'string' | 'int' | 'float' | 'boolean' | 'list' | 'other';

function kindOf(v: AttrValue): Kind {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'number') return Number.isSafeInteger(v) ? 'int' : 'float';
  if (Array.isArray(v)) return 'list';
  return 'other';
}

/** One kind for a set of values: int and float widen to float; anything else mixed is 'other'. */
function commonKind(values: readonly AttrValue[]): Kind | undefined {
  let kind: Kind | undefined;
  for (const v of values) {
    if (v === null || v === undefined) continue;
    const k = kindOf(v);
    if (kind === undefined || kind === k) kind = k;
    else if ((kind === 'int' && k === 'float') || (kind === 'float' && k === 'int')) kind = 'float';
    else return 'other';
  }
  return kind;
}

const SCALAR: Partial<Record<Kind, { type: 'UTF8' | 'INT64' | 'DOUBLE' | 'BOOLEAN'; encode: (v: AttrValue) => unknown }>> = {
  string: { type: 'UTF8', encode: (v) => v },
  int: { type: 'INT64', encode: (v) => BigInt(v as number) },
  float: { type: 'DOUBLE', encode: (v) => v },
  boolean: { type: 'BOOLEAN', encode: (v) => v },
};

function columnFor(values: readonly AttrValue[], codec: Codec): Column {
  const kind = commonKind(values) ?? 'string';
  const scalar = SCALAR[kind];
  if (scalar) return { def: { type: scalar.type, optional: true, compression: codec }, encode: scalar.encode };
  if (kind === 'list') {
    const items = values.flatMap((v) => (Array.isArray(v) ? v : []));
    const element = SCALAR[commonKind(items) ?? 'string'];
    if (element) {
      return {
        def: {
          type: 'LIST',
          optional: true,
          fields: { list: { repeated: true, fields: { element: { type: element.type, optional: true, compression: codec } } } },
        },
        encode: (v) => ({ list: (v as AttrValue[]).map((x) => ({ element: x === null ? null : element.encode(x) })) }),
      };
    }
  }
  // toJSON: parquetjs stringifies the value itself, and would take a bare array for repeated values.
  return { def: { type: 'JSON', optional: true, compression: codec }, encode: (v) => ({ toJSON: () => v }) };
}
