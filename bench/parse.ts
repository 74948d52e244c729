import { parse } from '../src/lang/parse';

export interface ParseRun {
  huntflow: string;
  chars: number;
  ms: number;
  usPerChar: number;
}

/** Generated huntflows that once took seconds to parse (issue 15): a long literal, a long IN list, many lines. */
const HUNTFLOWS: [string, () => string][] = [
  ['a 1 MB string literal', () => `x = GET process FROM file://a.json WHERE name = '${'a'.repeat(1_000_000)}'`],
  ['a 50,000-value IN list', () => `x = GET process FROM file://a.json WHERE pid IN (${Array.from({ length: 50_000 }, (_, i) => i).join(', ')})`],
  ['a 5,000-line huntflow', () => Array.from({ length: 5000 }, (_, i) => (i % 2
    ? `DISP x${i - 1} ATTR pid, name`
    : `x${i} = GET process FROM file://a.json WHERE name = 'p${i}.exe' AND pid > ${i}`)).join('\n')],
];

/** `parse` of each huntflow, once, in this process. */
export function benchParse(): ParseRun[] {
  parse('x = GET process FROM file://a.json WHERE pid = 1');
  return HUNTFLOWS.map(([huntflow, make]) => {
    const source = make();
    const started = performance.now();
    if (!parse(source).ok) throw new Error(`${huntflow} does not parse`);
    const ms = performance.now() - started;
    return { huntflow, chars: source.length, ms: Math.round(ms), usPerChar: Number(((ms * 1000) / source.length).toFixed(2)) };
  });
}

/** What `npm run bench` prints before the JSON. */
export function parseTable(runs: ParseRun[]): string[] {
  return runs.map((r) => `  ${r.huntflow} (${r.chars} characters): ${r.ms} ms, ${r.usPerChar} µs a character`);
}
