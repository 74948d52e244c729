import { suggest } from '../../src/lang/did-you-mean';

describe('suggest', () => {
  test.each([
    ['FIDN', 'FIND'],
    ['DSIP', 'DISP'],
    ['wehre', 'WHERE'],
    ['CREATD', 'CREATED'],
    ['limt', 'LIMIT'],
  ])('%s → %s (case-insensitive, transpositions count once)', (word, expected) => {
    expect(suggest(word, ['FIND', 'DISP', 'WHERE', 'CREATED', 'LIMIT', 'INFO'])).toBe(expected);
  });

  test('short words get fewer edits', () => {
    expect(suggest('ab', ['AS'])).toBeUndefined();
    expect(suggest('as', ['AS'])).toBe('AS');
    expect(suggest('fnd', ['FIND'])).toBe('FIND');
    expect(suggest('fd', ['FIND'])).toBeUndefined();
  });

  test('nothing close enough gives nothing', () => {
    expect(suggest('process', ['FIND', 'GET', 'RECORDS'])).toBeUndefined();
    expect(suggest('x', [])).toBeUndefined();
  });

  test('the closest candidate wins, then the first', () => {
    expect(suggest('pid', ['ppid', 'pi', 'id'])).toBe('ppid');
    expect(suggest('name', ['names', 'nome', 'name'])).toBe('name');
  });

  test('takes any iterable', () => {
    expect(suggest('scheduler', new Set(['schedule', 'tasks']))).toBe('schedule');
  });
});
