/**
 * The REPL in process over streams: piped input (entries run in order, exit status) and a terminal
 * (prompts, Tab, Ctrl-C, Ctrl-D, history recalled with Up), with a real session over the fixtures.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { defaultConnectors } from '../../connectors/registry';
import { MemoryStore } from '../../graph/memory-store';
import { runRepl, type ReplOptions } from '../../src/cli/repl';
import { SessionHost } from '../../src/cli/session-host';
import { Session } from '../../src/engine/session';
import { serveLoopback } from '../loopback-server';
import { LocalRunner, SESSION_WORKER } from './local-runner';
import { fixture } from './run-cli';

const DATA = fixture('doctored-1k.json');
const GET_CMD = `procs = GET process FROM file://${DATA} WHERE name = 'cmd.exe'`;

// eslint-disable-next-line no-control-regex
const plain = (s: string): string => s.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');

/** A REPL on streams: `type` feeds keystrokes or lines, `out`/`err` are what it printed so far. */
class Repl {
  readonly input = new PassThrough();
  readonly session = new Session({ store: new MemoryStore(), connectors: defaultConnectors() });
  readonly done: Promise<number>;
  private stdout = '';
  private stderr = '';

  constructor(options: ReplOptions) {
    const output = new PassThrough();
    const error = new PassThrough();
    output.setEncoding('utf8').on('data', (d: string) => (this.stdout += d));
    error.setEncoding('utf8').on('data', (d: string) => (this.stderr += d));
    this.done = runRepl({ input: this.input, output, error, runner: new LocalRunner(this.session), historyFile: null, width: 120, ...options });
  }

  get out(): string {
    return plain(this.stdout);
  }

  get err(): string {
    return this.stderr;
  }

  /** One chunk, as a keypress or a paste arrives. */
  type(text: string): void {
    this.input.write(text);
  }

