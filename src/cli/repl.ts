import * as readline from 'node:readline';
import { version as VERSION } from '../../package.json';
import type { BlockResult } from '../engine/session';
import type { VariableSummary } from '../engine/summary';
import { suggest } from '../lang/did-you-mean';
import { isKestrelError } from '../model/errors';
import { complete, emptyVocabulary, type Vocabulary } from './completion';
import { formatTable, printable, terminalWidth } from './format-table';
import { formatBlock, formatError } from './format-text';
import { defaultHistoryFile, History } from './history';
import { isComplete } from './is-complete';
import { progressLine } from './progress';
import { readHuntflow } from './read-huntflow';
import { errorResult } from './session-answer';
import { SessionHost, type BlockRunner } from './session-host';
import { stoppedBlock } from './stopped-block';

export { complete, buildVocabulary, type Vocabulary, type Completion } from './completion';
export { completeness, isComplete, type Completeness } from './is-complete';

export const PROMPT = 'kestrel> ';
export const CONTINUATION_PROMPT = '...> ';
/** The name errors quote for an entry typed at the prompt; relative data paths resolve against the current folder. */
export const REPL_FILE = '<repl>';

export interface ReplOptions {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  /** Warnings and errors. */
  error?: NodeJS.WritableStream;
  /** Line editing, prompts, completion and history keys. Default: input and output are both terminals. */
  terminal?: boolean;
  /**
   * Runs the blocks. Default: a session in a worker thread, opened as `kestrel run` opens it (embedded store,
   * kestrel.yaml, data-source profiles), so that Ctrl-C can stop a block wherever it is.
   */
  runner?: BlockRunner;
  /** History file; `null` keeps no history. Default: `$KESTREL_HISTORY` or `~/.local/state/kestrel/history`. */
  historyFile?: string | null;
  /** Table width. Default: the output's columns (read for every block), else 120. */
  width?: number;
  /** Do not cut long cells. */
  wide?: boolean;
  /** Merge identical DISP rows (only used when the REPL creates the runner). */
  collapse?: boolean;
}

export const META_COMMANDS: readonly string[] = ['.help', '.vars', '.load', '.exit', '.quit'];

const HELP = `Each entry is one block of Kestrel: it runs as a whole, and a block that does not compile changes nothing.
An entry continues on a "${CONTINUATION_PROMPT.trim()}" line while it is unfinished (an open bracket, a trailing WHERE, AND
or comma); an empty line runs what is there. Variables stay for the whole session.

  .help          this help
  .vars          the variables, with their type and counts
  .load FILE     run a huntflow file as one block (its data paths are relative to the file)
  .exit, .quit   leave (or Ctrl-D)

Keys: Tab completes keywords, variables, entity types and attributes (after WHERE, ATTR, BY, "var.");
Up and Down walk the history; Ctrl-C clears the entry, stops a running block (which then changes
nothing), and twice on an empty prompt leaves.

  procs = GET process FROM file://data.json WHERE name = 'cmd.exe'
  kids = FIND process CREATED BY procs
  DISP kids ATTR pid, name, command_line SORT BY pid LIMIT 10
  INFO kids

Errors are explained in docs/errors.md.`;

interface Streams {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
}

/**
 * The interactive REPL: reads entries (several lines when unfinished), runs each as one block of a
 * session, prints outputs and the summary like `kestrel run`. With piped input it runs every entry and
 * resolves to 1 if any failed; at a terminal it resolves to 0 on `.exit`, `.quit` or Ctrl-D.
 */
