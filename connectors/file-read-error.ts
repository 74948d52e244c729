import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { KestrelError } from '../src/model/errors';
import { closestName } from './profiles/closest-name';

/**
 * E_DATA_SOURCE for a local data file that cannot be opened, from the error Node gave: missing, a directory,
 * not readable, or another reason. `expected` says what to name inside a directory ("a STIX bundle file") and
 * what the file should be ("a readable STIX bundle").
 */
export function fileReadError(filePath: string, e: unknown, expected: { inFolder: string; file: string }): KestrelError {
  const code = (e as NodeJS.ErrnoException).code;
  const [what, hint] =
    code === 'ENOENT'
      ? ['no such file', nearFile(filePath) ?? 'check the path; relative paths resolve against the huntflow folder']
      : code === 'EISDIR'
        ? ['is a directory', `name ${expected.inFolder} inside it`]
        : code === 'EACCES' || code === 'EPERM'
          ? ['permission denied', 'check that the file is readable']
          : [`cannot be read (${code ?? (e as Error).message})`, `check that the file is ${expected.file}`];
  return new KestrelError('E_DATA_SOURCE', `${filePath}: ${what}`, { file: filePath, hint });
}

/** "did you mean X?" for a file of the missing file's folder whose name is close to the one written. */
function nearFile(filePath: string): string | undefined {
  let names: string[];
  try {
    names = readdirSync(path.dirname(filePath));
  } catch {
    return undefined;
  }
  const near = closestName(path.basename(filePath), names);
  return near && `did you mean ${near}? (relative paths resolve against the huntflow folder)`;
}
