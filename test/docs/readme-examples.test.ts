/**
 * The README's examples work as written from the clone's folder: it says how `kestrel` gets on the PATH before
 * it uses the bare command, every file a command names exists, and every huntflow it shows runs (or is quoted
 * line for line from a sample).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultConnectors } from '../../connectors/registry';
import { MemoryStore } from '../../graph/memory-store';
import { Session } from '../../src/engine/session';

const ROOT = path.join(__dirname, '..', '..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
/** Options whose next word is their value, not a file the command reads. */
const TAKES_VALUE = new Set(['-o', '--out', '--format', '--backend', '--neo4j-uri', '--neo4j-timeout', '--port', '--host', '--prefix', '--name']);

const codeBlocks = [...README.matchAll(/^```[^\n]*\n([^]*?)^```/gm)].map((m) => m[1]);
const huntflows = codeBlocks.filter((b) => / = GET /.test(b));
const sampleLines = fs.readdirSync(path.join(ROOT, 'samples')).flatMap((dir) => {
  const folder = path.join(ROOT, 'samples', dir);
  if (!fs.statSync(folder).isDirectory()) return [];
  return fs.readdirSync(folder).filter((f) => f.endsWith('.hf')).map((f) => new Set(fs.readFileSync(path.join(folder, f), 'utf8').split('\n')));
});

/** The words after `kestrel run|view|export|load` wherever the README writes such a command (code blocks and inline code, across a line break). */
function commandFiles(): string[] {
  const text = README.replace(/\n(?=--)/g, ' ');
  return [...text.matchAll(/\bkestrel (run|view|export|load) ([^`#\n]*)/g)].flatMap((m) => {
    const words = m[2].trim().split(/\s+/);
    // Options, their values, and the synopsis's placeholders (HUNT.hf, [VAR...], memory|neo4j) are not files.
    return words.filter((w, i) => !w.startsWith('-') && !TAKES_VALUE.has(words[i - 1]) && !/^[A-Z]|[[\]|]|\.\.\./.test(w));
  });
}

describe('README examples', () => {
  it('says how to put kestrel on the PATH before it uses the bare command', () => {
    const firstBare = README.search(/(^|[`\n])kestrel (run|view|export|load|serve|kernel|repl)?\b/);
    const howTo = README.indexOf('npm link');
    expect(howTo).toBeGreaterThan(-1);
    expect(howTo).toBeLessThan(firstBare);
  });

  it('names only files that exist, relative to the clone', () => {
    const files = commandFiles();
    expect(files).toContain('samples/scheduled-tasks/hunt.hf');
    expect(files.filter((f) => !fs.existsSync(path.join(ROOT, f)))).toEqual([]);
  });

  it.each(huntflows.map((h, i) => [i + 1, h]))('huntflow %i is quoted from a sample or runs from the clone', async (_, block) => {
    const lines = (block as string).trimEnd().split('\n');
    if (sampleLines.some((sample) => lines.every((l) => sample.has(l)))) return;
    const session = new Session({ store: new MemoryStore(), connectors: defaultConnectors() });
    const result = await session.execute(block as string, path.join(ROOT, 'README.hf'));
    expect(result.errors).toEqual([]);
  });
});
