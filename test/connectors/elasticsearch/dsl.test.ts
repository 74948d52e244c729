import { compileQuery, type FieldsOf } from '../../../connectors/elasticsearch/dsl';
import { likeToWildcard } from '../../../connectors/elasticsearch/like-wildcard';
import { regexToLucene } from '../../../connectors/elasticsearch/regex-lucene';
import type { QueryComparison, QueryFilter, QueryOp, QueryScalar } from '../../../src/model/source-query';
import { matches } from './evaluate-dsl';

const FIELDS: Record<string, string[]> = { name: ['process.name'], pid: ['process.pid'], both: ['process.name', 'process.parent.name'] };
const fieldsOf: FieldsOf = (_type, attribute) => FIELDS[attribute] ?? [];
const cmp = (attribute: string, op: QueryOp, value: QueryScalar | QueryScalar[]): QueryComparison => ({ kind: 'comparison', entityType: 'process', attribute, op, value });
const dsl = (where: QueryFilter) => compileQuery({ entityType: 'process', where }, fieldsOf, '@timestamp');

describe('each operator', () => {
  test.each<[string, QueryComparison, unknown]>([
    ['= → term', cmp('name', '=', 'a.exe'), { term: { 'process.name': 'a.exe' } }],
    ['IN → terms', cmp('pid', 'IN', [1, 2]), { terms: { 'process.pid': [1, 2] } }],
    ['!= → must_not term', cmp('name', '!=', 'a'), { bool: { must_not: [{ term: { 'process.name': 'a' } }] } }],
    ['NOT IN → must_not terms', cmp('pid', 'NOT IN', [1]), { bool: { must_not: [{ terms: { 'process.pid': [1] } }] } }],
    ['= null → must_not exists', cmp('name', '=', null), { bool: { must_not: [{ exists: { field: 'process.name' } }] } }],
    ['!= null → exists', cmp('name', '!=', null), { exists: { field: 'process.name' } }],
    ['IN with null → terms or missing', cmp('pid', 'IN', [1, null]), { bool: { should: [{ terms: { 'process.pid': [1] } }, { bool: { must_not: [{ exists: { field: 'process.pid' } }] } }], minimum_should_match: 1 } }],
    ['< → range lt', cmp('pid', '<', 10), { range: { 'process.pid': { lt: 10 } } }],
    ['>= → range gte', cmp('pid', '>=', 10), { range: { 'process.pid': { gte: 10 } } }],
    ['LIKE → wildcard, ignoring case', cmp('name', 'LIKE', '%a_b*?\\'), { wildcard: { 'process.name': { value: '*a?b\\*\\?\\\\', case_insensitive: true } } }],
    ['NOT LIKE → must_not wildcard', cmp('name', 'NOT LIKE', 'x%'), { bool: { must_not: [{ wildcard: { 'process.name': { value: 'x*', case_insensitive: true } } }] } }],
    ['MATCHES → regexp, unanchored', cmp('name', 'MATCHES', 'sch.*\\.exe$'), { regexp: { 'process.name': { value: '.*sch.*\\.exe' } } }],
    ['several fields → should', cmp('both', '=', 'x'), { bool: { should: [{ term: { 'process.name': 'x' } }, { term: { 'process.parent.name': 'x' } }], minimum_should_match: 1 } }],
  ])('%s', (_what, comparison, expected) => {
    expect(dsl(comparison)).toEqual(expected);
  });

  test('!= over several fields holds when any role differs (or lacks the field)', () => {
    expect(dsl(cmp('both', '!=', 'x'))).toEqual({
      bool: { should: [{ bool: { must_not: [{ term: { 'process.name': 'x' } }] } }, { bool: { must_not: [{ term: { 'process.parent.name': 'x' } }] } }], minimum_should_match: 1 },
    });
  });
});

