import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { KestrelError } from '../model/errors';

/**
 * Kestrel-compatible configuration: the defaults of Kestrel 1.x's `config.yaml` (the knobs kestrel-ts uses),
 * overridden by the user's YAML at `$KESTREL_CONFIG` or `~/.config/kestrel/kestrel.yaml`. The YAML uses
 * Kestrel's snake_case keys; keys kestrel-ts does not use (`session`, `debug`, `stixquery.support_id`, …) are
 * ignored, so one file serves both.
 */

export type SortOrder = 'asc' | 'desc';

export interface KestrelConfig {
  language: {
    /** `language.default_sort_order`: the order of `SORT BY` without ASC/DESC. */
    defaultSortOrder: SortOrder;
  };
  prefetch: {
    /** `prefetch.switch_per_command.{get,find}`: whether GET / FIND prefetch. */
    switchPerCommand: { get: boolean; find: boolean };
    /** `prefetch.excluded_entities`: entity types never prefetched. */
    excludedEntities: readonly string[];
  };
  stixquery: {
    /** `stixquery.timerange_start_offset`, seconds (negative: earlier) added to an inferred window's start. */
    timerangeStartOffset: number;
    /** `stixquery.timerange_stop_offset`, seconds added to an inferred window's stop. */
    timerangeStopOffset: number;
  };
  /** kestrel-ts additions, for `APPLY js://name`. */
  analytics: {
    /** `analytics.timeout_seconds`: how long one analytics run may take. */
    timeoutSeconds: number;
    /**
     * `analytics.profiles`: analytics name -> module. Relative paths (`./x.js`, `../x.js`) are resolved against
     * the config file's folder and `~/` against the home folder; anything else (a package name) is kept as
     * written. A null-prototype object: look names up with `Object.hasOwn`.
     */
    profiles: Readonly<Record<string, string>>;
  };
  /** The YAML file the values were read from; absent when there is none and everything is a default. */
  file?: string;
}

export interface LoadConfigOptions {
  /** Where `KESTREL_CONFIG` and the `$VAR` values come from. */
  env?: Readonly<Record<string, string | undefined>>;
  homeDir?: string;
  /** Against which a relative `$KESTREL_CONFIG` resolves. */
  cwd?: string;
}

export const CONFIG_PATH_ENV_VAR = 'KESTREL_CONFIG';

export const DEFAULT_CONFIG: Readonly<KestrelConfig> = deepFreeze({
  language: { defaultSortOrder: 'desc' },
  prefetch: {
    switchPerCommand: { get: true, find: true },
    excludedEntities: ['file', 'user-account', 'x-oca-asset'],
  },
  stixquery: { timerangeStartOffset: -300, timerangeStopOffset: 300 },
  analytics: { timeoutSeconds: 60, profiles: Object.create(null) as Record<string, string> },
});

/** The path of the user's config file: `$KESTREL_CONFIG` (with `~` expanded) or `~/.config/kestrel/kestrel.yaml`. */
export function configFilePath({ env = process.env, homeDir = os.homedir(), cwd = process.cwd() }: LoadConfigOptions = {}): string {
  const fromEnv = env[CONFIG_PATH_ENV_VAR];
  if (fromEnv) return path.resolve(cwd, expandHome(fromEnv, homeDir));
  return path.join(homeDir, '.config', 'kestrel', 'kestrel.yaml');
}

/**
 * The configuration: defaults merged with the user's YAML. A missing file gives the defaults (as in Kestrel);
 * an unreadable file, bad YAML or a value of the wrong type throws E_CONFIG naming the file (and the line).
 */
export function loadConfig(options: LoadConfigOptions = {}): KestrelConfig {
  const { env = process.env, homeDir = os.homedir() } = options;
  const file = configFilePath(options);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return defaults();
    throw new KestrelError('E_CONFIG', `${file}: cannot read the Kestrel config (${code ?? (e as Error).message})`, {
      file,
      hint: `check that ${file} is a readable YAML file, or point $${CONFIG_PATH_ENV_VAR} at one`,
    });
  }
  return parseConfig(text, file, { env, homeDir });
}

