import { spawnSync } from 'node:child_process';

/** The Python the Jupyter and networkx tests run: Debian's, unless KESTREL_PYTHON names another. */
export const PYTHON = process.env.KESTREL_PYTHON ?? '/usr/bin/python3';

/** Why PYTHON cannot import `modules` (with the install command `install`), or undefined when it can. */
export function pythonMissing(modules: readonly string[], install: string): string | undefined {
  const r = spawnSync(PYTHON, ['-c', modules.map((m) => `import ${m}`).join('; ')], { encoding: 'utf8' });
  if (r.error) return `${PYTHON} does not run (${r.error.message}): ${install}, or set KESTREL_PYTHON`;
  if (r.status !== 0) return `${PYTHON} cannot import ${modules.join(', ')}: ${install}, or set KESTREL_PYTHON`;
  return undefined;
}
