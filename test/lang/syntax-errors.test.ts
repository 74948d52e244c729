import { suggest } from '../../src/lang/did-you-mean';
import type { BoolExpr, Where } from '../../src/lang/ast';
import { KEYWORDS, parse, RELATIONS } from '../../src/lang/parse';
import { parseError, parseOk } from './parse-helpers';

describe("Kestrel's own syntax error cases", () => {
  test('a stray token where the entity type goes', () => {
    expect(parseError('get ? network-traffic from file://x.json where [network-traffic:dst_port = 22]')).toMatchObject({
      code: 'E_SYNTAX', line: 1, column: 5, expected: ['an entity type'],
    });
  });

  test('a missing entity type: FROM is read as the type', () => {
    const diagnostic = parseError('get from file://x.json where x=1');
    expect(diagnostic).toMatchObject({ line: 1, column: 10 });
    expect(diagnostic.expected).toEqual(expect.arrayContaining(['FROM', 'WHERE']));
  });

  test('GET without WHERE', () => {
    expect(parseError('get process from file://x.json')).toMatchObject({
      line: 1, column: 31, expected: ['WHERE'], message: 'unexpected end of input, expected WHERE',
    });
  });

  test('a lone word expects =', () => {
    expect(parseError('garbage')).toMatchObject({ expected: ['"="'], message: 'unexpected end of input, expected "="' });
  });

  test('DISP needs an explicit expression', () => {
    expect(parseError('DISP').expected).toEqual(['TIMESTAMPED', 'ADDOBSID', 'RECORDS', 'a variable']);
  });
});

describe('diagnostics read verbatim', () => {
  test('a misspelt command after VAR =', () => {
    const source = 'scheduler = GET process WHERE pid = 1\nDISP scheduler\ntasks = FIDN process CREATED BY scheduler\n';
    expect(parse(source, 'hunt.hf')).toEqual({
      ok: false,
      diagnostic: {
        code: 'E_SYNTAX',
        message: 'unexpected "process", expected "+", WHERE, ATTR, SORT, LIMIT, OFFSET or end of line',
        file: 'hunt.hf',
        line: 3,
        column: 14,
        excerpt: '3 | tasks = FIDN process CREATED BY scheduler\n  |              ^',
        expected: ['"+"', 'WHERE', 'ATTR', 'SORT', 'LIMIT', 'OFFSET', 'end of line'],
        hint: 'did you mean FIND?',
      },
    });
  });

  test('a misspelt command at the start of a statement', () => {
    const diagnostic = parseError('DSIP x');
    expect([diagnostic.message, diagnostic.excerpt, diagnostic.hint]).toEqual([
      'unexpected "x", expected "="',
      '1 | DSIP x\n  |      ^',
      'did you mean DISP?',
    ]);
  });

  test('a misspelt keyword in a command', () => {
    const diagnostic = parseError("x = GET process FORM stixshifter://host101 WHERE name = 'a'");
    expect([diagnostic.message, diagnostic.excerpt, diagnostic.hint]).toEqual([
      'unexpected "FORM", expected FROM or WHERE',
      "1 | x = GET process FORM stixshifter://host101 WHERE name = 'a'\n  |                 ^",
      'did you mean FROM?',
    ]);
  });

  test('a misspelt relation', () => {
    const diagnostic = parseError('p = FIND process CREATD\n');
    expect([diagnostic.message, diagnostic.excerpt, diagnostic.hint]).toEqual([
      'unexpected end of input, expected BY or a variable',
      '1 | p = FIND process CREATD\n  |                        ^',
      'did you mean CREATED?',
    ]);
  });

  test('many command keywords read as "a command"', () => {
    const diagnostic = parseError('x = y\n\t?');
    expect([diagnostic.message, diagnostic.excerpt, diagnostic.hint]).toEqual([
      'unexpected "?", expected "+", WHERE, ATTR, LIMIT, OFFSET, a variable, a command or end of input',
      '2 | \t?\n  | \t^',
      undefined,
    ]);
  });
});

