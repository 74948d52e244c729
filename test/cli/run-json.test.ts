/** `kestrel run --json`: one JSON document on stdout (outputs, variables, errors, warnings) and nothing else there. */
import { fixture, huntflowDir, kestrel } from './run-cli';

const dir = huntflowDir();
afterAll(dir.cleanup);

describe('kestrel run --json', () => {
  it('prints outputs, variables and errors, as the command-line contract shows', async () => {
    const hf = dir.write('ok.hf', [
      `procs = GET process FROM file://${fixture('doctored-1k.json')} WHERE name = 'cmd.exe'`,
      'DISP procs ATTR pid, name SORT BY pid ASC LIMIT 3',
      'INFO procs',
      'EXPLAIN procs',
      'kids = FIND process CREATED BY procs',
    ].join('\n'));
    const { code, stdout } = await kestrel(['run', hf, '--json']);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(Object.keys(doc)).toEqual(['outputs', 'variables', 'errors', 'warnings']);
    expect(doc.outputs.map((o: { kind: string; variable: string }) => [o.kind, o.variable])).toEqual([
      ['disp', 'procs'], ['info', 'procs'], ['explain', 'procs'],
    ]);
    expect(doc.outputs[0]).toEqual({ kind: 'disp', variable: 'procs', columns: ['pid', 'name'], rows: [[6792, 'cmd.exe'], [6792, 'cmd.exe'], [7216, 'cmd.exe']] });
    expect(doc.outputs[1].data).toMatchObject({ 'Entity Type': 'process', 'Number of Entities': 9, 'Number of Records': 14 });
    expect(doc.outputs[2].data.queries[0].statement).toBe("[process:name = 'cmd.exe']");
    expect(doc.variables).toEqual([
      { name: 'procs', type: 'process', entities: 9, records: 14 },
      { name: 'kids', type: 'process', entities: 7, records: 7 },
    ]);
    expect(doc.errors).toEqual([]);
  });

  it('lists variables in order of last assignment', async () => {
    const hf = dir.write('order.hf', 'a = NEW process ["a"]\nb = NEW process ["b", "c"]\na = NEW process ["d", "e", "f"]\n');
    const doc = JSON.parse((await kestrel(['run', hf, '--json'])).stdout);
    expect(doc.variables.map((v: { name: string; entities: number }) => [v.name, v.entities])).toEqual([['b', 2], ['a', 3]]);
  });

  it('reports a compile error as data, with exit status 1 and still one document', async () => {
    const hf = dir.write('bad.hf', `a = NEW process ["a"]\nb = GET proces FROM file://${fixture('doctored-1k.json')} WHERE pid = 1`);
    const { code, stdout } = await kestrel(['run', hf, '--json']);
    expect(code).toBe(1);
    const doc = JSON.parse(stdout);
    expect(doc).toEqual({
      outputs: [],
      variables: [],
      errors: [expect.objectContaining({ code: 'E_UNKNOWN_ENTITY_TYPE', file: hf, line: 2, column: 9, hint: 'did you mean process?' })],
      warnings: [],
    });
  });

  it('reports a runtime error with the variables completed before it', async () => {
    const hf = dir.write('runtime.hf', 'a = NEW process ["a"]\nb = GET process FROM missing.json WHERE pid = 1\n');
    const { code, stdout } = await kestrel(['run', hf, '--json']);
    expect(code).toBe(1);
    const doc = JSON.parse(stdout);
    expect(doc.variables).toEqual([{ name: 'a', type: 'process', entities: 1, records: 1 }]);
    expect(doc.errors).toEqual([expect.objectContaining({ code: 'E_DATA_SOURCE', file: hf, line: 2, column: 22 })]);
  });

  it('reports a missing huntflow file in the same shape', async () => {
    const missing = `${dir.write('x.hf', '')}.nope`;
    const { code, stdout, stderr } = await kestrel(['run', missing, '--json']);
    expect(code).toBe(1);
    expect(stderr).toBe('');
    expect(JSON.parse(stdout)).toEqual({
      outputs: [], variables: [], errors: [expect.objectContaining({ code: 'E_HUNTFLOW_NOT_FOUND', file: missing })], warnings: [],
    });
  });
});