/** The configuration from YAML text read from `file` (used in messages and to resolve relative module paths). */
export function parseConfig(
  text: string,
  file: string,
  { env = process.env, homeDir = os.homedir() }: Pick<LoadConfigOptions, 'env' | 'homeDir'> = {},
): KestrelConfig {
  const yaml = text.replace(/^\uFEFF/, '');
  const lines = new LineCounter();
  const doc = parseDocument(yaml, { lineCounter: lines, prettyErrors: false });
  const at = (offset: number | undefined) => (offset === undefined ? undefined : lines.linePos(offset));
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    const pos = at(error.pos[0]);
    throw new KestrelError('E_CONFIG', `${file}${pos ? `:${pos.line}:${pos.col}` : ''}: invalid YAML: ${error.message}`, {
      file,
      ...(pos ? { line: pos.line, column: pos.col, excerpt: excerpt(yaml, pos.line, pos.col) } : {}),
      hint: 'the Kestrel config is YAML: nested keys indented with spaces, e.g. "language:\\n  default_sort_order: asc"',
    });
  }
  let root: unknown;
  try {
    root = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw new KestrelError('E_CONFIG', `${file}: invalid YAML: ${(e as Error).message}`, {
      file,
      hint: 'check the YAML anchors (&name) and aliases (*name) in the file',
    });
  }
  const reader: ConfigReader = new ConfigReader(root, file, doc, lines, env);
  const config = defaults();
  config.file = file;
  reader.section([]);
  const sortOrder = reader.string(['language', 'default_sort_order']);
  if (sortOrder !== undefined) {
    const order = sortOrder.toLowerCase();
    if (order !== 'asc' && order !== 'desc') {
      reader.fail(['language', 'default_sort_order'], `must be asc or desc, not ${JSON.stringify(sortOrder)}`,
        'default_sort_order is the order of SORT BY without ASC or DESC: asc or desc (Kestrel\'s default is desc)');
    }
    config.language.defaultSortOrder = order;
  }
  for (const command of ['get', 'find'] as const) {
    const on = reader.boolean(['prefetch', 'switch_per_command', command]);
    if (on !== undefined) config.prefetch.switchPerCommand[command] = on;
  }
  const excluded = reader.stringList(['prefetch', 'excluded_entities']);
  if (excluded !== undefined) config.prefetch.excludedEntities = excluded;
  const start = reader.number(['stixquery', 'timerange_start_offset']);
  if (start !== undefined) config.stixquery.timerangeStartOffset = start;
  const stop = reader.number(['stixquery', 'timerange_stop_offset']);
  if (stop !== undefined) config.stixquery.timerangeStopOffset = stop;
  const timeout = reader.number(['analytics', 'timeout_seconds']);
  if (timeout !== undefined) {
    if (timeout <= 0) reader.fail(['analytics', 'timeout_seconds'], `must be a positive number of seconds, not ${timeout}`, 'e.g. timeout_seconds: 60');
    config.analytics.timeoutSeconds = timeout;
  }
  const profiles = reader.stringMap(['analytics', 'profiles']);
  if (profiles !== undefined) {
    const dir = path.dirname(file);
    const resolved = Object.create(null) as Record<string, string>;
    for (const [name, module] of profiles) resolved[name] = resolveModule(module, dir, homeDir);
    config.analytics.profiles = resolved;
  }
  return config;
}

/** What the session and compiler take from the config, in their shapes (`timeOffsets` in ms, prefetch flat). */
export interface SessionSettings {
  timeOffsets: { startMs: number; stopMs: number };
  defaultSortOrder: SortOrder;
  prefetch: { get: boolean; find: boolean; excludedEntities: readonly string[] };
}

export function sessionSettings(config: KestrelConfig): SessionSettings {
  return {
    timeOffsets: { startMs: config.stixquery.timerangeStartOffset * 1000, stopMs: config.stixquery.timerangeStopOffset * 1000 },
    defaultSortOrder: config.language.defaultSortOrder,
    prefetch: { ...config.prefetch.switchPerCommand, excludedEntities: config.prefetch.excludedEntities },
  };
}

const ENV_REFERENCE = /\$(?:([A-Za-z0-9_]+)|\{([^}]*)\})/g;

/**
 * Kestrel's environment expansion (Python's os.path.expandvars): `$NAME` and `${NAME}` become the variable's
 * value; a variable that is not set stays as written.
 */
export function expandEnvVars(text: string, env: Readonly<Record<string, string | undefined>> = process.env): string {
  return text.replace(ENV_REFERENCE, (whole, bare: string | undefined, braced: string | undefined) => {
    const name = bare ?? braced ?? '';
    const value = Object.hasOwn(env, name) ? env[name] : undefined;
    return value ?? whole;
  });
}

type Key = string | number;

/** Reads typed values from the parsed YAML; a value of the wrong type fails with the file and its line. */
class ConfigReader {
  constructor(
    private readonly root: unknown,
    private readonly file: string,
    private readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
    private readonly env: Readonly<Record<string, string | undefined>>,
  ) {}

  /** The mapping at `keys`, undefined when absent or null; anything else fails. */
  section(keys: Key[]): Record<string, unknown> | undefined {
    const value = keys.length === 0 ? this.root : this.value(keys);
    if (value === undefined || value === null) return undefined;
    if (isPlainObject(value)) return value;
    return this.fail(keys, `must be a mapping, not ${describe(value)}`,
      keys.length === 0 ? 'the Kestrel config is a YAML mapping, e.g. "language:\\n  default_sort_order: asc"' : `write ${keys.join('.')} as nested keys`);
  }

