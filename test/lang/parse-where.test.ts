import { parseOk, valueOf, whereOf } from './parse-helpers';

const one = { kind: 'literal', value: 1 };

describe('comparison operators', () => {
  test.each([
    ['=', '='], ['==', '='], ['!=', '!='], ['<', '<'], ['<=', '<='], ['>', '>'], ['>=', '>='],
    ['IN', 'IN'], ['not in', 'NOT IN'], ['LIKE', 'LIKE'], ['NOT LIKE', 'NOT LIKE'],
    ['MATCHES', 'MATCHES'], ['NOT MATCHES', 'NOT MATCHES'], ['ISSUBSET', 'ISSUBSET'], ['NOT ISSUBSET', 'NOT ISSUBSET'],
    ['ISSUPERSET', 'ISSUPERSET'], ['Not IsSuperSet', 'NOT ISSUPERSET'],
  ])('%s', (written, op) => {
    expect(whereOf(`a ${written} 1`)).toEqual({ kind: 'comparison', attribute: 'a', op, value: one });
  });

  test('IS NULL is = null and IS NOT NULL is != null', () => {
    expect(whereOf('command_line IS NULL')).toEqual({
      kind: 'comparison', attribute: 'command_line', op: '=', value: { kind: 'literal', value: null },
    });
    expect(whereOf('command_line is not null')).toEqual({
      kind: 'comparison', attribute: 'command_line', op: '!=', value: { kind: 'literal', value: null },
    });
  });
});

describe('values', () => {
  test.each([
    ['22', 22], ['-1', -1], ['0.5', 0.5], ['-2.25', -2.25], ['1e3', 1000],
    ['svchost', 'svchost'], ['network-traffic', 'network-traffic'], ["'svchost.exe'", 'svchost.exe'],
  ])('%s is the literal %j', (written, value) => {
    expect(valueOf(written)).toEqual({ kind: 'literal', value });
  });

  test('var.attr is a reference, and the attribute may be a path', () => {
    expect(valueOf('ref.pid')).toEqual({ kind: 'reference', variable: 'ref', attribute: 'pid' });
    expect(valueOf('procs.parent_ref.binary_ref.name')).toEqual({
      kind: 'reference', variable: 'procs', attribute: 'parent_ref.binary_ref.name',
    });
  });

  test('lists in (…) or […] hold literals, references and nested lists', () => {
    const expected = {
      kind: 'list',
      items: [
        { kind: 'reference', variable: 'ref', attribute: 'pid' },
        { kind: 'literal', value: 9240 },
        { kind: 'list', items: [{ kind: 'literal', value: 'a' }, { kind: 'list', items: [{ kind: 'literal', value: 'b' }] }] },
      ],
    };
    expect(valueOf("(ref.pid, 9240, ['a', (b)])")).toEqual(expected);
    expect(valueOf("[ref.pid, 9240, ('a', [b])]")).toEqual(expected);
  });
});

describe('boolean structure', () => {
  const comparison = (attribute: string) => ({ kind: 'comparison', attribute, op: '=', value: one });

  test('AND binds tighter than OR', () => {
    expect(whereOf('a = 1 OR b = 1 AND c = 1')).toEqual({
      kind: 'or', left: comparison('a'), right: { kind: 'and', left: comparison('b'), right: comparison('c') },
    });
  });

  test('parentheses group', () => {
    expect(whereOf('(a = 1 OR b = 1) AND c = 1')).toEqual({
      kind: 'and', left: { kind: 'or', left: comparison('a'), right: comparison('b') }, right: comparison('c'),
    });
  });

  test('AND and OR associate to the left', () => {
    expect(whereOf('a = 1 and b = 1 and c = 1')).toEqual({
      kind: 'and', left: { kind: 'and', left: comparison('a'), right: comparison('b') }, right: comparison('c'),
    });
  });

  test('the STIX form [type:attr …] around the whole pattern is the same pattern', () => {
    expect(whereOf("[process:name = 'x' AND process:pid = 1]")).toEqual({
      kind: 'and',
      left: { kind: 'comparison', entityType: 'process', attribute: 'name', op: '=', value: { kind: 'literal', value: 'x' } },
      right: { kind: 'comparison', entityType: 'process', attribute: 'pid', op: '=', value: one },
    });
  });

  test('boolean nodes span both operands', () => {
    const source = 'x = y WHERE a = 1 OR b = 2';
    const statement = parseOk(source).statements[0];
    if (statement.kind !== 'assign') throw new Error(statement.kind);
    expect(statement.expr.where?.loc).toEqual({ line: 1, column: 13, start: 12, end: source.length });
  });
});
