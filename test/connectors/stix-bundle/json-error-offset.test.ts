import { jsonErrorOffset } from '../../../connectors/stix-bundle/json-error-offset';

function v8Position(text: string): number | undefined {
  try {
    JSON.parse(text);
  } catch (e) {
    const m = / at position (\d+)/.exec((e as Error).message);
    return m ? Number(m[1]) : undefined;
  }
  throw new Error(`${text} is valid JSON`);
}

describe('jsonErrorOffset', () => {
  test.each([
    '{"a":1', '{"a":1}}', '{a:1}', '{"a":1 "b"}', '{"a":"x\ny"}', '{"a":"abc', '{"a": 01}', '{"a": -x}', '{"a": 1.}',
    '{"a": 1e}', '{"a":"\\x"}', '{"a":"\\u12g4"}', '[truex]', '{,}', '{"a" 1}', '[1 2]', '{"a":1,}', '[1e+]', '[1]x', '{"a"',
    '{', '"\\u12',
  ])('agrees with the position JSON.parse reports for %j', (text) => {
    expect(jsonErrorOffset(text)).toBe(v8Position(text));
  });

  test.each([
    ['[1,2,]', 5],
    ['{"a": tru}', 9],
    ['{"a": x}', 6],
    ['\n\n  {"a": }', 10],
    ['[nul]', 4],
    ['[,1]', 1],
    ['undefined', 0],
    ['["a",]', 5],
    ['', 0],
    ['[1,', 3],
    ['{"a":[{}, [], {"b":[1,{"c":null}]}], "d": fals}', 46],
  ])('finds the offset JSON.parse does not report in %j', (text, offset) => {
    expect(v8Position(text)).toBeUndefined();
    expect(jsonErrorOffset(text)).toBe(offset);
  });

  test.each(['[1,2]', ' {"a": [true, false, null, -0.5e-3, "\\ud83d\\ude00"]} ', '{}'])('is -1 for valid %j', (text) => {
    expect(jsonErrorOffset(text)).toBe(-1);
  });

  test('deep nesting does not overflow the stack', () => {
    const text = `${'['.repeat(200_000)}${']'.repeat(199_999)}`;
    expect(jsonErrorOffset(text)).toBe(text.length);
  });
});