  string(keys: Key[]): string | undefined {
    const value = this.value(keys);
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') return this.fail(keys, `must be a string, not ${describe(value)}`, 'quote it');
    return expandEnvVars(value, this.env).trim();
  }

  boolean(keys: Key[]): boolean | undefined {
    const value = this.value(keys);
    if (value === undefined || value === null || typeof value === 'boolean') return value ?? undefined;
    const text = typeof value === 'string' ? expandEnvVars(value, this.env).trim().toLowerCase() : undefined;
    if (text === 'true' || text === 'false') return text === 'true';
    return this.fail(keys, `must be true or false, not ${describe(value)}`, `e.g. ${keys[keys.length - 1]}: false`);
  }

  /** A number, or a string that reads as one (what `$VAR` expansion gives Kestrel). */
  number(keys: Key[]): number | undefined {
    const value = this.value(keys);
    if (value === undefined || value === null) return undefined;
    const n = typeof value === 'number' ? value : typeof value === 'string' ? toNumber(expandEnvVars(value, this.env)) : NaN;
    if (!Number.isFinite(n)) return this.fail(keys, `must be a number, not ${describe(value)}`, `e.g. ${keys[keys.length - 1]}: 300 (seconds)`);
    return n;
  }

  stringList(keys: Key[]): string[] | undefined {
    const value = this.value(keys);
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) return this.fail(keys, `must be a list, not ${describe(value)}`, `e.g. ${keys[keys.length - 1]}: [file, user-account]`);
    return value.map((item, i) => {
      if (typeof item !== 'string') return this.fail([...keys, i], `must be a string, not ${describe(item)}`, 'list entity type names, e.g. [file, user-account]');
      return expandEnvVars(item, this.env).trim();
    });
  }

  stringMap(keys: Key[]): [string, string][] | undefined {
    const map = this.section(keys);
    if (map === undefined) return undefined;
    return Object.keys(map).map((name) => [name, this.string([...keys, name]) ?? this.fail([...keys, name], 'must be a module path, not null', `e.g. ${name}: ./analytics/${name}.js`)]);
  }

  fail(keys: Key[], problem: string, hint: string): never {
    const node = keys.length === 0 ? this.doc.contents : this.doc.getIn(keys, true);
    const offset = (node as { range?: [number, number, number] } | undefined)?.range?.[0];
    const pos = offset === undefined ? undefined : this.lines.linePos(offset);
    const where = pos ? `${this.file}:${pos.line}` : this.file;
    const name = keys.length === 0 ? 'the config' : keys.map((k) => (typeof k === 'number' ? `[${k}]` : k)).join('.').replace(/\.\[/g, '[');
    throw new KestrelError('E_CONFIG', `${where}: ${name} ${problem}`, {
      file: this.file,
      ...(pos ? { line: pos.line, column: pos.col } : {}),
      hint,
    });
  }

  /** The value at `keys`; an intermediate that is present but not a mapping fails. */
  private value(keys: Key[]): unknown {
    let value: unknown = this.root;
    for (let i = 0; i < keys.length; i++) {
      if (value === undefined || value === null) return undefined;
      const key = keys[i];
      if (typeof key === 'number') {
        value = (value as unknown[])[key];
        continue;
      }
      if (!isPlainObject(value)) this.section(keys.slice(0, i));
      value = Object.hasOwn(value as object, key) ? (value as Record<string, unknown>)[key] : undefined;
    }
    return value;
  }
}

function defaults(): KestrelConfig {
  return {
    language: { ...DEFAULT_CONFIG.language },
    prefetch: {
      switchPerCommand: { ...DEFAULT_CONFIG.prefetch.switchPerCommand },
      excludedEntities: [...DEFAULT_CONFIG.prefetch.excludedEntities],
    },
    stixquery: { ...DEFAULT_CONFIG.stixquery },
    analytics: { timeoutSeconds: DEFAULT_CONFIG.analytics.timeoutSeconds, profiles: Object.create(null) as Record<string, string> },
  };
}

function resolveModule(module: string, dir: string, homeDir: string): string {
  if (module === '~' || module.startsWith('~/')) return path.join(homeDir, module.slice(1));
  if (module.startsWith('./') || module.startsWith('../') || module === '.' || module === '..') return path.resolve(dir, module);
  return module;
}

function expandHome(p: string, homeDir: string): string {
  return p === '~' || p.startsWith('~/') ? path.join(homeDir, p.slice(1)) : p;
}

function toNumber(text: string): number {
  const t = text.trim();
  return /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i.test(t) ? Number(t) : NaN;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Map) && !(value instanceof Set);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  return String(value);
}

function excerpt(text: string, line: number, column: number): string {
  const source = text.split(/\r?\n/)[line - 1] ?? '';
  return `${source}\n${' '.repeat(Math.max(0, column - 1))}^`;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
    Object.freeze(value);
  }
  return value;
}