  /** Waits until the output satisfies `test` (blocks run asynchronously). */
  async until(test: (out: string) => boolean, what = 'output'): Promise<void> {
    const deadline = Date.now() + 15000;
    while (!test(this.out)) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; output so far:\n${this.out}\n${this.err}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Waits for the n-th primary prompt. */
  prompts(n: number): Promise<void> {
    return this.until((o) => o.split('kestrel> ').length - 1 >= n, `prompt #${n}`);
  }
}

/** Pipes the lines in (stdin not a terminal) and waits for the REPL to end. */
async function piped(lines: string[], options: ReplOptions = {}): Promise<{ code: number; out: string; err: string; repl: Repl }> {
  const repl = new Repl({ terminal: false, ...options });
  repl.input.end(`${lines.join('\n')}\n`);
  const code = await repl.done;
  return { code, out: repl.out, err: repl.err, repl };
}

/** The [SUMMARY] rows printed so far, as [name, type, entities, records]. */
function summaryRows(out: string): string[][] {
  const rows: string[][] = [];
  for (const block of out.split('[SUMMARY]').slice(1)) {
    const lines = block.split('\n').slice(2);
    for (const line of lines) {
      if (!/^\S+ {2,}\S+ {2,}\d+ {2,}\d+$/.test(line)) break;
      rows.push(line.split(/\s{2,}/));
    }
  }
  return rows;
}

/** The summary rows the same blocks give in a fresh session: what the REPL must print, whatever the engine counts. */
async function reference(...blocks: string[]): Promise<string[][]> {
  const session = new Session({ store: new MemoryStore(), connectors: defaultConnectors() });
  const rows: string[][] = [];
  for (const block of blocks) {
    const r = await session.execute(block, '<repl>');
    if (r.errors.length) throw new Error(JSON.stringify(r.errors));
    rows.push(...r.variables.map((v) => [v.name, v.type, String(v.entities), String(v.records)]));
  }
  return rows;
}

const FIND_CMD = 'kids = FIND process CREATED BY procs';

describe('kestrel REPL, piped input', () => {
  it('runs each entry as one block and exits 0 when all succeed', async () => {
    const { code, out, err } = await piped([GET_CMD, FIND_CMD, 'DISP procs ATTR pid, name SORT BY pid ASC LIMIT 2']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const expected = await reference(GET_CMD, FIND_CMD);
    expect(expected.map((r) => r[0])).toEqual(['procs', 'kids']);
    expect(summaryRows(out)).toEqual(expected);
    // A block that only displays prints its table without an empty summary.
    expect(out).toMatch(/DISP procs \(2 rows\)\npid +name\n\d+ +cmd\.exe\n\d+ +cmd\.exe\n$/);
    expect(out).not.toContain('kestrel>');
  });

  it('joins the lines of an unfinished entry into one block', async () => {
    const { code, out, err } = await piped([
      `procs = GET process FROM file://${DATA} WHERE name = 'cmd.exe' AND`,
      '    pid = 7216',
      'p = NEW process [',
      '  {"name": "a.exe", "pid": 1},',
      '  {"name": "b.exe", "pid": 2}',
      ']',
      'DISP p ATTR',
      '  pid, name',
    ]);
    expect(err).toBe('');
    expect(code).toBe(0);
    // The two lines are one statement: the same counts as on one line, fewer than without the AND.
    const [oneLine] = await reference(`${GET_CMD} AND pid = 7216`);
    const [withoutAnd] = await reference(GET_CMD);
    expect(Number(oneLine[2])).toBeLessThan(Number(withoutAnd[2]));
    expect(summaryRows(out)).toEqual([oneLine, ['p', 'process', '2', '2']]);
    expect(out).toMatch(/DISP p \(2 rows\)\npid +name\n1 +a\.exe\n2 +b\.exe\n/);
  });

  it('reports an error at its line within the entry, keeps the variables, carries on, and exits 1', async () => {
    const { code, out, err } = await piped([
      'p = NEW process ["a.exe"]',
      'p = NEW process ["x.exe",',
      '  "y.exe"] junk',
      'q = NEW process ["q.exe"]',
      '.vars',
      'DISP p ATTR name',
    ]);
    expect(code).toBe(1);
    expect(err).toContain('error[E_SYNTAX]: unexpected "junk", expected end of line');
    expect(err).toContain('--> <repl>:2:12');
    expect(err).toContain('2 |   "y.exe"] junk');
    // p still holds its one entity; the next entry ran.
    expect(out).toMatch(/VARIABLE +TYPE +#\(ENTITIES\) +#\(RECORDS\)\np +process +1 +1\nq +process +1 +1\n/);
    expect(out).toMatch(/DISP p \(1 row\)\nname\na\.exe\n$/);
  });

  it('leaves variables unchanged when a block fails to compile', async () => {
    const { code, out, err, repl } = await piped([
      'p = NEW process ["a.exe"]',
      'p = NEW process [',
      '  "x.exe", "y.exe"]',
      'DISP nosuch',
      '.vars',
    ]);
    expect(code).toBe(1);
    expect(err).toMatch(/error\[E_\w+\]: .*nosuch/);
    expect(repl.session.variableNames()).toEqual(['p']);
    expect(out).toMatch(/\np +process +2 +2\n$/);
  });

  it('runs an entry on an empty line even when it is unfinished', async () => {
    const { code, out, err } = await piped([`x = GET process FROM file://${DATA}`, '', 'y = NEW process ["a.exe"]']);
    expect(code).toBe(1);
    expect(err).toContain('error[E_SYNTAX]: unexpected end of input, expected WHERE');
    expect(summaryRows(out)).toEqual([['y', 'process', '1', '1']]);
  });

  it('runs what is left when the input ends in the middle of an entry', async () => {
    const { code, err } = await piped(['p = NEW process ["a.exe"]', 'DISP p ATTR name,']);
    expect(code).toBe(1);
    expect(err).toContain('unexpected end of input, expected an attribute');
  });

  it('skips blank lines and comments without printing anything', async () => {
    const { code, out, err } = await piped(['', '# a note', '   ', '# another']);
    expect({ code, out, err }).toEqual({ code: 0, out: '', err: '' });
  });

  it('lists variables with their type and counts with .vars', async () => {
    const { out } = await piped(['.vars', GET_CMD, FIND_CMD, 'p = NEW process ["a.exe"]', '.vars']);
    expect(out.startsWith('(no variables yet)\n')).toBe(true);
    const [procs, kids] = await reference(GET_CMD, FIND_CMD);
    const listed = out.slice(out.lastIndexOf('VARIABLE')).trim().split('\n').map((l) => l.split(/\s{2,}/));
    expect(listed).toEqual([['VARIABLE', 'TYPE', '#(ENTITIES)', '#(RECORDS)'], procs, kids, ['p', 'process', '1', '1']]);
  });

  it('prints help, and suggests the command meant by a misspelt one', async () => {
    const { code, out, err } = await piped(['.help', '.varz']);
    expect(out).toContain('.vars          the variables, with their type and counts');
    expect(err).toBe('error: unknown command .varz (did you mean .vars?); .help lists the commands\n');
    expect(code).toBe(1);
  });

  it('stops at .exit and runs nothing after it', async () => {
    const { code, out, repl } = await piped(['p = NEW process ["a.exe"]', '.exit', 'q = NEW process ["b.exe"]']);
    expect(code).toBe(0);
    expect(summaryRows(out)).toEqual([['p', 'process', '1', '1']]);
    expect(repl.session.variableNames()).toEqual(['p']);
  });

  it('runs a huntflow file as one block with .load', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kestrel-repl-'));
    try {
      fs.copyFileSync(DATA, path.join(dir, 'data.json'));
      const hf = path.join(dir, 'hunt.hf');
      // The data path is relative to the huntflow, not to the current folder.
      fs.writeFileSync(hf, "procs = GET process FROM data.json WHERE name = 'cmd.exe'\nkids = FIND process CREATED BY procs\n");
      const { code, out, err } = await piped([`.load ${hf}`, 'DISP kids ATTR name LIMIT 1', `.load ${path.join(dir, 'missing.hf')}`]);
      expect(summaryRows(out)).toEqual(await reference(GET_CMD, FIND_CMD));
      expect(out).toContain('DISP kids (1 row)');
      expect(err).toContain('error[E_HUNTFLOW_NOT_FOUND]: cannot read huntflow');
      expect(code).toBe(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('kestrel REPL at a terminal', () => {
  it('prompts, continues unfinished entries on "...>", and exits 0 on Ctrl-D', async () => {
    const repl = new Repl({ terminal: true });
    await repl.prompts(1);
    expect(repl.out).toMatch(/^kestrel 0\.1\.0: type \.help for help, \.exit or Ctrl-D to leave\n/);
    repl.type('p = NEW process [\r');
    await repl.until((o) => o.includes('...> '), 'continuation prompt');
    repl.type('"a.exe"]\r');
    await repl.prompts(2);
    expect(summaryRows(repl.out)).toEqual([['p', 'process', '1', '1']]);
    // The continuation prompt came before the second line, the summary before the next prompt.
    expect(repl.out.indexOf('...> "a.exe"]')).toBeGreaterThan(0);
    expect(repl.out.lastIndexOf('kestrel> ')).toBeGreaterThan(repl.out.indexOf('[SUMMARY]'));
    repl.type('\x04');
    expect(await repl.done).toBe(0);
  });

  it('completes with Tab from the session: entity types, then attributes seen in the data', async () => {
    const repl = new Repl({ terminal: true });
    await repl.prompts(1);
    repl.type('procs = GET proc');
    repl.type('\t');
    repl.type(` FROM file://${DATA} WHERE name = 'cmd.exe'\r`);
    await repl.prompts(2);
    expect(summaryRows(repl.out)).toEqual(await reference(GET_CMD));
    repl.type('DISP pro');
    repl.type('\t');
    repl.type(' ATTR command_l');
    repl.type('\t');
    repl.type(' LIMIT 1\r');
    await repl.until((o) => o.includes('DISP procs (1 row)'), 'the DISP');
    expect(repl.out).toMatch(/DISP procs \(1 row\)\ncommand_line\n\S/);
    expect(repl.err).toBe('');
    repl.type('.exit\r');
    expect(await repl.done).toBe(0);
  });

  it('lists the candidates on a second Tab', async () => {
    const repl = new Repl({ terminal: true });
    await repl.prompts(1);
    repl.type('x = GET ipv');
    repl.type('\t');
    repl.type('\t');
    await repl.until((o) => /ipv4-addr\s+ipv6-addr/.test(o), 'the candidates');
    repl.type('\x04');
    repl.type('\x15\x04');
    expect(await repl.done).toBe(0);
  });

  it('clears the entry on Ctrl-C and exits on a second Ctrl-C at an empty prompt', async () => {
    const repl = new Repl({ terminal: true });
    await repl.prompts(1);
    repl.type('p = NEW process [\r');
    await repl.until((o) => o.includes('...> '), 'continuation prompt');
    repl.type('"half');
    repl.type('\x03');
    await repl.prompts(2);
    repl.type('q = NEW process ["q.exe"]\r');
    await repl.prompts(3);
    // The cleared entry never ran: only q exists.
    expect(repl.session.variableNames()).toEqual(['q']);
    expect(repl.out).toContain('"half^C\n');
    repl.type('\x03');
    await repl.until((o) => o.includes('(press Ctrl-C again to quit, or Ctrl-D, or type .exit)'), 'the hint');
    repl.type('\x03');
    expect(await repl.done).toBe(0);
  });

  it('stops a running block on Ctrl-C: the session stays as it was before the block, and the REPL goes on', async () => {
    // A bundle server that never answers: the block waits until it is interrupted.
    let asked!: () => void;
    const reading = new Promise<void>((resolve) => (asked = resolve));
    const server = await serveLoopback(() => asked());
    const repl = new Repl({ terminal: true, runner: new SessionHost({ script: SESSION_WORKER }) });
    try {
      await repl.prompts(1);
      repl.type('p = NEW process ["a.exe"]\r');
      await repl.prompts(2);
      repl.type(`p = GET process FROM '${server.base}/bundle.json' WHERE name = 'b.exe'\r`);
      await reading;
      repl.type('\x03');
      await repl.prompts(3);
      expect(repl.err).toContain('error[E_INTERRUPTED]: the block was interrupted: it changed nothing');
      repl.type('DISP p ATTR name\r');
      await repl.until((o) => o.includes('DISP p (1 row)'), 'the DISP');
      expect(repl.out).toMatch(/DISP p \(1 row\)\nname\na\.exe\n/);
      repl.type('.exit\r');
      expect(await repl.done).toBe(0);
    } finally {
      await server.close();
    }
  });
});

describe('kestrel REPL history', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kestrel-history-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('saves entries, a multi-line entry as one, and recalls them with Up in the next session', async () => {
    const file = path.join(dir, 'state', 'kestrel', 'history');
    const first = new Repl({ terminal: true, historyFile: file });
    await first.prompts(1);
    first.type('p = NEW process [\r');
    await first.until((o) => o.includes('...> '), 'continuation prompt');
    first.type('"a.exe", "b.exe"]\r');
    await first.prompts(2);
    first.type('.vars\r');
    await first.prompts(3);
    first.type('\x04');
    expect(await first.done).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toBe('"p = NEW process [\\n\\"a.exe\\", \\"b.exe\\"]"\n.vars\n');

    const second = new Repl({ terminal: true, historyFile: file });
    await second.prompts(1);
    // Up twice: past .vars to the two-line entry, which runs again as one block.
    second.type('\x1b[A');
    second.type('\x1b[A');
    second.type('\r');
    await second.until((o) => o.includes('[SUMMARY]'), 'the block');
    expect(summaryRows(second.out)).toEqual([['p', 'process', '2', '2']]);
    expect(second.err).toBe('');
    second.type('.exit\r');
    expect(await second.done).toBe(0);
    expect(fs.readFileSync(file, 'utf8').split('\n')).toEqual([
      '"p = NEW process [\\n\\"a.exe\\", \\"b.exe\\"]"', '.vars', '"p = NEW process [\\n\\"a.exe\\", \\"b.exe\\"]"', '.exit', '',
    ]);
  });

  it('keeps the history of piped input too, at $KESTREL_HISTORY by default', async () => {
    const file = path.join(dir, 'h');
    const saved = process.env.KESTREL_HISTORY;
    process.env.KESTREL_HISTORY = file;
    try {
      await piped(['p = NEW process ["a.exe"]'], { historyFile: undefined });
    } finally {
      if (saved === undefined) delete process.env.KESTREL_HISTORY;
      else process.env.KESTREL_HISTORY = saved;
    }
    expect(fs.readFileSync(file, 'utf8')).toBe('p = NEW process ["a.exe"]\n');
  });
});
