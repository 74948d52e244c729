/** The REPL's pure parts: when an entry is complete, and what Tab offers in each context. */
import { complete, completeness, isComplete, META_COMMANDS, type Vocabulary } from '../../src/cli/repl';
import { KEYWORDS } from '../../src/lang/keywords';

describe('isComplete', () => {
  it.each([
    ['a statement that parses', "p = GET process FROM file://a.json WHERE name = 'cmd.exe'"],
    ['several statements', 'p = NEW process ["a.exe"]\nDISP p'],
    ['a WHERE continued on the next line', 'p = GET process FROM a.json\n  WHERE name = "a"'],
    ['an empty entry', ''],
    ['only a comment', '# later'],
  ])('is complete: %s', (_, text) => {
    expect(completeness(text)).toBe('complete');
    expect(isComplete(text)).toBe(true);
  });

  it.each([
    ['a trailing WHERE', 'p = GET process FROM file://a.json WHERE'],
    ['a trailing AND', "p = GET process FROM a.json WHERE name = 'a' AND"],
    ['a trailing AND and a comment', "p = GET process FROM a.json WHERE name = 'a' AND  # more below"],
    ['a trailing comma in ATTR', 'DISP p ATTR name,'],
    ['an open parenthesis', "DISP p WHERE (name = 'a'"],
    ['an open IN list', "DISP p WHERE name IN ('a',"],
    ['an open JSON list', 'p = NEW process ['],
    ['an open JSON object', 'p = NEW process [{"name": "a.exe",'],
    ['a GET without its WHERE yet', 'p = GET process FROM a.json'],
    ['an assignment without a value', 'p ='],
    ['trailing blank lines', 'p = GET process FROM a.json WHERE\n\n'],
    ['an unfinished second statement', 'p = NEW process ["a"]\nDISP p SORT BY'],
  ])('is incomplete: %s', (_, text) => {
    expect(completeness(text)).toBe('incomplete');
    expect(isComplete(text)).toBe(false);
  });

  it.each([
    ['a misspelt command', 'FNID process CREATED BY p'],
    ['junk after a statement', 'p = NEW process ["a"] junk'],
    // Kestrel strings never span lines: no further line can close this one.
    ['an unterminated string', "p = GET process FROM a.json WHERE name = 'cmd.exe"],
    ['an error on the first of two lines', 'p = GET process FROM a.json WHERE name == = 1\nDISP p'],
  ])('is complete (and invalid) when more input cannot help: %s', (_, text) => {
    expect(completeness(text)).toBe('invalid');
    expect(isComplete(text)).toBe(true);
  });
});

const vocabulary: Vocabulary = {
  keywords: KEYWORDS,
  variables: ['procs', 'pconns', 'kids', 'ips'],
  variableTypes: { procs: 'process', pconns: 'network-traffic', kids: 'process', ips: 'ipv4-addr' },
  entityTypes: ['ipv4-addr', 'network-traffic', 'process', 'file', 'user-account'],
  attributes: {
    process: ['binary_ref', 'command_line', 'name', 'parent_ref', 'pid', 'x_unique_id'],
    'network-traffic': ['dst_port', 'dst_ref', 'protocols', 'src_port', 'src_ref'],
    'ipv4-addr': ['value'],
    file: ['name', 'size'],
  },
  metaCommands: META_COMMANDS,
};

/** Completes at the end of the text, or at the `|` in it. */
function at(text: string): { matches: string[]; fragment: string } {
  const cursor = text.includes('|') ? text.indexOf('|') : text.length;
  const source = text.replace('|', '');
  const c = complete(source, cursor, vocabulary);
  expect(c.end).toBe(cursor);
  return { matches: c.matches, fragment: source.slice(c.start, c.end) };
}

