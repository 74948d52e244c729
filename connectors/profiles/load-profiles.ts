import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LineCounter, parseDocument, isMap, isScalar } from 'yaml';
import { KestrelError } from '../../src/model/errors';
import { describe, expandDeep, isPlainObject, mergeNested, type Env, type PlainObject } from './plain-values';

/**
 * One data-source profile as loaded, before it is checked: Kestrel checks a profile when a hunt uses it, so a
 * broken profile the hunt does not name stops nothing.
 */
export interface Profile {
  /** Lower-cased, as Kestrel does: `stixshifter://HOST101` and `stixshifter://host101` are one profile. */
  name: string;
  /** `{connector, connection, config}` as written: the file's values (with `$VAR` expanded), then the env vars'. */
  settings: unknown;
  /** Against which a relative `connection.host` resolves: the profile file's folder, or the current directory when the host came from an env var. */
  baseDir: string;
  /** Where the profile was defined, for messages: `FILE:LINE` and/or environment variable names. */
  definedIn: string[];
  /** The profile file, when the profile is (partly) defined there. */
  file?: string;
  line?: number;
  /** A problem found while loading (bad JSON in an env var): thrown when the profile is used. */
  problem?: KestrelError;
}

export type Profiles = ReadonlyMap<string, Profile>;

export interface LoadProfilesOptions {
  /** Where `KESTREL_STIXSHIFTER_CONFIG`, `STIXSHIFTER_*` and `$VAR` values come from. */
  env?: Env;
  homeDir?: string;
  /** Against which a relative `$KESTREL_STIXSHIFTER_CONFIG` and env-var hosts resolve. */
  cwd?: string;
}

export const PROFILE_PATH_ENV_VAR = 'KESTREL_STIXSHIFTER_CONFIG';
export const ENV_VAR_PREFIX = 'STIXSHIFTER_';
const SECTIONS = new Set(['connector', 'connection', 'config']);

/** `$KESTREL_STIXSHIFTER_CONFIG` (with `~` expanded) or `~/.config/kestrel/stixshifter.yaml`. */
export function profilesFilePath({ env = process.env, homeDir = os.homedir(), cwd = process.cwd() }: LoadProfilesOptions = {}): string {
  const fromEnv = env[PROFILE_PATH_ENV_VAR];
  if (fromEnv) return path.resolve(cwd, fromEnv === '~' || fromEnv.startsWith('~/') ? path.join(homeDir, fromEnv.slice(1)) : fromEnv);
  return path.join(homeDir, '.config', 'kestrel', 'stixshifter.yaml');
}

/**
 * Every profile, by lower-cased name: those of the profile file, then the `STIXSHIFTER_<PROFILE>_CONNECTOR`,
 * `_CONNECTION` (JSON) and `_CONFIG` (JSON) environment variables, which override the file key by key (Kestrel's
 * update_nested_dict). A missing file gives no profiles. Throws E_DATA_SOURCE_PROFILE when the file cannot be
 * read or is not YAML of the right shape; problems of one profile wait until the profile is used.
 */
export function loadProfiles(options: LoadProfilesOptions = {}): Profiles {
  const { env = process.env, cwd = process.cwd() } = options;
  const profiles = new Map<string, Profile>();
  const file = profilesFilePath(options);
  for (const profile of readProfileFile(file, env)) profiles.set(profile.name, profile);
  for (const variable of Object.keys(env).filter((v) => v.startsWith(ENV_VAR_PREFIX)).sort()) {
    const raw = env[variable];
    const items = variable.toLowerCase().split('_');
    const section = items[items.length - 1];
    const name = items.slice(1, -1).join('_');
    if (raw === undefined || name === '' || !SECTIONS.has(section)) continue;
    const profile = profiles.get(name) ?? { name, settings: {}, baseDir: cwd, definedIn: [] };
    profiles.set(name, profile);
    profile.definedIn.push(variable);
    let value: unknown = raw.trim();
    if (section !== 'connector') {
      try {
        value = JSON.parse(raw);
      } catch (e) {
        // JSON.parse's message can quote the value, and a _CONFIG value holds secrets: give only the position.
        const at = / at position (\d+)/.exec((e as Error).message);
        profile.problem ??= badEnvVar(name, variable, section, `is not valid JSON${at ? ` (error at character ${Number(at[1]) + 1})` : ''}`);
        continue;
      }
      if (!isPlainObject(value)) {
        profile.problem ??= badEnvVar(name, variable, section, `must be a JSON object, not ${describe(value)}`);
        continue;
      }
      if (section === 'connection' && Object.hasOwn(value, 'host')) profile.baseDir = cwd;
    }
    profile.settings = mergeNested(isPlainObject(profile.settings) ? profile.settings : {}, { [section]: value });
  }
  return profiles;
}

