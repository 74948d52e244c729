/**
 * A block compiles as a unit: a syntax or semantic error anywhere runs nothing and leaves the session as it
 * was. A runtime error names its statement and keeps every variable that was already complete.
 */
import type { BlockResult } from '../../src/engine/session';
import { countingSession, HUNT_FILE, outputOf } from './counting-session';

const CMD = "a = GET process FROM file://doctored-1k.json WHERE name = 'cmd.exe'";

async function sessionWithA() {
  const s = countingSession();
  const first = await s.run(CMD);
  expect(first.variables).toEqual([{ name: 'a', type: 'process', entities: 9, records: 14 }]);
  return s;
}

/** a's entity and record counts and its names, as a third block sees them. */
async function stateOfA(run: (hf: string) => Promise<BlockResult>) {
  const r = await run('INFO a\nDISP a ATTR name');
  expect(r.errors).toEqual([]);
  const data = outputOf(r, 'info').data;
  return { entities: data['Number of Entities'], records: data['Number of Records'], names: new Set(outputOf(r, 'disp').rows.flat()) };
}

describe('a block that does not compile runs nothing', () => {
  it.each([
    ['a syntax error on its last line', 'c = = a', 'E_SYNTAX', 4, 5],
    ['an undefined variable on its last line', 'c = nope WHERE pid > 0', 'E_UNDEFINED_VARIABLE', 4, 5],
  ])('%s', async (_what, lastLine, code, line, column) => {
    const { run, reads } = await sessionWithA();
    const r = await run([
      "a = GET process FROM file://test_bundle_4.json WHERE name = 'compattelrunner.exe'",
      'b = a WHERE pid > 0',
      'DISP b',
      lastLine,
    ].join('\n'));
    expect(r.errors).toEqual([expect.objectContaining({ code, file: HUNT_FILE, line, column })]);
    expect(r.outputs).toEqual([]);
    expect(r.variables).toEqual([]);
    expect(reads).toEqual(['file://doctored-1k.json']);
    expect(await stateOfA(run)).toEqual({ entities: 9, records: 14, names: new Set(['cmd.exe']) });
    expect((await run('DISP b')).errors).toEqual([expect.objectContaining({ code: 'E_UNDEFINED_VARIABLE' })]);
  });
});

describe('a block that fails at run time', () => {
  const BLOCK = [
    "b = GET process FROM file://doctored-1k.json WHERE name = 'svchost.exe'",
    'DISP b ATTR name LIMIT 1',
    "c = GET process FROM file://no-such-file.json WHERE name = 'x'",
    'd = b WHERE pid = 1380',
  ].join('\n');

  it('reports E_DATA_SOURCE at the failing statement, naming the data file', async () => {
    const { run } = countingSession();
    const r = await run(BLOCK);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({
      code: 'E_DATA_SOURCE',
      file: HUNT_FILE,
      line: 3,
      column: 22,
      excerpt: expect.stringContaining("c = GET process FROM file://no-such-file.json WHERE name = 'x'"),
      message: expect.stringContaining('no-such-file.json'),
    });
    expect(r.outputs).toEqual([{ kind: 'disp', variable: 'b', columns: ['name'], rows: [['svchost.exe']] }]);
    expect(r.variables).toEqual([{ name: 'b', type: 'process', entities: 5, records: 704 }]);
  });

  it('reports the completed variables also when an output is what fails', async () => {
    const { run } = countingSession();
    const r = await run(`${BLOCK}\nDISP c`);
    expect(r.errors).toEqual([expect.objectContaining({ code: 'E_DATA_SOURCE', line: 3 })]);
    expect(r.variables).toEqual([{ name: 'b', type: 'process', entities: 5, records: 704 }]);
  });

  it('keeps the variables that completed before it; the others keep their previous binding', async () => {
    const { run } = countingSession();
    await run('c = NEW process ["old.exe"]');
    await run(BLOCK);
    const after = await run('DISP b ATTR name\nDISP c ATTR name');
    expect(after.errors).toEqual([]);
    expect(outputOf(after, 'disp', 0).rows).toHaveLength(5);
    expect(outputOf(after, 'disp', 1).rows).toEqual([['old.exe']]);
    expect((await run('DISP d')).errors).toEqual([expect.objectContaining({ code: 'E_UNDEFINED_VARIABLE' })]);
  });

  it('leaves the session able to run the corrected block', async () => {
    const { run, reads } = countingSession();
    await run(BLOCK);
    const r = await run(BLOCK.replace('no-such-file.json', 'test_bundle_4.json'));
    expect(r.errors).toEqual([]);
    expect(r.variables.map((v) => [v.name, v.entities])).toEqual([['b', 5], ['c', 0], ['d', 1]]);
    expect(reads.filter((u) => u === 'file://doctored-1k.json')).toHaveLength(1);
  });
});

describe('a bad row command stops the whole block before anything runs', () => {
  it.each([
    ['GROUP by an attribute processes do not have', 'g = GROUP a BY nmae', 'E_UNKNOWN_ATTRIBUTE', 2],
    ['JOIN by an unknown attribute', 'j = JOIN a, a BY pdi, pid', 'E_UNKNOWN_ATTRIBUTE', 2],
    ['LOAD of a missing file', 'l = LOAD missing.csv AS process', 'E_BAD_INPUT_FILE', 2],
    ['LOAD of an unknown suffix', 'l = LOAD procs.xlsx AS process', 'E_UNSUPPORTED_FORMAT', 2],
    ['LOAD of a file without a type column and no AS', 'l = LOAD tables/test_input_data_ips.csv', 'E_MISSING_ENTITY_TYPE', 2],
    ['LOAD of a malformed CSV', 'l = LOAD tables/malformed.csv', 'E_BAD_INPUT_FILE', 2],
    ['NEW with broken JSON', 'n = NEW process [{"name": "cmd.exe", "pid": }]', 'E_SYNTAX', 2],
    ['FIND from GROUP rows', 'g = GROUP a BY name\np = FIND process CREATED g', 'E_NOT_ENTITIES', 3],
  ])('%s', async (_, statements, code, line) => {
    const { run, reads } = countingSession();
    const r = await run(`a = GET process FROM file://doctored-1k.json WHERE name = 'cmd.exe'\n${statements}`);
    expect(r.errors[0]).toMatchObject({ code, line });
    expect(r.variables).toEqual([]);
    expect(reads).toEqual([]);
  });
});