describe('the superset rule', () => {
  const unknown = cmp('x_nothing', '=', 1);
  const known = cmp('name', '=', 'a');
  test.each<[string, QueryFilter, unknown]>([
    ['an unknown attribute selects everything', unknown, { match_all: {} }],
    ['CIDR subsets are not pushed down', cmp('name', 'ISSUBSET', '10.0.0.0/8'), { match_all: {} }],
    ['a regexp Lucene cannot say is not pushed down', cmp('name', 'MATCHES', '(?<=a)b'), { match_all: {} }],
    ['inside AND it drops out', { kind: 'and', left: unknown, right: known }, { term: { 'process.name': 'a' } }],
    ['it makes a whole OR select everything', { kind: 'or', left: known, right: unknown }, { match_all: {} }],
  ])('%s', (_what, where, expected) => {
    expect(dsl(where)).toEqual(expected);
  });

  test('AND and OR nest, flattened where they repeat', () => {
    const a = cmp('name', '=', 'a');
    const b = cmp('name', '=', 'b');
    const c = cmp('pid', '=', 3);
    expect(dsl({ kind: 'and', left: { kind: 'and', left: a, right: c }, right: { kind: 'or', left: a, right: { kind: 'or', left: b, right: c } } })).toEqual({
      bool: {
        filter: [
          { term: { 'process.name': 'a' } },
          { term: { 'process.pid': 3 } },
          { bool: { should: [{ term: { 'process.name': 'a' } }, { term: { 'process.name': 'b' } }, { term: { 'process.pid': 3 } }], minimum_should_match: 1 } },
        ],
      },
    });
  });

  test('the time window joins the WHERE in a filter', () => {
    expect(compileQuery({ entityType: 'process', where: cmp('pid', '=', 1), start: 5, stop: 9 }, fieldsOf, '@timestamp')).toEqual({
      bool: { filter: [{ term: { 'process.pid': 1 } }, { range: { '@timestamp': { gte: 5, lt: 9, format: 'epoch_millis' } } }] },
    });
  });
});

describe('LIKE as a wildcard', () => {
  test.each([
    ['%svchost%', '*svchost*'],
    ['a_c', 'a?c'],
    ['C:\\Windows\\*', 'C:\\\\Windows\\\\\\*'],
    ['what?', 'what\\?'],
  ])('%s → %s', (like, wildcard) => expect(likeToWildcard(like)).toBe(wildcard));
});

describe('MATCHES as a Lucene regexp selects what the JavaScript regexp finds', () => {
  const values = ['C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule', 'schtasks.exe /create /tn x', 'SCHTASKS.EXE', 'a|b', 'x{2}', '12ab', 'tab\there', 'a~b', 'a@b#c', '', 'cmd.exe /c "echo hi"'];
  const patterns = [
    'svchost', '^C:\\\\Windows', 'Schedule$', '^schtasks\\.exe /create', 'schtasks|cmd', '(?:sch|cmd)[a-z]+\\.exe', '\\d+[a-z]{2}$', 'x\\{2\\}', '\\s', '\\S+',
    '[^a-z0-9]', 'a\\|b', 'tab\\there', 'a~b', 'a@b#c', '"echo', 'x{2}', '^$', '.*', '[\\d.]+', 'netsvcs +-p', 'sch.*?exe',
  ];
  test.each(patterns)('%s', (pattern) => {
    const lucene = regexToLucene(pattern);
    expect(lucene).toBeDefined();
    const js = new RegExp(pattern);
    for (const v of values) expect([v, matches({ regexp: { f: { value: lucene } } }, { f: v })]).toEqual([v, js.test(v)]);
  });

  test.each(['(?=a)', '(?<name>a)', '\\bword', '(a)\\1', '^a|b', 'a$|b', 'a^b', '[]', '\\u0041', '[\\S]'])('%s cannot be said: not pushed down', (pattern) => {
    expect(regexToLucene(pattern)).toBeUndefined();
  });
});
