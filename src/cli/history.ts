import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Entries kept, in memory and on disk. */
export const HISTORY_SIZE = 1000;

/**
 * Where the REPL keeps its history: `$KESTREL_HISTORY` (empty: no history file), else
 * `$XDG_STATE_HOME/kestrel/history`, else `~/.local/state/kestrel/history`.
 */
export function defaultHistoryFile(env: NodeJS.ProcessEnv = process.env, home = os.homedir()): string | undefined {
  const explicit = env.KESTREL_HISTORY;
  if (explicit !== undefined) return explicit.trim() === '' ? undefined : explicit;
  const state = env.XDG_STATE_HOME && path.isAbsolute(env.XDG_STATE_HOME) ? env.XDG_STATE_HOME : path.join(home, '.local', 'state');
  return path.join(state, 'kestrel', 'history');
}

/**
 * One entry a line, oldest first. A multi-line entry (or one that starts with a double quote) is written
 * as a JSON string so that it stays one entry; every other entry is written as typed, so the file reads
 * and greps like any shell history.
 */
export function encodeEntry(entry: string): string {
  return /[\r\n]/.test(entry) || entry.startsWith('"') ? JSON.stringify(entry) : entry;
}

export function decodeEntry(line: string): string {
  if (line.startsWith('"')) {
    try {
      const value: unknown = JSON.parse(line);
      if (typeof value === 'string') return value;
    } catch {
      // not one of ours: keep the line as it is
    }
  }
  return line;
}

/** The entries of a history file, oldest first, at most `size`; none when the file does not exist. */
export function readHistory(file: string, size = HISTORY_SIZE): string[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const entries = text.split('\n').filter((l) => l.trim() !== '').map((l) => decodeEntry(l.replace(/\r$/, '')));
  return entries.slice(-size);
}

/** Writes the last `size` entries, creating the folder; private to the user, as shell histories are. */
export function writeHistory(file: string, entries: readonly string[], size = HISTORY_SIZE): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, entries.slice(-size).map((e) => `${encodeEntry(e)}\n`).join(''), { mode: 0o600 });
  fs.renameSync(tmp, file);
}

/**
 * The REPL's history: loaded at start, saved after every entry. Saving re-reads the file first, so two
 * REPLs open at once both keep their entries.
 */
export class History {
  /** Oldest first. */
  readonly entries: string[];
  private failed = false;

  constructor(
    readonly file: string | undefined,
    private readonly onError: (message: string) => void = () => {},
    readonly size = HISTORY_SIZE,
  ) {
    this.entries = [];
    if (!file) return;
    try {
      this.entries.push(...readHistory(file, size));
    } catch (e) {
      this.fail('read', e);
    }
  }

  /** Adds an entry (trailing blanks trimmed; blank entries and repeats of the last one are skipped). */
  add(entry: string): void {
    const text = entry.replace(/\s+$/, '');
    if (!text.trim() || this.entries[this.entries.length - 1] === text) return;
    this.entries.push(text);
    if (this.entries.length > this.size) this.entries.splice(0, this.entries.length - this.size);
    if (!this.file || this.failed) return;
    try {
      const onDisk = readHistory(this.file, this.size);
      if (onDisk[onDisk.length - 1] !== text) onDisk.push(text);
      writeHistory(this.file, onDisk, this.size);
    } catch (e) {
      this.fail('write', e);
    }
  }

  /** Newest first, as node:readline wants its `history`. */
  newestFirst(): string[] {
    return [...this.entries].reverse();
  }

  private fail(what: string, e: unknown): void {
    this.failed = true;
    const reason = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    this.onError(`cannot ${what} the history file ${this.file}: ${reason}; history is not saved in this session`);
  }
}
