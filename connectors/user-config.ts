import { existsSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { KestrelError } from '../src/model/errors';
import { expandEnvVars, isPlainObject, setOwn, type Env, type PlainObject } from './profiles/plain-values';

export interface UserConfigOptions {
  env?: Env;
  homeDir?: string;
  cwd?: string;
}

/** Where Kestrel reads an interface's config: `$ENV_VAR` (with `~` expanded), else `~/.config/kestrel/FILE`. */
export function userConfigPath(envVar: string, fileName: string, { env = process.env, homeDir = os.homedir(), cwd = process.cwd() }: UserConfigOptions = {}): string {
  const fromEnv = env[envVar];
  if (fromEnv) return path.resolve(cwd, fromEnv === '~' || fromEnv.startsWith('~/') ? path.join(homeDir, fromEnv.slice(1)) : fromEnv);
  return path.join(homeDir, '.config', 'kestrel', fileName);
}

/**
 * An interface config file read as Kestrel 2 reads it (`kestrel.config.utils.load_user_config`): `$VAR` expanded
 * in the text, then every string value ending in `.yaml` replaced by that YAML file's content (relative to the
 * config's folder: a datasource's `data_model_map`). A missing file is `{}`; an unreadable one is `code`.
 */
export function loadUserConfig(envVar: string, fileName: string, code: string, options: UserConfigOptions = {}): { file: string; config: PlainObject } {
  const env = options.env ?? process.env;
  const file = userConfigPath(envVar, fileName, options);
  if (!existsSync(file)) return { file, config: {} };
  const config = readYaml(file, env, code, `set ${envVar} or fix ${file}`);
  if (!isPlainObject(config)) throw new KestrelError(code, `${file}: expected a mapping at the top`, { file, hint: `set ${envVar} or fix ${file}: it holds name: value lines` });
  return { file, config: withLeafYaml(config, path.dirname(file), env, code) as PlainObject };
}

function readYaml(file: string, env: Env, code: string, hint: string): unknown {
  try {
    return parse(expandEnvVars(readFileSync(file, 'utf8'), env));
  } catch (e) {
    throw new KestrelError(code, `${file}: cannot be read as YAML (${(e as Error).message.split('\n')[0]})`, { file, hint });
  }
}

function withLeafYaml(value: unknown, dir: string, env: Env, code: string): unknown {
  if (typeof value === 'string' && value.endsWith('.yaml')) {
    const leaf = path.resolve(dir, value);
    if (!existsSync(leaf)) throw new KestrelError(code, `${leaf}: no such file (named in the config as ${value})`, { file: leaf, hint: 'a relative path resolves against the config file\'s folder' });
    return readYaml(leaf, env, code, 'fix the YAML');
  }
  if (!isPlainObject(value)) return value;
  const out: PlainObject = {};
  for (const [k, v] of Object.entries(value)) setOwn(out, k, withLeafYaml(v, dir, env, code));
  return out;
}