describe('complete', () => {
  it('offers commands and variables at the start of a statement', () => {
    expect(at('')).toEqual({
      matches: ['ips', 'kids', 'pconns', 'procs', 'APPLY', 'DESCRIBE', 'DISP', 'EXPLAIN', 'FIND', 'GET', 'GROUP', 'INFO', 'JOIN', 'LOAD', 'NEW', 'SAVE', 'SORT', 'TRACK'],
      fragment: '',
    });
    expect(at('p')).toEqual({ matches: ['pconns', 'procs'], fragment: 'p' });
    expect(at('DI').matches).toEqual(['DISP']);
    expect(at('p = NEW process ["a"]\nki').matches).toEqual(['kids']);
  });

  it('keeps the casing of the keyword being typed', () => {
    expect(at('di').matches).toEqual(['disp']);
    expect(at('Di').matches).toEqual(['Disp']);
    expect(at('DI').matches).toEqual(['DISP']);
    expect(at('procs = GET process FROM a.json WHERE name = "a" LIM').matches).toEqual(['LIMIT']);
    expect(at('procs = get process from a.json where name = "a" lim').matches).toEqual(['limit']);
    // Nothing typed yet: the casing of the entry's last keyword.
    expect(at('kids = find process created ').matches).toEqual(['ips', 'kids', 'pconns', 'procs', 'by']);
  });

  it('offers entity types after GET, FIND and NEW', () => {
    expect(at('x = GET ').matches).toEqual(['file', 'ipv4-addr', 'network-traffic', 'process', 'user-account']);
    expect(at('x = GET pro').matches).toEqual(['process']);
    expect(at('x = FIND net').matches).toEqual(['network-traffic']);
    expect(at('x = NEW u').matches).toEqual(['user-account']);
  });

  it('offers relations after FIND type, then BY and variables', () => {
    expect(at('x = FIND process ').matches).toEqual([
      'ACCEPTED', 'CONTAINED', 'CREATED', 'DELETED', 'LINKED', 'LOADED', 'ORIGINATED', 'OWNED', 'READ', 'RESPONDED', 'UPDATED', 'WRITTEN',
    ]);
    expect(at('x = FIND process cr').matches).toEqual(['created']);
    expect(at('x = FIND process CREATED ').matches).toEqual(['ips', 'kids', 'pconns', 'procs', 'BY']);
    expect(at('x = FIND process CREATED BY pr').matches).toEqual(['procs']);
  });

  it('offers the attributes of the GET or FIND type after WHERE, AND, OR and (', () => {
    const process = vocabulary.attributes.process;
    expect(at('x = GET process FROM file://a.json WHERE ').matches).toEqual(process);
    expect(at('x = GET process FROM file://a.json WHERE p').matches).toEqual(['parent_ref', 'pid']);
    expect(at("x = GET network-traffic FROM a.json WHERE dst_port = 80 AND src").matches).toEqual(['src_port', 'src_ref']);
    expect(at("x = GET process FROM a.json WHERE name = 'a' OR (pi").matches).toEqual(['pid']);
    expect(at('x = FIND process CREATED BY procs WHERE na').matches).toEqual(['name']);
    // The WHERE on a line of its own still knows the GET's type.
    expect(at('x = GET network-traffic FROM a.json\n  WHERE dst').matches).toEqual(['dst_port', 'dst_ref']);
  });

  it("offers the variable's attributes after ATTR, SORT BY, a comma in ATTR, and WHERE in an expression", () => {
    expect(at('DISP pconns ATTR ').matches).toEqual(vocabulary.attributes['network-traffic']);
    expect(at('DISP pconns ATTR src_port, dst').matches).toEqual(['dst_port', 'dst_ref']);
    expect(at('DISP procs ATTR name SORT BY p').matches).toEqual(['parent_ref', 'pid']);
    expect(at('x = pconns WHERE prot').matches).toEqual(['protocols']);
    expect(at('DISP TIMESTAMPED(ips) WHERE ').matches).toEqual(['value']);
    expect(at('y = SORT kids BY c').matches).toEqual(['command_line']);
  });

  it('offers attributes after var. and after a reference with a known target', () => {
    expect(at('DISP procs WHERE pid = procs.').matches).toEqual(vocabulary.attributes.process);
    expect(at('DESCRIBE pconns.dst').matches).toEqual(['dst_port', 'dst_ref']);
    expect(at('DISP procs ATTR parent_ref.n').matches).toEqual(['name']);
    expect(at('DISP pconns ATTR src_ref.').matches).toEqual(['value']);
    expect(at('DISP procs ATTR hashes.').matches).toEqual([]);
  });

  it('falls back to the STIX standard attributes of a type with no data yet', () => {
    expect(at('x = GET user-account FROM a.json WHERE user_').matches).toEqual(['user_id']);
  });

  it('offers variables where a variable goes', () => {
    expect(at('DISP ').matches).toEqual(['ips', 'kids', 'pconns', 'procs', 'ADDOBSID', 'RECORDS', 'TIMESTAMPED']);
    expect(at('INFO p').matches).toEqual(['pconns', 'procs']);
    expect(at('x = GET process FROM pr').matches).toEqual(['procs']);
    expect(at('all = kids + pr').matches).toEqual(['procs']);
    expect(at('DISP TIMESTAMPED(k').matches).toEqual(['kids']);
    expect(at('x = ').matches).toEqual(['ips', 'kids', 'pconns', 'procs', 'ADDOBSID', 'FIND', 'GET', 'GROUP', 'JOIN', 'LOAD', 'NEW', 'RECORDS', 'SORT', 'TIMESTAMPED']);
    expect(at('x = GET process FROM a.json WHERE pid = pr').matches).toEqual(['procs']);
  });

  it('offers operators after an attribute, and clause keywords after a value', () => {
    expect(at('x = GET process FROM a.json WHERE name ').matches).toEqual(['IN', 'IS', 'ISSUBSET', 'ISSUPERSET', 'LIKE', 'MATCHES', 'NOT']);
    expect(at('x = GET process FROM a.json WHERE name l').matches).toEqual(['like']);
    expect(at('x = GET process FROM a.json WHERE name IS ').matches).toEqual(['NOT', 'NULL']);
    expect(at("x = GET process FROM a.json WHERE name = 'a' LAST 5 M").matches).toEqual(['M', 'MINUTE', 'MINUTES']);
    expect(at("DISP procs WHERE name = 'a' A").matches).toEqual(['AND', 'ATTR']);
    expect(at("DISP procs WHERE name = 'a' ").matches).toEqual(['AND', 'ATTR', 'LAST', 'LIMIT', 'OFFSET', 'OR', 'SORT', 'START', 'STOP']);
    expect(at('DISP procs WHERE name IS NOT NULL o').matches).toEqual(['or', 'offset'].sort());
  });

  it('completes nothing inside a string, a comment or a number', () => {
    expect(at("x = GET process FROM a.json WHERE name = 'pro").matches).toEqual([]);
    expect(at('x = NEW process ["pro').matches).toEqual([]);
    expect(at('# pro').matches).toEqual([]);
    expect(at('DISP procs LIMIT 1').matches).toEqual([]);
    expect(at('DISP procs LIMIT ').matches).toEqual([]);
  });

  it('completes in the middle of a line, up to the cursor', () => {
    expect(at('DISP pr| ATTR name')).toEqual({ matches: ['procs'], fragment: 'pr' });
  });

  it('completes the REPL commands at the start of an entry', () => {
    expect(at('.')).toEqual({ matches: ['.help', '.vars', '.load', '.exit', '.quit'], fragment: '.' });
    expect(at('.v')).toEqual({ matches: ['.vars'], fragment: '.v' });
    expect(at('DISP procs .').matches).toEqual([]);
  });
});
