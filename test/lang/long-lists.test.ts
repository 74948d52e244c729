/**
 * A comparison against a long list of literals (an IOC list pasted into `IN (…)`) is read beside Ohm, which matches
 * its first item only: the values and every location must be those Ohm gives, and anything that is not a plain list
 * of numbers and strings is left to Ohm.
 */
import type { Statement, Value, Where } from '../../src/lang/ast';
import { position } from '../../src/lang/position';
import { parseError, parseOk } from './parse-helpers';

/** Items written as a hunter pastes them: strings with escapes, raw strings, numbers, over several lines. */
function items(n: number): { text: string; value: string | number }[] {
  return Array.from({ length: n }, (_, i) =>
    i % 4 === 0 ? { text: `'10.0.${i >> 8}.${i & 255}'`, value: `10.0.${i >> 8}.${i & 255}` }
      : i % 4 === 1 ? { text: `"C:\\\\tmp\\\\a${i}.exe"`, value: `C:\\tmp\\a${i}.exe` }
        : i % 4 === 2 ? { text: `r'\\d${i}'`, value: `\\d${i}` }
          : { text: String(i * 1.5), value: i * 1.5 });
}

/** A huntflow with the list, where each item starts, and the statements around it. */
function huntflow(n: number, open = '(', close = ')') {
  const list = items(n);
  let source = "a = GET process FROM file://x.json WHERE name = 'x.exe'\nb = GET ipv4-addr FROM file://x.json\n  WHERE value IN " + open;
  const starts: number[] = [];
  list.forEach((item, i) => {
    if (i) source += i % 7 === 0 ? ',\n    ' : ', ';
    starts.push(source.length);
    source += item.text;
  });
  source += `${close} AND value != '1.1.1.1'\nDISP b ATTR value\n`;
  return { source, list, starts };
}

function listOf(statement: Statement): Extract<Value, { kind: 'list' }> {
  const where = (statement as unknown as { expr?: { where?: Where }; where?: Where }).expr?.where ?? (statement as { where?: Where }).where;
  const and = where as unknown as { left: { value: Value } };
  return and.left.value as Extract<Value, { kind: 'list' }>;
}

describe('long lists of literals', () => {
  it.each([[3], [250], [3000]])('%d items keep their values and locations, and the statements after them theirs', (n) => {
    const { source, list, starts } = huntflow(n);
    const { statements } = parseOk(source);
    expect(statements).toHaveLength(3);
    const values = listOf(statements[1]).items;
    expect(values.map((v) => (v as { value: unknown }).value)).toEqual(list.map((i) => i.value));
    values.forEach((v, i) => {
      const start = starts[i];
      expect(v.loc).toEqual({ ...position(source, start), start, end: start + list[i].text.length });
    });
    const last = statements[2];
    const dispAt = source.lastIndexOf('DISP');
    expect(last.loc).toMatchObject({ ...position(source, dispAt), start: dispAt });
    expect(statements[1].loc.end).toBe(source.indexOf("'1.1.1.1'") + "'1.1.1.1'".length);
  });

  it('a bracket list reads the same', () => {
    const { source, list } = huntflow(300, '[', ']');
    expect(listOf(parseOk(source).statements[1]).items.map((v) => (v as { value: unknown }).value)).toEqual(list.map((i) => i.value));
  });

  it('leaves a list inside a string or a comment, and NEW rows, as they are', () => {
    const numbers = Array.from({ length: 300 }, (_, i) => i).join(', ');
    const source = `x = NEW process [${Array.from({ length: 300 }, (_, i) => `'p${i}.exe'`).join(', ')}]\n`
      + `# IN (${numbers})\ny = GET process FROM x WHERE command_line = 'IN (${numbers})'\n`;
    const [neu, get] = parseOk(source).statements as unknown as [{ expr: { values: string[] } }, { where: { value: { value: string } } }];
    expect(JSON.stringify(neu)).toContain('p299.exe');
    expect(get.where.value.value).toBe(`IN (${numbers})`);
  });

  it('a long list with a reference or a bare word in it is Ohm\'s, and reads the same', () => {
    const literals = Array.from({ length: 300 }, (_, i) => `'h${i}'`);
    const source = `b = GET process FROM file://x.json WHERE name IN (${[...literals, 'a.name', 'cmd'].join(', ')}) AND pid = 4\n`;
    const values = listOf(parseOk(source).statements[0]).items;
    expect(values).toHaveLength(302);
    expect(values[300]).toMatchObject({ kind: 'reference', variable: 'a', attribute: 'name' });
    expect(values[301]).toMatchObject({ kind: 'literal', value: 'cmd' });
  });

  it('a syntax error after or inside a long list points where it is', () => {
    const { source } = huntflow(500);
    const broken = source.replace('DISP b ATTR value', 'DISP b ATTR value value');
    expect(parseError(broken)).toMatchObject({ line: position(broken, broken.lastIndexOf('value')).line, column: position(broken, broken.lastIndexOf('value')).column });
    const missing = source.replace(", '10.0.1.0'", " '10.0.1.0'");
    expect(missing).not.toBe(source);
    const at = missing.indexOf(" '10.0.1.0'") + 1;
    expect(parseError(missing)).toMatchObject({ ...position(missing, at) });
  });
});
