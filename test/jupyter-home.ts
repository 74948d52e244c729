import * as fs from 'node:fs';
import * as path from 'node:path';
import { installKernelspec } from '../src/cli/kernelspec/install-kernelspec';

/**
 * The environment Jupyter's Python tools run the kestrel-ts kernel in, inside `tmp` so that nothing touches the
 * user's setup: the kernelspec installed under tmp/prefix, fresh home, data, runtime and config folders, and no
 * kestrel.yaml.
 */
export function jupyterHome(tmp: string): NodeJS.ProcessEnv {
  const prefix = path.join(tmp, 'prefix');
  installKernelspec({ prefix });
  const dirs = Object.fromEntries(['home', 'data', 'runtime', 'config'].map((d) => [d, path.join(tmp, d)]));
  for (const d of Object.values(dirs)) fs.mkdirSync(d);
  return {
    PATH: process.env.PATH,
    HOME: dirs.home,
    JUPYTER_PATH: path.join(prefix, 'share', 'jupyter'),
    JUPYTER_DATA_DIR: dirs.data,
    JUPYTER_RUNTIME_DIR: dirs.runtime,
    JUPYTER_CONFIG_DIR: dirs.config,
    KESTREL_CONFIG: path.join(tmp, 'no-kestrel.yaml'),
  };
}
