/**
 * docs/errors.md is the catalogue every error points to (`see docs/errors.md#<code>`): each code the code base
 * can produce has a `## CODE` section with an example and a fix, and no section documents a code that is gone.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const SOURCE_DIRS = ['src', 'connectors', 'graph'];
const CODE = /'(E_[A-Z_]+)'/g;
const DOC = path.join(ROOT, 'docs', 'errors.md');

/** The .ts files under `dir`, tests left out. */
function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === '__tests__' ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** Each code quoted in the sources, with the files that quote it. */
function codesInSource(): Map<string, string[]> {
  const codes = new Map<string, string[]>();
  for (const file of SOURCE_DIRS.flatMap((d) => sourceFiles(path.join(ROOT, d)))) {
    for (const [, code] of fs.readFileSync(file, 'utf8').matchAll(CODE)) {
      codes.set(code, [...(codes.get(code) ?? []), path.relative(ROOT, file)]);
    }
  }
  return codes;
}

interface Section {
  heading: string;
  lines: string[];
}

/** The `## ` sections of a markdown text; a `## ` inside a fenced code block is not a heading. */
function sections(markdown: string): { preamble: string[]; sections: Section[] } {
  const preamble: string[] = [];
  const found: Section[] = [];
  let fenced = false;
  for (const line of markdown.split(/\r?\n/)) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const heading = !fenced && /^##\s+(.*?)\s*$/.exec(line);
    if (heading) found.push({ heading: heading[1], lines: [] });
    else if (found.length) found[found.length - 1].lines.push(line);
    else preamble.push(line);
  }
  return { preamble, sections: found };
}

const codes = codesInSource();
const doc = sections(fs.readFileSync(DOC, 'utf8'));
const headings = doc.sections.map((s) => s.heading);

describe('docs/errors.md', () => {
  it('the scan finds the codes the sources throw', () => {
    expect(codes.has('E_SYNTAX')).toBe(true);
    expect(codes.size).toBeGreaterThan(10);
  });

  it.each([...codes.keys()].sort())('documents %s under its own "## " heading', (code) => {
    expect(headings).toContain(code);
  });

  it('has only code headings, each once, each a code the sources still produce (no stale entries)', () => {
    const notCodes = headings.filter((h) => !/^E_[A-Z_]+$/.test(h));
    expect(notCodes).toEqual([]);
    const stale = headings.filter((h) => !codes.has(h));
    expect(stale).toEqual([]);
    const twice = headings.filter((h, i) => headings.indexOf(h) !== i);
    expect(twice).toEqual([]);
  });

  it('lists every code in the index table, linked to its section', () => {
    const preamble = doc.preamble.join('\n');
    const missing = [...codes.keys()].filter((code) => !preamble.includes(`| [${code}](#${code.toLowerCase()}) |`));
    expect(missing).toEqual([]);
  });

  it.each(doc.sections.map((s) => [s.heading, s] as const))('the %s section has an example code block and a fix', (_heading, section) => {
    const fences = section.lines.filter((l) => /^\s*```/.test(l)).length;
    expect(fences).toBeGreaterThanOrEqual(2);
    expect(section.lines.some((l) => /^(\*\*)?Fix/.test(l))).toBe(true);
  });
});
