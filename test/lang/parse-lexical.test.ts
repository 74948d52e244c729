import { KEYWORDS, RELATIONS } from '../../src/lang/parse';
import { parseError, parseOk, statementOf, valueOf, whereOf } from './parse-helpers';

describe('keywords', () => {
  test('are case-insensitive', () => {
    const lower = statementOf("x = get process from file://a.json where name = 'a' limit 1");
    const mixed = statementOf("x = GeT process FrOm file://a.json WhErE name = 'a' LiMiT 1");
    expect(mixed).toEqual(lower);
  });

  test('are never a prefix of an identifier', () => {
    expect(statementOf('FINDx = getx')).toEqual({ kind: 'assign', target: 'FINDx', expr: { variable: 'getx' } });
  });

  test('a command keyword is not a variable', () => {
    expect(parseError('get = x').expected).toEqual(['an entity type']);
  });

  test('KEYWORDS lists every keyword in upper case, RELATIONS the FIND relations', () => {
    expect(KEYWORDS).toEqual(expect.arrayContaining(['FIND', 'GET', 'EXPLAIN', 'WHERE', 'ISSUPERSET', 'NUNIQUE', 'DAYS', 'S']));
    expect(KEYWORDS.every((keyword) => keyword === keyword.toUpperCase())).toBe(true);
    expect(RELATIONS).toEqual([
      'CREATED', 'ACCEPTED', 'LOADED', 'OWNED', 'CONTAINED', 'WRITTEN', 'READ', 'DELETED', 'UPDATED', 'RESPONDED', 'ORIGINATED', 'LINKED',
    ]);
  });
});

describe('comments', () => {
  test('run from # to the end of the line, anywhere whitespace may be', () => {
    const { statements } = parseOk(`# a huntflow
x = GET process  # the processes
  # of host101
  FROM stixshifter://host101
  WHERE name = '#not-a-comment'
DISP x # shown
# the end`);
    expect(statements.map((statement) => statement.kind)).toEqual(['get', 'disp']);
    expect((statements[0] as { where: { value: unknown } }).where.value).toMatchObject({ value: '#not-a-comment' });
  });

  test('an empty or comment-only huntflow has no statements', () => {
    expect(parseOk('').statements).toEqual([]);
    expect(parseOk('# nothing\n\n  # here\n').statements).toEqual([]);
  });
});

describe('strings', () => {
  test.each([
    ["'single'", 'single'],
    ['"double"', 'double'],
    ["'it\\'s'", "it's"],
    ['"say \\"hi\\""', 'say "hi"'],
    ["'C:\\\\Windows'", 'C:\\Windows'],
    ["'a\\tb\\nc'", 'a\tb\nc'],
    ["'\\x41\\u0042\\U00000043\\103\\0'", 'ABCC\0'],
    ["'\\d+\\.exe'", '\\d+\\.exe'],
    ["'C:\\Windows\\system32\\svchost.exe'", 'C:\\Windows\\system32\\svchost.exe'],
    ["r'C:\\Windows\\system32'", 'C:\\Windows\\system32'],
    ['r"\\d+\\\\"', '\\d+\\\\'],
    ["r'it\\'s'", "it\\'s"],
    ["''", ''],
  ])('%s is %j', (literal, value) => {
    expect(valueOf(literal)).toEqual({ kind: 'literal', value });
  });
});

describe('timestamps', () => {
  test.each([
    '2021-04-03T00:00:00Z',
    "'2021-04-03T00:00:00Z'",
    '"2021-04-03T00:00:00Z"',
    "t'2021-04-03T00:00:00Z'",
    't"2021-04-03T00:00:00Z"',
  ])('START %s is the ISO string as written', (timestamp) => {
    expect(statementOf(`x = GET process WHERE pid = 1 START ${timestamp} STOP t'2021-04-04T00:00:00.123Z'`)).toMatchObject({
      timespan: { kind: 'absolute', start: '2021-04-03T00:00:00Z', stop: '2021-04-04T00:00:00.123Z' },
    });
  });

  test.each(['2021-04-03T00:00Z', "t'2021-04-03T00:00:00+00:00'", '2021-04-03 00:00:00Z', "t'2021-04-03T00:00:00'"])(
    '%s is rejected: UTC with Z and seconds only',
    (timestamp) => {
      expect(parseError(`x = GET process WHERE pid = 1 START ${timestamp} STOP 2021-04-04T00:00:00Z`).expected).toContain(
        'a timestamp',
      );
    },
  );

  test.each([
    ['1 day', 'day'], ['2 days', 'day'], ['3 d', 'day'],
    ['1 hour', 'hour'], ['2 HOURS', 'hour'], ['3h', 'hour'],
    ['1 minute', 'minute'], ['2 minutes', 'minute'], ['30m', 'minute'],
    ['1 second', 'second'], ['2 seconds', 'second'], ['3 s', 'second'],
  ])('LAST %s', (span, unit) => {
    expect(statementOf(`x = GET process WHERE pid = 1 LAST ${span}`)).toMatchObject({
      timespan: { kind: 'relative', amount: Number.parseInt(span, 10), unit },
    });
  });
});

describe('attribute paths and entity types', () => {
  test.each([
    'opened_connection_refs[*].dst_ref.value',
    "binary_ref.hashes.'SHA-256'",
    'parent_ref.binary_ref.name',
    'x_ttp_tags',
  ])('%s', (attribute) => {
    expect(whereOf(`${attribute} = 1`)).toMatchObject({ attribute });
    expect(statementOf(`DISP x ATTR ${attribute}`)).toMatchObject({ expr: { attrs: [attribute] } });
  });

  test('an attribute may name its entity type, dashes included', () => {
    expect(whereOf("x-oca-asset:hostname = 'h1'")).toMatchObject({ entityType: 'x-oca-asset', attribute: 'hostname' });
    expect(statementOf('x = GET network-traffic WHERE network-traffic:dst_port = 22')).toMatchObject({
      entityType: 'network-traffic',
      where: { entityType: 'network-traffic', attribute: 'dst_port' },
    });
  });
});

describe('data sources', () => {
  const from = (source: string) => (statementOf(`x = GET process FROM ${source} WHERE pid = 1`) as { from: unknown }).from;

  test.each([
    ['stixshifter://host101', ['stixshifter://host101']],
    ['stixshifter://host101,host102', ['stixshifter://host101', 'stixshifter://host102']],
    ['"stixshifter://a, b"', ['stixshifter://a', 'stixshifter://b']],
    ['file://a.json,b/c.json', ['file://a.json', 'b/c.json']],
    ['file:///data/x.json', ['file:///data/x.json']],
    ['host-101', ['host-101']],
    ['"http://h/x.json?a=1"', ['http://h/x.json?a=1']],
    ["'file://a.json, file://b.json'", ['file://a.json', 'file://b.json']],
    ['"host101"', ['host101']],
  ])('%s is a list of URIs', (source, uris) => {
    expect(from(source)).toEqual({ kind: 'uris', uris });
  });

  test('a bare identifier is a variable', () => {
    expect(from('svchost')).toEqual({ kind: 'variable', name: 'svchost' });
  });
});
