import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type * as Avro from 'avsc';
import { KestrelError } from '../../src/model/errors';
import { fileReadError } from '../file-read-error';
import { checkContainerFrame } from './avro-frame';
import type { SysFlowRecord } from './sysflow-records';

/** The Avro library, loaded when a trace is first read (hunts without SysFlow do not pay for it). */
const avsc = (): typeof Avro => require('avsc') as typeof Avro;

/** Avro `long` as BigInt: SysFlow's oids and nanosecond times do not fit a double. */
const bigintLong = (avro: typeof Avro) => avro.types.LongType.__with({
  fromBuffer: (buf: Buffer) => buf.readBigInt64LE(),
  toBuffer: (n: bigint) => {
    const buf = Buffer.alloc(8);
    buf.writeBigInt64LE(n);
    return buf;
  },
  fromJSON: (v: unknown) => BigInt(v as string),
  toJSON: (n: bigint) => n.toString(),
  isValid: (n: unknown) => typeof n === 'bigint',
  compare: (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0),
});

const SYSFLOW_SCHEMA = 'sysflow.SysFlow';

/** The records of a SysFlow trace (an Avro object-container file), streamed in file order. */
export async function* readSysFlowFile(filePath: string): AsyncGenerator<SysFlowRecord> {
  await checkReadable(filePath);
  checkContainerFrame(filePath);
  const avro = avsc();
  const BIGINT_LONG = bigintLong(avro);
  const decoder = new avro.streams.BlockDecoder({
    parseHook: (schema) => {
      const name = fullName(schema as { name?: string; namespace?: string });
      if (name !== SYSFLOW_SCHEMA) throw new Error(`its Avro schema is ${JSON.stringify(name ?? null)}, not ${SYSFLOW_SCHEMA}`);
      return avro.Type.forSchema(schema, { registry: { long: BIGINT_LONG }, wrapUnions: true });
    },
  });
  const input = createReadStream(filePath);
  input.on('error', (e) => decoder.destroy(e));
  input.pipe(decoder);
  try {
    for await (const row of decoder as AsyncIterable<{ rec: Record<string, Record<string, unknown>> }>) {
      const [name] = Object.keys(row.rec);
      yield { type: name.slice(name.lastIndexOf('.') + 1), value: row.rec[name] };
    }
  } catch (e) {
    throw notSysFlow(filePath, e as Error);
  } finally {
    input.destroy();
  }
}

function fullName(schema: { name?: string; namespace?: string }): string | undefined {
  return schema.name === undefined || schema.name.includes('.') || !schema.namespace ? schema.name : `${schema.namespace}.${schema.name}`;
}

async function checkReadable(filePath: string): Promise<void> {
  try {
    if ((await stat(filePath)).isDirectory()) {
      throw new KestrelError('E_DATA_SOURCE', `${filePath}: is a directory`, { file: filePath, hint: 'name a SysFlow trace (.sf) inside it' });
    }
  } catch (e) {
    if (e instanceof KestrelError) throw e;
    throw fileReadError(filePath, e, { inFolder: 'a SysFlow trace (.sf)', file: 'a readable SysFlow trace' });
  }
}

function notSysFlow(filePath: string, e: Error): KestrelError {
  if (e instanceof KestrelError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  if (code) {
    return new KestrelError('E_DATA_SOURCE', `${filePath}: cannot be read (${code})`, { file: filePath, hint: 'check that the file is readable' });
  }
  const why = e.message === 'invalid magic bytes' ? 'not an Avro object-container file' : e.message;
  return new KestrelError('E_BAD_INPUT_FILE', `${filePath}: not a SysFlow trace: ${why}`, { file: filePath, hint: 'a SysFlow trace is the Avro file sf-collector writes (.sf), whole' });
}
