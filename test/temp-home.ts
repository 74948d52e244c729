import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** A fresh temporary folder with a home (holding ~/.config/kestrel) and a working directory, for config tests. */
export function tempHome(prefix: string): { tmp: string; home: string; cwd: string; configDir: string } {
  const tmp = mkdtempSync(path.join(tmpdir(), prefix));
  const home = path.join(tmp, 'home');
  const cwd = path.join(tmp, 'cwd');
  const configDir = path.join(home, '.config', 'kestrel');
  mkdirSync(configDir, { recursive: true });
  mkdirSync(cwd);
  return { tmp, home, cwd, configDir };
}
