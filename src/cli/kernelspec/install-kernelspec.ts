import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { KEYWORDS } from '../../lang/keywords';
import { KestrelError } from '../../model/errors';
import { codemirrorModeScript } from './codemirror-mode';
import { kernelJson } from './kernel-json';

export interface InstallOptions {
  /** Into the user's Jupyter data folder. */
  user?: boolean;
  /** Into PREFIX/share/jupyter/kernels (default /usr/local, Jupyter's system-wide place). */
  prefix?: string;
  /** The kernel's folder name, which Jupyter lists (default kestrel-ts). */
  name?: string;
}

export const DEFAULT_KERNEL_NAME = 'kestrel-ts';

/** Jupyter's per-user data folder, as jupyter_core finds it. */
function userDataDir(): string {
  if (process.env.JUPYTER_DATA_DIR) return process.env.JUPYTER_DATA_DIR;
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Jupyter');
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? os.homedir(), 'jupyter');
  return path.join(process.env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share'), 'jupyter');
}

/** bin/kestrel.js of this installation. */
function kestrelBin(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const bin = path.join(dir, 'bin', 'kestrel.js');
    if (fs.existsSync(bin)) return bin;
  }
  throw new KestrelError('E_KERNEL', 'cannot find bin/kestrel.js above this installation', { hint: 'install kestrel-ts with npm and run its `kestrel`' });
}

/** Writes the kernelspec folder (kernel.json, kernel.js) and returns it; E_KERNEL when it cannot be written. */
export function installKernelspec(options: InstallOptions = {}): string {
  const name = options.name ?? DEFAULT_KERNEL_NAME;
  if (!/^[A-Za-z0-9._-]+$/.test(name)) {
    throw new KestrelError('E_KERNEL', `kernel name ${JSON.stringify(name)} is not allowed`, { hint: 'Jupyter kernel names use letters, digits, ".", "_" and "-"' });
  }
  const base = options.user ? userDataDir() : path.join(path.resolve(options.prefix ?? '/usr/local'), 'share', 'jupyter');
  const dir = path.join(base, 'kernels', name);
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'kernel.json'), `${JSON.stringify(kernelJson(process.execPath, kestrelBin()), null, 2)}\n`);
    fs.writeFileSync(path.join(dir, 'kernel.js'), codemirrorModeScript(KEYWORDS));
  } catch (e) {
    throw new KestrelError('E_KERNEL', `cannot write the kernelspec to ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, {
      file: dir, hint: options.user ? 'check the permissions of that folder' : 'use --user, or a --prefix you can write to',
    });
  }
  return dir;
}