export async function runRepl(options: ReplOptions = {}): Promise<number> {
  const input = options.input ?? process.stdin;
  const out = options.output ?? process.stdout;
  const err = options.error ?? process.stderr;
  const io: Streams = { out, err };
  const terminal = options.terminal ?? Boolean((input as { isTTY?: boolean }).isTTY && (out as { isTTY?: boolean }).isTTY);
  const runner = options.runner
    ?? new SessionHost({ collapse: options.collapse, onProgress: (err as { isTTY?: boolean }).isTTY ? progressLine(err) : undefined });
  const problem = await runner.opened;
  if (problem) {
    err.write(`${formatError(problem)}\n`);
    await runner.close();
    return 1;
  }
  const width = (): number => options.wide ? Infinity : options.width ?? terminalWidth(out as { columns?: number });

  const historyFile = options.historyFile === null ? undefined : options.historyFile ?? defaultHistoryFile();
  const history = new History(historyFile, (message) => err.write(`warning: ${message}\n`));
  /** node:readline's own history list (newest first): replaced after each entry, so an entry is one item. */
  const recall = history.newestFirst();

  const summaries = new Map<string, VariableSummary>();
  let vocabulary: Vocabulary = emptyVocabulary(META_COMMANDS);

  let buffer: string[] = [];
  const rl = readline.createInterface({
    input,
    output: out,
    terminal,
    prompt: PROMPT,
    history: recall,
    // The REPL keeps the history itself, one item per entry however many lines it has.
    historySize: 0,
    crlfDelay: Infinity,
    tabSize: 4,
    completer: (line: string): [string[], string] => {
      const text = [...buffer, line].join('\n');
      const c = complete(text, text.length, vocabulary);
      return [c.matches, text.slice(c.start, c.end)];
    },
  });
  const editor = rl as unknown as { line: string; cursor: number; historyIndex: number };

  let busy = false;
  /** No more lines are taken (.exit, Ctrl-C twice); what was entered before still runs. */
  let stopped = false;
  let failed = false;
  let exitArmed = false;
  let chain: Promise<void> = Promise.resolve();

  const prompt = (): void => {
    if (!terminal || stopped) return;
    rl.setPrompt(buffer.length ? CONTINUATION_PROMPT : PROMPT);
    rl.prompt();
  };

  const remember = (entry: string): void => {
    history.add(entry);
    recall.splice(0, recall.length, ...history.newestFirst());
    editor.historyIndex = -1;
  };

  const runBlock = async (text: string, file: string): Promise<void> => {
    busy = true;
    let result: BlockResult;
    try {
      const reply = await runner.run(text, file);
      result = reply.result;
      if (reply.vocabulary) vocabulary = { ...reply.vocabulary, metaCommands: META_COMMANDS };
    } catch (e) {
      // Interrupted (Ctrl-C), out of memory, or a bug: the block changed nothing, and the REPL carries on.
      result = errorResult(stoppedBlock(e, 'block'));
    } finally {
      busy = false;
    }
    print(result, io, width());
    if (result.errors.length) failed = true;
    for (const v of result.variables) summaries.set(v.name, v);
  };

  const submit = async (text: string): Promise<void> => {
    if (!text.trim()) return;
    remember(text);
    // Only comments: nothing to run, and no empty summary to print.
    if (text.split('\n').every((l) => /^\s*(#.*)?$/.test(l))) return;
    await runBlock(text, REPL_FILE);
  };

  /** Takes the entry so far out of the buffer: the buffer belongs to the lines being typed, not to the block. */
  const take = (): string => {
    const text = buffer.join('\n');
    buffer = [];
    return text;
  };

  const meta = async (line: string): Promise<void> => {
    remember(line);
    const [command, ...args] = line.split(/\s+/);
    const arg = args.join(' ');
    switch (command) {
      case '.help':
        out.write(`${HELP}\n`);
        return;
      case '.vars':
        out.write(`${formatVariables(vocabulary.variables, summaries, width())}\n`);
        return;
      case '.load': {
        if (!arg) {
          err.write('error: .load needs a huntflow file: .load PATH\n');
          failed = true;
          return;
        }
        let read: ReturnType<typeof readHuntflow>;
        try {
          read = readHuntflow(arg);
        } catch (e) {
          if (!isKestrelError(e)) throw e;
          err.write(`${formatError({ code: e.code, message: e.message, hint: e.hint, file: arg })}\n`);
          failed = true;
          return;
        }
        for (const w of read.warnings) err.write(`warning: ${printable(w)}\n`);
        await runBlock(read.source, arg);
        return;
      }
      default: {
        const guess = suggest(command, META_COMMANDS);
        err.write(`error: unknown command ${printable(command)}${guess ? ` (did you mean ${guess}?)` : ''}; .help lists the commands\n`);
        failed = true;
      }
    }
  };

  /**
   * Lines are sorted into entries as they arrive (so that Ctrl-C sees the entry being typed even while a
   * block runs); blocks and meta commands then run one after the other. The prompt shows when nothing is
   * left to run, so that it never sits above a block's output.
   */
  let queued = 0;
  const schedule = (task?: () => Promise<void>): void => {
    if (!task) {
      if (!queued) prompt();
      return;
    }
    queued++;
    chain = chain
      .then(task)
      .catch((e: unknown) => {
        err.write(`error: ${(e as Error)?.message ?? String(e)}\n`);
        failed = true;
      })
      .then(() => {
        if (--queued === 0) prompt();
      });
  };

  rl.on('line', (line: string) => {
    exitArmed = false;
    editor.historyIndex = -1;
    if (stopped) return;
    if (!buffer.length) {
      const trimmed = line.trim();
      if (!trimmed) return schedule();
      if (trimmed.startsWith('.')) {
        const [command] = trimmed.split(/\s/);
        // Nothing typed after .exit runs, even if it is already read.
        if (command === '.exit' || command === '.quit') {
          remember(trimmed);
          stopped = true;
          rl.close();
          return;
        }
        return schedule(() => meta(trimmed));
      }
    }
    // An empty line runs what is there; otherwise the entry runs once it is complete.
    if (!line.trim()) {
      const text = take();
      return schedule(() => submit(text));
    }
    buffer.push(line);
    if (isComplete(buffer.join('\n'))) {
      const text = take();
      return schedule(() => submit(text));
    }
    schedule();
  });

  rl.on('SIGINT', () => {
    if (busy) {
      // The block ends with E_INTERRUPTED; the session is restored to what it held before it.
      out.write(runner.interrupt() ? '^C\n' : '\n(the session is being restored after an interrupt; the block runs next)\n');
      return;
    }
    const pending = buffer.length > 0 || editor.line.length > 0;
    rl.write('', { ctrl: true, name: 'e' });
    out.write('^C\n');
    buffer = [];
    editor.line = '';
    editor.cursor = 0;
    if (pending) exitArmed = false;
    else if (exitArmed) {
      stopped = true;
      rl.close();
      return;
    } else {
      exitArmed = true;
      out.write('(press Ctrl-C again to quit, or Ctrl-D, or type .exit)\n');
    }
    prompt();
  });

  const closed = new Promise<void>((resolve) => rl.once('close', resolve));

  if (terminal) out.write(`kestrel ${VERSION}: type .help for help, .exit or Ctrl-D to leave\n`);
  prompt();

  await closed;
  await chain;
  // Piped input may end in the middle of an entry: it still runs. At a terminal, Ctrl-D drops it.
  if (!terminal && !stopped && buffer.length) await submit(take());
  else if (terminal && !stopped) out.write('\n'); // after the ^D, the shell's prompt starts on its own line
  await runner.close();
  return failed && !terminal ? 1 : 0;
}

function print(r: BlockResult, io: Streams, width: number): void {
  for (const w of r.warnings) io.err.write(`warning: ${printable(w)}\n`);
  let text = formatBlock(r, width);
  // A block that only displays: its tables are the answer, an empty summary table is noise.
  if (r.outputs.length && !r.variables.length && !r.errors.length) text = text.replace(/\n\n\[SUMMARY\][^]*$/, '');
  if (text) io.out.write(`${text}\n`);
  for (const e of r.errors) io.err.write(`${formatError(e)}\n`);
}

/** `.vars`: every variable of the session with its type and counts, as the execution summary shows them. */
export function formatVariables(names: readonly string[], summaries: ReadonlyMap<string, VariableSummary>, width: number): string {
  if (!names.length) return '(no variables yet)';
  const known = names.map((n) => summaries.get(n) ?? { name: n, type: '?', entities: '?', records: '?' });
  const rowsOf = (v: object): number | undefined => (v as { rows?: number }).rows;
  const withRows = known.some((v) => rowsOf(v) !== undefined);
  const columns = ['VARIABLE', 'TYPE', '#(ENTITIES)', '#(RECORDS)', ...(withRows ? ['#(ROWS)'] : [])];
  const rows = known.map((v) => [v.name, v.type, v.entities, v.records, ...(withRows ? [rowsOf(v) ?? null] : [])]);
  return formatTable(columns, rows, { width });
}
