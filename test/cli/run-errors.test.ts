/** Errors in text mode: exit status 1, and on stderr the code, file:line:column, the caret excerpt and a hint. */
import { fixture, huntflowDir, kestrel } from './run-cli';

const dir = huntflowDir();
afterAll(dir.cleanup);

describe('kestrel run with an error', () => {
  it('a compile error: code, place, caret and hint on stderr; nothing on stdout', async () => {
    const hf = dir.write('typo.hf', `a = NEW process ["a"]\nb = GET proces FROM file://${fixture('doctored-1k.json')} WHERE pid = 1\n`);
    const { code, stdout, stderr } = await kestrel(['run', hf]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const lines = stderr.split('\n');
    expect(lines[0]).toBe('error[E_UNKNOWN_ENTITY_TYPE]: unknown entity type "proces"');
    expect(lines[1]).toBe(`  --> ${hf}:2:9`);
    expect(lines[2]).toMatch(/^ {2}2 \| b = GET proces FROM/);
    expect(lines[3]).toBe('    |         ^');
    expect(lines[3].indexOf('^')).toBe(lines[2].indexOf('proces'));
    expect(stderr).toContain('  hint: did you mean process?');
  });

  it('a syntax error lists what was expected', async () => {
    const hf = dir.write('syntax.hf', 'a = NEW process ["a"]\nDISP a ATTR name WHERE name = "a"\n');
    const { code, stderr } = await kestrel(['run', hf]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^error\[E_SYNTAX\]: /);
    expect(stderr).toContain(`--> ${hf}:2:18`);
    expect(stderr).toMatch(/\n {2}expected: .*SORT/);
  });

  it('a runtime error prints what completed, then the error at the statement that failed', async () => {
    const hf = dir.write('runtime.hf', 'a = NEW process ["a"]\nDISP a ATTR name\nb = GET process FROM missing.json WHERE pid = 1\n');
    const { code, stdout, stderr } = await kestrel(['run', hf]);
    expect(code).toBe(1);
    expect(stdout).toContain('DISP a (1 row)');
    expect(stdout).toMatch(/^a +process +1 +1$/m);
    expect(stderr).toContain('error[E_DATA_SOURCE]');
    expect(stderr).toContain(`--> ${hf}:3:22`);
    expect(stderr).toContain('missing.json: no such file');
  });

  it('a missing huntflow file is E_HUNTFLOW_NOT_FOUND', async () => {
    const missing = `${dir.write('x.hf', '')}.nope`;
    const { code, stdout, stderr } = await kestrel(['run', missing]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^error\[E_HUNTFLOW_NOT_FOUND\]: cannot read huntflow .*ENOENT/);
    expect(stderr).toContain(`--> ${missing}`);
    expect(stderr).toContain('hint: ');
  });

  it('control characters that a bad data file puts in an error are escaped', async () => {
    const data = dir.write('escape.json', '{"type": "bundle", "objects": [{"name": "a\u001b[31mb"}]}');
    const hf = dir.write('escape.hf', `p = GET process FROM file://${data} WHERE pid = 1`);
    const { code, stderr } = await kestrel(['run', hf]);
    expect(code).toBe(1);
    expect(stderr).toContain('error[E_BAD_INPUT_FILE]');
    expect(stderr).toContain('a\\x1b[31mb');
    expect(stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
  });
});