describe('error positions', () => {
  test('line numbers of two digits widen the gutter', () => {
    expect(parseError(`${'x = y\n'.repeat(11)}DISP x LIMIT`).excerpt).toBe('12 | DISP x LIMIT\n   |             ^');
  });

  test('an unterminated string fails where it starts', () => {
    expect(parseError("x = GET process WHERE name = 'cmd.exe")).toMatchObject({ column: 30, expected: ['"("', '"["', 'a value'] });
  });

  test('no file is named unless one is given', () => {
    expect(parseError('?').file).toBeUndefined();
  });

  test.each(['x = ', ')', "GET process WHERE a = 'b", 'x = y WHERE (((', '"', 'NEW [', 'x = y WHERE a = 1 OR', 'x = y\u0000z'])(
    '%j gives a diagnostic rather than an exception',
    (source) => {
      expect(parse(source)).toMatchObject({ ok: false, diagnostic: { code: 'E_SYNTAX' } });
    },
  );

  test('nesting too deep for the parser gives a diagnostic at the bracket too deep, with a hint', () => {
    const source = `x = y WHERE a = 1\nz = y WHERE ${'('.repeat(5000)}a = 1${')'.repeat(5000)}`;
    expect(parse(source)).toMatchObject({
      ok: false,
      diagnostic: { code: 'E_SYNTAX', message: 'nested too deeply to parse', line: 2, column: 12 + 101 },
    });
    const diagnostic = parseError(source);
    expect(diagnostic.hint).toMatch(/at most 100 levels/);
    expect(diagnostic.excerpt).toMatch(/^2 \| …\(+…\n {2}\| {82}\^$/);
  });

  test('parentheses inside a string do not count as nesting', () => {
    const source = `x = y WHERE a = '${'('.repeat(5000)}' AND ${'('.repeat(400)}b = 1${')'.repeat(400)}`;
    expect(parseError(source)).toMatchObject({ message: 'nested too deeply to parse', column: 5023 + 101 });
  });
});

describe('line endings', () => {
  test.each([
    ['\\n', '\n'],
    ['\\r\\n', '\r\n'],
    ['\\r', '\r'],
  ])('lines ended by %s are counted alike', (_name, eol) => {
    const source = ['x = GET process FROM file://a.json WHERE pid = 1', 'DISP x', 'y = FIDN process CREATED BY x'].join(eol);
    expect(parseError(source)).toMatchObject({
      line: 3, column: 10, excerpt: '3 | y = FIDN process CREATED BY x\n  |          ^',
    });
  });

  test('statement locations count a bare \\r as a line break', () => {
    const { statements } = parseOk('x = GET process WHERE pid = 1\rDISP x\r\rDISP x');
    expect(statements.map((statement) => [statement.loc.line, statement.loc.column])).toEqual([[1, 1], [2, 1], [4, 1]]);
  });
});

describe('huge input', () => {
  test('an excerpt of a long line shows the text around the caret, not the whole line', () => {
    const source = `x = NEW process ['${'a'.repeat(300_000)}', 'b']\nDISP x ATTR ${'q'.repeat(300_000)} b`;
    const diagnostic = parseError(source);
    expect(diagnostic).toMatchObject({ line: 2, column: 300_014 });
    expect(diagnostic.excerpt!.length).toBeLessThan(400);
    expect(diagnostic.excerpt).toMatch(/^2 \| …q{79} b\n {2}\| {82}\^$/);
    expect(diagnostic.message.length).toBeLessThan(200);
  });

  test('did-you-mean measures no candidate whose length is too far off', () => {
    const started = Date.now();
    expect(suggest('a'.repeat(300_000), [...KEYWORDS, ...RELATIONS])).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1000);
  });

  test('two thousand ORed comparisons parse into a shallow tree that keeps every term in order', () => {
    const terms = Array.from({ length: 2000 }, (_, i) => `pid = ${i}`);
    const where = (parseOk(`x = GET process WHERE ${terms.join(' OR ')} AND name = 'a'`).statements[0] as { where: Where }).where;
    const leaves: string[] = [];
    const depth = (node: Where): number => {
      if (node.kind === 'comparison') {
        leaves.push(`${node.attribute}=${JSON.stringify((node.value as { value: unknown }).value)}`);
        return 1;
      }
      const { left, right } = node as BoolExpr;
      return 1 + Math.max(depth(left), depth(right));
    };
    expect(depth(where)).toBeLessThanOrEqual(14);
    expect(leaves).toEqual([...terms.slice(0, 1999).map((t) => t.replace(' = ', '=')), 'pid=1999', 'name="a"']);
  });
});

describe('errors a hunter can act on', () => {
  test.each([
    ["x = GET process WHERE name = 'cmd.exe", 30],
    ['x = GET process WHERE name = "cmd.exe', 30],
    ["x = GET process WHERE name = r'C:\\cmd.exe\nDISP x", 31],
    ["x = GET process WHERE name = 'it\\'s", 30],
    ["x = GET process FROM 'data.json", 22],
  ])('an unclosed quote says "unterminated string" at the opening quote: %j', (source, column) => {
    const diagnostic = parseError(source);
    expect(diagnostic).toMatchObject({ code: 'E_SYNTAX', message: 'unterminated string', line: 1, column });
    expect(diagnostic.excerpt!.split('\n')[1].indexOf('^')).toBe(column + 3);
    expect(diagnostic.hint).toMatch(/close it with [’'"]/);
  });

  test('a closed string where none can go keeps its message', () => {
    expect(parseError("x = GET 'process' WHERE a = 1").message).toBe('unexpected "\'", expected an entity type');
  });

  test('a timestamp that does not parse: the hint states the accepted formats', () => {
    const diagnostic = parseError("x = GET process WHERE a = 1 START 2021-01-01 STOP 2021-01-02T00:00:00Z");
    expect(diagnostic).toMatchObject({ code: 'E_SYNTAX', line: 1, column: 35, expected: ['a timestamp'] });
    expect(diagnostic.hint).toContain('2021-01-01T00:00:00Z');
    expect(diagnostic.hint).toContain('2021-01-01T00:00:00.000Z');
    expect(diagnostic.hint).toContain("t'");
  });
});
