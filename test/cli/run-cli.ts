import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { FIXTURES } from '../hunt';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A fixture's absolute path, for huntflows written to a temporary folder. */
export const fixture = (name: string): string => path.join(FIXTURES, name);

/** Writes huntflows into a fresh temporary folder; `cleanup` removes it. */
export function huntflowDir(): { write: (name: string, text: string) => string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kestrel-cli-'));
  return {
    write: (name, text) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, text);
      return file;
    },
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** Runs `kestrel <args>` in process with stdout and stderr captured, and the terminal `columns` wide. */
export async function kestrel(args: string[], columns?: number): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const capture = (into: string[]) => (chunk: string | Uint8Array) => {
    into.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  };
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(capture(out) as typeof process.stdout.write);
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(capture(err) as typeof process.stderr.write);
  const saved = Object.getOwnPropertyDescriptor(process.stdout, 'columns');
  Object.defineProperty(process.stdout, 'columns', { value: columns, configurable: true, writable: true });
  try {
    const code = await main(['node', 'kestrel', ...args]);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
    if (saved) Object.defineProperty(process.stdout, 'columns', saved);
    else delete (process.stdout as { columns?: number }).columns;
  }
}
