/** Bundles read one object at a time: the same objects as JSON.parse of the whole file, whatever the chunks. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { NotSplittable, splitBundle, type BundlePart } from '../../../connectors/stix-bundle/bundle-stream';
import { readBundle } from '../../../connectors/stix-bundle/read-bundle';
import { FIXTURES } from './helpers';

async function* chunked(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** The object the parts make, as JSON.parse would give it. */
async function assemble(bytes: Buffer, size: number): Promise<unknown> {
  const out: Record<string, unknown> = {};
  for await (const part of splitBundle(chunked(bytes, size)) as AsyncGenerator<BundlePart>) {
    if (part.kind === 'member') out[part.key] = part.value;
    else if (part.kind === 'objects') out.objects = [];
    else (out.objects as unknown[]).push(part.value);
  }
  return out;
}

const BUNDLES = ['doctored-1k.json', 'cb_observed_156.json', 'stix-2.1.json', 'test_bundle_nt_1.json'];

test.each(BUNDLES)('%s splits into what JSON.parse reads, in chunks of 1 MiB and of 7 bytes', async (name) => {
  const bytes = fs.readFileSync(path.join(FIXTURES, name));
  const whole = JSON.parse(bytes.toString('utf8'));
  expect(await assemble(bytes, 1 << 20)).toEqual(whole);
  expect(await assemble(bytes, 7)).toEqual(whole);
});

test('quotes, backslashes and brackets inside strings do not end an object, at any chunk boundary', async () => {
  const doc = {
    type: 'bundle',
    id: 'bundle--1',
    objects: [
      { type: 'process', id: 'process--1', command_line: 'cmd /c "echo }]\\" \\\\" & [x]', name: '\\\\' },
      { type: 'file', id: 'file--1', name: 'a\\"b{.txt', note: 'ünïcödé ✓ 🚀' },
      [1, { a: [] }],
      'plain',
      42,
      null,
    ],
    spec_version: '2.1',
  };
  const bytes = Buffer.from(`\uFEFF  ${JSON.stringify(doc, null, 1)}\n`, 'utf8');
  for (const size of [1, 2, 3, 5, 64, bytes.length]) expect(await assemble(bytes, size)).toEqual(doc);
});

test.each([
  ['an array', '[{"type": "bundle"}]'],
  ['cut short', '{"type": "bundle", "objects": [{"type": "process"'],
  ['text after it', '{"type": "bundle"} x'],
  ['an element that is not JSON', '{"type": "bundle", "objects": [{"a": tru}]}'],
  ['an empty element', '{"type": "bundle", "objects": [1,,2]}'],
  ['a missing value', '{"type": "bundle", "id": }'],
])('%s is not split', async (_name, text) => {
  await expect(assemble(Buffer.from(text), 3)).rejects.toBeInstanceOf(NotSplittable);
});

describe('readBundle', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-stream-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('a gzip bundle keeps of an SDO only its type and id, and tells progress every 10,000 observed-data', async () => {
    const objects: unknown[] = [{ type: 'indicator', id: 'indicator--1', pattern: "[file:name = 'x']".repeat(50) }];
    for (let i = 0; i < 20_001; i++) {
      objects.push({ type: 'observed-data', id: `observed-data--${i}`, number_observed: 1, objects: { 0: { type: 'ipv4-addr', value: `10.0.${i >> 8}.${i & 255}` } } });
    }
    const file = path.join(dir, 'big.json.gz');
    fs.writeFileSync(file, gzipSync(JSON.stringify({ type: 'bundle', id: 'bundle--b', objects })));
    const heard: number[] = [];
    const bundle = (await readBundle({ kind: 'file', path: file, uri: `file://${file}` }, (n) => heard.push(n))) as { objects: unknown[] };
    expect(heard).toEqual([10_000, 20_000]);
    expect(bundle.objects).toHaveLength(20_002);
    expect(bundle.objects[0]).toEqual({ type: 'indicator', id: 'indicator--1' });
    expect(bundle.objects[20_001]).toEqual(objects[20_001]);
  });

  test('a bundle that does not split is parsed whole, so its error has a line and column', async () => {
    const file = path.join(dir, 'cut.json.gz');
    fs.writeFileSync(file, gzipSync('{\n  "type": "bundle",\n  "objects": [\n    {"type": "process", "pid": 1,}\n  ]\n}\n'));
    await expect(readBundle({ kind: 'file', path: file, uri: `file://${file}` })).rejects.toMatchObject({
      code: 'E_BAD_INPUT_FILE',
      line: 4,
    });
  });
});
