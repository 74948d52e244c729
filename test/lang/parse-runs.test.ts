/** The parser matches a huntflow a run of statements at a time; what it gives must not depend on where it cuts. */
import { grammar } from '../../src/lang/grammar';
import { parse } from '../../src/lang/parse';
import { parseError, parseOk, withoutLocs } from './parse-helpers';

describe('a huntflow matched a run of statements at a time', () => {
  afterEach(() => jest.restoreAllMocks());

  test('a 1,000-line huntflow is never matched whole: each match sees five statements', () => {
    const match = jest.spyOn(grammar, 'match');
    const source = Array.from({ length: 1000 }, (_, i) => (i % 2 ? `DISP x${i - 1} ATTR pid` : `x${i} = GET process FROM a.json WHERE pid = ${i}`)).join('\n');
    expect(parseOk(source).statements).toHaveLength(1000);
    expect(match).toHaveBeenCalledTimes(200);
    expect(Math.max(...match.mock.calls.map(([text]) => text.length))).toBeLessThan(5 * 50);
  });

  test('locations count from the start of the huntflow, across \\n, \\r\\n, blank lines and comments', () => {
    const source = "x = GET process FROM a.json WHERE pid = 1\r\n\r\n# a comment\r\nDISP x\ny = x WHERE\n  name = 'a'\nDISP y";
    const { statements } = parseOk(source);
    const at = (text: string, line: number, column: number) => {
      const start = source.indexOf(text);
      return { line, column, start, end: start + text.length };
    };
    expect(statements.map((s) => s.loc)).toEqual([
      at('x = GET process FROM a.json WHERE pid = 1', 1, 1), at('DISP x', 4, 1), at("y = x WHERE\n  name = 'a'", 5, 1), at('DISP y', 7, 1),
    ]);
    expect((statements[2] as { expr: { where: { loc: unknown } } }).expr.where.loc).toEqual(at("name = 'a'", 6, 3));
  });

  test('a statement goes on onto a line that looks like the start of one', () => {
    const { statements } = parseOk("x = GET process FROM a.json WHERE (\nname = 'a' OR\npid = 4)\nDISP x");
    expect(statements.map((s) => s.kind)).toEqual(['get', 'disp']);
    expect(withoutLocs(statements[0])).toMatchObject({ where: { kind: 'or' } });
  });

  test('SORT BY on the next line goes on the statement before', () => {
    expect(parseOk('x = y\nSORT BY pid').statements).toHaveLength(1);
  });

  test('a keyword at the start of a line is not cut at: SORT … BY name DESC then "DESC = x" fails as a whole', () => {
    expect(parse('x = SORT y BY name\nDESC = x').ok).toBe(false);
  });

  test('an error in a later statement reads as when the huntflow is matched whole', () => {
    expect(parseError('x = y\nDISP ?')).toMatchObject({
      line: 2, column: 6, message: 'unexpected "?", expected TIMESTAMPED, ADDOBSID, RECORDS or a variable',
    });
    expect(parseError("x = GET process FROM a.json WHERE (\nname = 'a'\nDISP x")).toMatchObject({ line: 3, column: 1 });
  });
});