function readProfileFile(file: string, env: Env): Profile[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return [];
    throw new KestrelError('E_DATA_SOURCE_PROFILE', `${file}: cannot read the data-source profiles (${code ?? (e as Error).message})`, {
      file,
      hint: `check that ${file} is a readable YAML file, or point $${PROFILE_PATH_ENV_VAR} at one`,
    });
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const fileError = (message: string, offset: number | undefined, hint: string): KestrelError => {
    const pos = offset === undefined ? undefined : lines.linePos(offset);
    const source = pos ? text.split(/\r?\n/)[pos.line - 1] ?? '' : '';
    return new KestrelError('E_DATA_SOURCE_PROFILE', `${file}${pos ? `:${pos.line}:${pos.col}` : ''}: ${message}`, {
      file,
      ...(pos ? { line: pos.line, column: pos.col, excerpt: `${source}\n${' '.repeat(pos.col - 1)}^` } : {}),
      hint,
    });
  };
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    throw fileError(`invalid YAML: ${error.message}`, error.pos[0], 'the profile file is YAML: "profiles:", then one indented mapping per profile');
  }
  let root: unknown;
  try {
    root = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw fileError(`invalid YAML: ${(e as Error).message}`, undefined, 'check the anchors (&name) and aliases (*name) in the file');
  }
  if (root === null || root === undefined) return [];
  const shape = 'profiles:\n  host101:\n    connector: stix_bundle\n    connection:\n      host: https://…/bundle.json';
  if (!isPlainObject(root)) throw fileError(`must be a YAML mapping, not ${describe(root)}`, doc.contents?.range?.[0], `write ${shape}`);
  const section = Object.hasOwn(root, 'profiles') ? root.profiles : undefined;
  if (section === undefined || section === null) return [];
  const node = doc.get('profiles', true);
  if (!isPlainObject(section)) {
    throw fileError(`"profiles" must be a mapping of profile names, not ${describe(section)}`, rangeStart(node), `write ${shape}`);
  }
  const keyLines = new Map<string, number>();
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = pair.key;
      if (isScalar(key) && key.range) keyLines.set(String(key.value), lines.linePos(key.range[0]).line);
    }
  }
  const seen = new Map<string, string>();
  return Object.keys(section).map((written) => {
    const name = written.toLowerCase();
    const other = seen.get(name);
    if (other !== undefined) {
      throw fileError(`profiles "${other}" and "${written}" have one name: profile names are case-insensitive`,
        rangeStart(doc.getIn(['profiles', written], true)), 'rename or remove one of them');
    }
    seen.set(name, written);
    const line = keyLines.get(written);
    return {
      name,
      settings: expandDeep((section as PlainObject)[written], env),
      baseDir: path.dirname(file),
      definedIn: [line === undefined ? file : `${file}:${line}`],
      file,
      ...(line === undefined ? {} : { line }),
    };
  });
}

function rangeStart(node: unknown): number | undefined {
  return (node as { range?: [number, number, number] } | undefined)?.range?.[0];
}

function badEnvVar(name: string, variable: string, section: string, problem: string): KestrelError {
  const example = section === 'connection' ? '{"host": "https://example.com/bundle.json"}' : '{"auth": {"username": "me", "password": "secret"}}';
  return new KestrelError('E_DATA_SOURCE_PROFILE', `data-source profile ${name}: environment variable ${variable} ${problem}`, {
    hint: `set it to a JSON object in single quotes, e.g. ${variable}='${example}'`,
  });
}
