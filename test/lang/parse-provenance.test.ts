import { parseError, statementOf } from './parse-helpers';

const depthOf = (source: string) => (statementOf(source) as { depth?: unknown }).depth;

describe('FIND … DEPTH (kestrel-ts: multi-hop along process trees)', () => {
  test.each([
    ['FIND process CREATED procs DEPTH *', { min: 1 }],
    ['FIND process CREATED BY procs DEPTH 1..3', { min: 1, max: 3 }],
    ['FIND process CREATED BY procs depth 2 .. 2', { min: 2, max: 2 }],
    ['FIND process CREATED procs DEPTH 3', { min: 1, max: 3 }],
    ['FIND process CREATED procs DEPTH 2..*', { min: 2 }],
  ])('%s', (source, depth) => {
    expect(depthOf(source)).toEqual(depth);
  });

  test('comes before WHERE and LIMIT, and a FIND without it has none', () => {
    const s = statementOf("a = FIND process CREATED BY procs DEPTH 1..2 WHERE name = 'cmd.exe' LIMIT 5") as Record<string, unknown>;
    expect(s.depth).toEqual({ min: 1, max: 2 });
    expect(s.limit).toBe(5);
    expect(depthOf('a = FIND process CREATED BY procs')).toBeUndefined();
  });

  test('a variable may still be called depth', () => {
    expect((statementOf('a = FIND process CREATED BY depth') as { input: string }).input).toBe('depth');
  });

  test('a range needs numbers or *', () => {
    expect(parseError('a = FIND process CREATED procs DEPTH x').code).toBe('E_SYNTAX');
  });
});

describe('TRACK BACKWARD | FORWARD var [DEPTH …] [LIMIT n] (kestrel-ts)', () => {
  test('parses both directions with their bounds', () => {
    expect(statementOf('origin = TRACK BACKWARD ip')).toEqual({ kind: 'track', target: 'origin', direction: 'backward', input: 'ip' });
    expect(statementOf('impact = track forward procs depth 3 limit 500')).toEqual({
      kind: 'track', target: 'impact', direction: 'forward', input: 'procs', depth: { min: 1, max: 3 }, limit: 500,
    });
  });

  test('needs a direction', () => {
    expect(parseError('x = TRACK procs').code).toBe('E_SYNTAX');
  });
});
