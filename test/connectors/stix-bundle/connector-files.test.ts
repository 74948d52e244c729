import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { stixBundleConnector } from '../../../connectors/stix-bundle';
import { FIXTURES, readAll, readError } from './helpers';

const BUNDLE_4 = path.join(FIXTURES, 'test_bundle_4.json');
let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'stix-bundle-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function writeTmp(name: string, text: string): string {
  const file = path.join(tmp, name);
  writeFileSync(file, text);
  return file;
}

describe('stixBundleConnector.canRead', () => {
  const readable = ['file://./x.json', 'file:///abs/x.json', 'FILE://x.json', 'http://h/x.json', 'https://h/x'];
  test.each([...readable, 'x.json', '../d/x.json', '/abs/x.json', 'C:\\d\\x.json'])('reads %s', (uri) => {
    expect(stixBundleConnector.canRead(uri)).toEqual({ ok: true });
  });

  test.each(['stixshifter://host1', 'elastic://x', 'urn:x', ''])('declines %j, saying what it reads', (uri) => {
    const verdict = stixBundleConnector.canRead(uri);
    expect(verdict.ok).toBe(false);
    expect(verdict.ok === false && verdict.reason).toMatch(uri === '' ? /empty/ : /file:\/\/, http:\/\/ and https:\/\//);
  });

  test('read refuses a scheme it does not read', async () => {
    expect(await readError('stixshifter://host1')).toMatchObject({ code: 'E_DATA_SOURCE', file: 'stixshifter://host1' });
  });
});

describe('stixBundleConnector.read, local files', () => {
  const testDir = path.resolve(FIXTURES, '../connectors');

  test.each([
    ['file://./test_bundle_4.json', FIXTURES],
    ['file://test_bundle_4.json', FIXTURES],
    [`file://${BUNDLE_4}`, '/elsewhere'],
    ['test_bundle_4.json', FIXTURES],
    ['../fixtures/test_bundle_4.json', testDir],
    ['file://../fixtures/test_bundle_4.json', testDir],
    [BUNDLE_4, '/elsewhere'],
  ])('%s from %s reads the bundle, with source file:// + absolute path', async (uri, baseDir) => {
    const observations = await readAll(uri, { baseDir });
    expect(observations.map((o) => o.id)).toEqual([
      'observed-data--522acfb0-2b9f-4695-9dbf-37e2572e7139',
      'observed-data--de6ca397-e7b6-4e48-8bfa-f85999fc26e5',
    ]);
    expect(new Set(observations.map((o) => o.source))).toEqual(new Set([`file://${BUNDLE_4}`]));
  });

  test('a missing file is E_DATA_SOURCE naming the resolved path', async () => {
    expect(await readError('nope/missing.json')).toMatchObject({
      code: 'E_DATA_SOURCE',
      file: path.join(FIXTURES, 'nope/missing.json'),
      hint: expect.stringContaining('check the path'),
    });
  });

  test('a directory is E_DATA_SOURCE', async () => {
    expect(await readError(`file://${FIXTURES}`)).toMatchObject({ code: 'E_DATA_SOURCE', file: FIXTURES });
  });

  test('a bundle cut at the end of a line: E_BAD_INPUT_FILE at the line after it', async () => {
    const lines = readFileSync(BUNDLE_4, 'utf8').split('\n');
    const file = writeTmp('cut-at-line.json', `${lines.slice(0, 40).join('\n')}\n`);
    const error = await readError(file);
    expect(error).toMatchObject({ code: 'E_BAD_INPUT_FILE', file, line: 41, column: 1 });
    expect(error.message).toBe(`${file}:41:1: invalid JSON: Expected ',' or '}' after property value`);
  });

  test('a bundle cut inside a string: the line and column where the text stops', async () => {
    const lines = readFileSync(BUNDLE_4, 'utf8').split('\n');
    const file = writeTmp('cut-in-string.json', `${lines.slice(0, 37).join('\n')}\n${lines[37].slice(0, 40)}`);
    expect(await readError(file)).toMatchObject({ code: 'E_BAD_INPUT_FILE', file, line: 38, column: 41 });
  });

  test('an error JSON.parse reports without a position still gets line, column and excerpt', async () => {
    const file = writeTmp('stray-comma.json', '{\n  "type": "bundle",\n  "objects": [ ,\n');
    expect(await readError(file)).toMatchObject({
      code: 'E_BAD_INPUT_FILE',
      line: 3,
      column: 16,
      message: `${file}:3:16: invalid JSON: Unexpected character ","`,
      excerpt: '  "objects": [ ,\n               ^',
    });
  });

  test('an empty file is E_BAD_INPUT_FILE at 1:1', async () => {
    expect(await readError(writeTmp('empty.json', ''))).toMatchObject({ code: 'E_BAD_INPUT_FILE', line: 1, column: 1 });
  });

  test('a JSON array that is not a bundle (Kestrel test_input_data_procs_list.json)', async () => {
    const error = await readError('test_input_data_procs_list.json');
    expect(error).toMatchObject({ code: 'E_BAD_INPUT_FILE', file: path.join(FIXTURES, 'test_input_data_procs_list.json') });
    expect(error.message).toContain('found a JSON array of 3 items');
    expect(error.hint).toContain('"type": "bundle"');
  });

  test('a JSON object that is not a bundle', async () => {
    const error = await readError(writeTmp('object.json', '{"type": "observed-data", "objects": {}}'));
    expect(error).toMatchObject({ code: 'E_BAD_INPUT_FILE' });
    expect(error.message).toContain('found a JSON object with type "observed-data"');
  });

  test('a byte-order mark is skipped', async () => {
    const file = writeTmp('bom.json', `\uFEFF${readFileSync(BUNDLE_4, 'utf8')}`);
    expect(await readAll(file)).toHaveLength(2);
  });

  test('warnings reach ctx.onWarning and reading goes on', async () => {
    const file = writeTmp(
      'dangling.json',
      JSON.stringify({
        type: 'bundle',
        objects: [{ type: 'observed-data', id: 'observed-data--d', objects: { '0': { type: 'process', parent_ref: '5' } } }],
      }),
    );
    const warnings: string[] = [];
    const observations = await readAll(file, { baseDir: tmp, onWarning: (m) => warnings.push(m) });
    expect(observations[0].objects[0].refs).toEqual({});
    expect(warnings).toEqual([`${file}: observed-data--d object "0": parent_ref "5" names no object of the record; dropped`]);
  });
});

describe('stixBundleConnector.locate', () => {
  it('gives every spelling of one file the same canonical name, and keeps URLs as they are', () => {
    const ctx = { baseDir: FIXTURES };
    const canonical = `file://${path.join(FIXTURES, 'test_bundle_4.json')}`;
    for (const uri of ['test_bundle_4.json', 'file://test_bundle_4.json', 'file://./test_bundle_4.json', canonical]) {
      expect(stixBundleConnector.locate(uri, ctx)).toBe(canonical);
    }
    expect(stixBundleConnector.locate('https://example.org/b.json?x=1', ctx)).toBe('https://example.org/b.json?x=1');
  });
});
