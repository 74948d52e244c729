import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadParquet } from '../../../connectors/parquet-rows';
import { column, counts, disp, FIXTURES, hunt } from '../../hunt';

/*
 * AWS Security Lake keeps OCSF events as parquet, one OCSF object per struct column, lists as standard 3-level
 * LISTs, in region=/accountId=/eventDay= partitions. These files are Kestrel 2's process-creation events written
 * that way, one partition with GZIP pages and one with ZSTD pages.
 */

type Doc = Record<string, any>;

const str = { type: 'UTF8', optional: true } as const;
const int = { type: 'INT64', optional: true } as const;
const process = (extra: Record<string, unknown> = {}) => ({
  optional: true,
  fields: { pid: int, name: str, cmd_line: str, uid: str, ...extra },
});
const fields = {
  time: int,
  class_uid: int,
  activity_id: int,
  type_uid: int,
  device: { optional: true, fields: { uid: str, name: str } },
  process: {
    ...process({
      file: {
        optional: true,
        fields: {
          name: str,
          path: str,
          hashes: { type: 'LIST', optional: true, fields: { list: { repeated: true, fields: { element: { optional: true, fields: { algorithm_id: int, value: str } } } } } },
        },
      },
      parent_process: process(),
      user: { optional: true, fields: { uid: str, name: str } },
    }),
  },
};

const hash = (i: number) => `${String(i).padStart(2, '0')}${'ab'.repeat(31)}`;
const big = (v: unknown) => (v === undefined ? undefined : BigInt(v as number));

function row(doc: Doc, i: number): Doc {
  const p = doc.process;
  const proc = (x: Doc) => ({ pid: big(x.pid), name: x.name, cmd_line: x.cmd_line, uid: x.uid });
  return {
    time: BigInt(Date.parse(doc.time)),
    class_uid: big(doc.class_uid),
    activity_id: big(doc.activity_id),
    type_uid: big(doc.type_uid),
    device: { uid: doc.device.uid, name: doc.device.name },
    process: {
      ...proc(p),
      file: { name: p.file.name, path: p.file.path, hashes: { list: [{ element: { algorithm_id: 3n, value: hash(i) } }] } },
      parent_process: proc(p.parent_process),
      user: { uid: String(p.user.uid), name: p.user.name },
    },
  };
}

/** A ZSTD frame holding `data` in raw blocks: what a zstd encoder writes for incompressible input. */
function rawZstd(data: Buffer): Buffer {
  const header = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0xa0, 0, 0, 0, 0]);
  header.writeUInt32LE(data.length, 5);
  const parts: Uint8Array[] = [header];
  const MAX = 128 * 1024;
  for (let at = 0; at === 0 || at < data.length; at += MAX) {
    const chunk = data.subarray(at, at + MAX);
    const last = at + MAX >= data.length ? 1 : 0;
    const block = Buffer.alloc(3);
    block.writeUIntLE((chunk.length << 3) | last, 0, 3);
    parts.push(block, chunk);
  }
  return Buffer.concat(parts);
}

async function writeParquet(file: string, docs: Doc[], codec: 'GZIP' | 'ZSTD', first: number): Promise<void> {
  const { ParquetSchema, ParquetWriter } = await loadParquet();
  const methods = (require('@dsnp/parquetjs/dist/lib/compression') as { PARQUET_COMPRESSION_METHODS: Record<string, { deflate: unknown }> }).PARQUET_COMPRESSION_METHODS;
  methods.ZSTD.deflate = (b: Buffer) => rawZstd(b);
  const withCodec = (f: any): any => (f.fields ? { ...f, fields: Object.fromEntries(Object.entries(f.fields).map(([k, v]) => [k, withCodec(v)])) } : { ...f, compression: codec });
  const schema = new ParquetSchema(withCodec({ fields }).fields);
  mkdirSync(path.dirname(file), { recursive: true });
  const writer = await ParquetWriter.openFile(schema, file);
  for (const [i, d] of docs.entries()) await writer.appendRow(row(d, first + i));
  await writer.close();
}

describe('OCSF parquet in the layout of an AWS Security Lake export', () => {
  let lake: string;
  beforeAll(async () => {
    lake = mkdtempSync(path.join(tmpdir(), 'kestrel-lake-'));
    const docs = readFileSync(path.join(FIXTURES, 'ocsf', 'kestrel2-process-creation.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Doc);
    const partition = (day: string) => path.join(lake, 'ext', 'edrx', 'region=us-east-1', 'accountId=123456789012', `eventDay=${day}`);
    await writeParquet(path.join(partition('20240708'), 'part-0.gz.parquet'), docs.slice(0, 5), 'GZIP', 0);
    await writeParquet(path.join(partition('20240709'), 'part-0.zstd.parquet'), docs.slice(5), 'ZSTD', 5);
    writeFileSync(path.join(lake, 'hunt-note.txt'), 'not data');
  });
  afterAll(() => rmSync(lake, { recursive: true, force: true }));

  it('reads a whole export folder: the two partitions, nested objects, lists of hashes', async () => {
    const r = await hunt(`
      procs = GET process FROM 'ocsf://${lake}' WHERE binary_ref.hashes.'SHA-256' IN ('${hash(0)}', '${hash(4)}') OR name = 'netstat'
      DISP procs ATTR name, parent_ref.name, binary_ref.parent_directory_ref.path, first_observed SORT BY first_observed ASC`);
    expect(counts(r).procs[0]).toBe(3);
    expect(column(r, 'name')).toEqual(['bash', 'curl', 'netstat']);
    expect(disp(r).rows[0]).toEqual(['bash', 'abc', '/usr/bin', '2024-07-08T00:00:01.000Z']);
    expect(disp(r).rows.at(-1)).toEqual(['netstat', 'powershell.exe', 'C:\\WINDOWS\\System32', '2024-07-09T00:10:58.001Z']);
  });

  it('reads one ZSTD file named as a bare path', async () => {
    const file = path.join(lake, 'ext', 'edrx', 'region=us-east-1', 'accountId=123456789012', 'eventDay=20240709', 'part-0.zstd.parquet');
    const r = await hunt(`
      kids = GET process FROM '${file}' WHERE parent_ref.name = 'powershell.exe'
      DISP kids ATTR name SORT BY name ASC`);
    expect(column(r, 'name')).toEqual(['ipconfig', 'netstat', 'pathping', 'ping']);
  });
});
