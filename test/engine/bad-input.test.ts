/**
 * Bad input gives a coded error that names the file and the position, and the session keeps what it had:
 * a good block, then the bad one, then a third block that still sees the first block's variables.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BlockResult } from '../../src/engine/session';
import { FIXTURES } from '../hunt';
import { countingSession, HUNT_FILE, outputOf } from './counting-session';

const GOOD = "before = GET ipv4-addr FROM file://test_bundle.json WHERE value ISSUBSET '10.0.0.0/24'";
let tmp: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kestrel-bad-input-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Runs the good block, then `bad`, then checks that `before` is as it was. Returns the bad block's result. */
async function afterGoodBlock(bad: string): Promise<BlockResult> {
  const { run } = countingSession();
  const first = await run(GOOD);
  expect(first.variables).toEqual([{ name: 'before', type: 'ipv4-addr', entities: 10, records: 100 }]);
  const result = await run(bad);
  const third = await run('INFO before\nDISP before ATTR value SORT BY value ASC LIMIT 1');
  expect(third.errors).toEqual([]);
  expect(outputOf(third, 'info').data).toMatchObject({ 'Number of Entities': 10, 'Number of Records': 100 });
  expect(outputOf(third, 'disp').rows).toEqual([['10.0.0.134']]);
  return result;
}

describe('bad input', () => {
  it('a missing data file: E_DATA_SOURCE at the data source of the GET, naming the file', async () => {
    const r = await afterGoodBlock("x = GET process FROM file://no-such-file.json WHERE name = 'cmd.exe'");
    expect(r.errors).toEqual([expect.objectContaining({
      code: 'E_DATA_SOURCE', file: HUNT_FILE, line: 1, column: 22, message: expect.stringContaining(path.join(FIXTURES, 'no-such-file.json')),
    })]);
    expect(r.variables).toEqual([]);
  });

  it('truncated JSON: E_BAD_INPUT_FILE at the line and column where the text stops', async () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'test_bundle_4.json'), 'utf8');
    const cut = text.slice(0, Math.floor(text.length / 2));
    const file = path.join(tmp, 'truncated.json');
    fs.writeFileSync(file, cut);
    const lines = cut.split('\n');
    const r = await afterGoodBlock(`x = GET process FROM file://${file} WHERE name = 'cmd.exe'`);
    expect(r.errors).toEqual([expect.objectContaining({
      code: 'E_BAD_INPUT_FILE', file, line: lines.length, column: lines[lines.length - 1].length + 1,
    })]);
    expect(r.errors[0].message).toContain(`${file}:${lines.length}:`);
  });

  it('JSON that is not a STIX bundle: E_BAD_INPUT_FILE naming the file, at the data source of the GET', async () => {
    const file = path.join(FIXTURES, 'test_input_data_procs_list.json');
    const r = await afterGoodBlock(`\nx = GET process FROM file://${file} WHERE name = 'cmd.exe'`);
    expect(r.errors).toEqual([expect.objectContaining({ code: 'E_BAD_INPUT_FILE', file: HUNT_FILE, line: 2, column: 22 })]);
    expect(r.errors[0].message).toContain(file);
    expect(r.errors[0].message).toContain('not a STIX bundle');
  });

  it('an unknown entity type: E_UNKNOWN_ENTITY_TYPE at the type', async () => {
    const r = await afterGoodBlock("x = GET procss FROM file://test_bundle.json WHERE name = 'cmd.exe'");
    expect(r.errors).toEqual([expect.objectContaining({
      code: 'E_UNKNOWN_ENTITY_TYPE', file: HUNT_FILE, line: 1, column: 9, hint: 'did you mean process?',
    })]);
  });

  it('an undefined variable: E_UNDEFINED_VARIABLE at the name, with a did-you-mean', async () => {
    const r = await afterGoodBlock('x = befor WHERE value = "10.0.0.91"');
    expect(r.errors).toEqual([expect.objectContaining({
      code: 'E_UNDEFINED_VARIABLE', file: HUNT_FILE, line: 1, column: 5, hint: 'did you mean before?',
    })]);
  });

  it('a failed read loads nothing: the same source, fixed, then loads in full', async () => {
    const file = path.join(tmp, 'fixed-later.json');
    const text = fs.readFileSync(path.join(FIXTURES, 'test_bundle_4.json'), 'utf8');
    fs.writeFileSync(file, text.slice(0, 100));
    const { run, reads } = countingSession();
    const bad = await run(`x = GET process FROM file://${file} WHERE name = 'compattelrunner.exe'`);
    expect(bad.errors[0].code).toBe('E_BAD_INPUT_FILE');
    fs.writeFileSync(file, text);
    const good = await run(`x = GET process FROM file://${file} WHERE name = 'compattelrunner.exe'`);
    expect(good.errors).toEqual([]);
    expect(good.variables).toEqual([{ name: 'x', type: 'process', entities: 2, records: 2 }]);
    expect(reads).toHaveLength(2);
  });
});
