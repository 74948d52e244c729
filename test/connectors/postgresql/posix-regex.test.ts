import { posixRegex } from '../../../connectors/postgresql/posix-regex';

describe('posixRegex', () => {
  test.each([
    ['schtasks', 'schtasks'],
    ['^cmd\\.exe$', '^cmd\\.exe$'],
    ['a\\d+b\\w*\\D', 'a[0-9]+b[A-Za-z0-9_]*[^0-9]'],
    ['(?:a|b){2,3}c?', '(?:a|b){2,3}c?'],
    ['x{,3}', 'x\\{,3\\}'],
    ['[a-z\\]\\-]+', '[a-z\\]\\-]+'],
    ['[^[]', '[^\\[]'],
    ['a+?b', 'a+?b'],
    ['\\t\\/', '\\t\\/'],
  ])('%s becomes %s', (js, pg) => expect(posixRegex(js)).toBe(pg));

  test('\\s is every character JavaScript counts as space, not the locale\'s', () => {
    expect(posixRegex('a\\sb')).toContain('\u00a0');
    expect(posixRegex('\\S')).toMatch(/^\[\^ /);
  });

  test.each([
    ['word boundary', '\\bcmd\\b'],
    ['lookahead', 'a(?=b)'],
    ['lookbehind', '(?<!x)a'],
    ['named group', '(?<n>a)'],
    ['back-reference', '(a)\\1'],
    ['hex escape', '\\x41'],
    ['class shorthand in brackets', '[\\d_]'],
    ['empty class', '[]'],
    ['repetition above 255', 'a{256}'],
    ['invalid JavaScript', '(a'],
  ])('%s is not translated', (_, js) => expect(posixRegex(js)).toBeUndefined());
});
