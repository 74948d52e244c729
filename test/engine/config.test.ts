import { rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  configFilePath,
  DEFAULT_CONFIG,
  expandEnvVars,
  loadConfig,
  parseConfig,
  sessionSettings,
  type KestrelConfig,
} from '../../src/engine/config';
import { tempHome } from '../temp-home';
import { thrown } from '../thrown';

let tmp: string;
let home: string;
let cwd: string;
let defaultFile: string;

beforeEach(() => {
  ({ tmp, home, cwd } = tempHome('kestrel-config-'));
  defaultFile = path.join(home, '.config', 'kestrel', 'kestrel.yaml');
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

function load(yaml?: string, env: Record<string, string> = {}): KestrelConfig {
  if (yaml !== undefined) writeFileSync(defaultFile, yaml);
  return loadConfig({ env, homeDir: home, cwd });
}

const DEFAULTS = {
  language: { defaultSortOrder: 'desc' },
  prefetch: { switchPerCommand: { get: true, find: true }, excludedEntities: ['file', 'user-account', 'x-oca-asset'] },
  stixquery: { timerangeStartOffset: -300, timerangeStopOffset: 300 },
  analytics: { timeoutSeconds: 60, profiles: {} },
};

describe('DEFAULT_CONFIG', () => {
  test('Kestrel 1.x defaults (config.yaml) plus the kestrel-ts analytics settings', () => {
    expect(DEFAULT_CONFIG).toEqual(DEFAULTS);
  });

  test('is frozen all the way down', () => {
    expect(Object.isFrozen(DEFAULT_CONFIG)).toBe(true);
    expect(Object.isFrozen(DEFAULT_CONFIG.prefetch.excludedEntities)).toBe(true);
    expect(Object.isFrozen(DEFAULT_CONFIG.prefetch.switchPerCommand)).toBe(true);
  });
});

describe('loadConfig: which file', () => {
  test('no file: the defaults, in a copy that shares nothing with DEFAULT_CONFIG', () => {
    const config = load();
    expect(config).toEqual(DEFAULTS);
    expect(config.file).toBeUndefined();
    expect(config.prefetch.excludedEntities).not.toBe(DEFAULT_CONFIG.prefetch.excludedEntities);
    config.prefetch.switchPerCommand.get = false;
    expect(DEFAULT_CONFIG.prefetch.switchPerCommand.get).toBe(true);
  });

  test('~/.config/kestrel/kestrel.yaml', () => {
    const config = load('language:\n  default_sort_order: asc\n');
    expect(config.language.defaultSortOrder).toBe('asc');
    expect(config.file).toBe(defaultFile);
  });

  test('$KESTREL_CONFIG replaces it: absolute, relative to the current directory, or under ~', () => {
    writeFileSync(defaultFile, 'language: {default_sort_order: asc}\n');
    writeFileSync(path.join(cwd, 'mine.yaml'), 'stixquery: {timerange_start_offset: -600}\n');
    const relative = load(undefined, { KESTREL_CONFIG: 'mine.yaml' });
    expect(relative.language.defaultSortOrder).toBe('desc');
    expect(relative.stixquery.timerangeStartOffset).toBe(-600);
    expect(relative.file).toBe(path.join(cwd, 'mine.yaml'));
    writeFileSync(path.join(home, 'k.yaml'), 'stixquery: {timerange_stop_offset: 60}\n');
    expect(load(undefined, { KESTREL_CONFIG: '~/k.yaml' }).stixquery.timerangeStopOffset).toBe(60);
    expect(load(undefined, { KESTREL_CONFIG: path.join(home, 'k.yaml') }).file).toBe(path.join(home, 'k.yaml'));
  });

  test('a $KESTREL_CONFIG that does not exist gives the defaults, as in Kestrel', () => {
    expect(load(undefined, { KESTREL_CONFIG: path.join(tmp, 'absent.yaml') })).toEqual(DEFAULTS);
  });

  test('configFilePath', () => {
    expect(configFilePath({ env: {}, homeDir: home, cwd })).toBe(defaultFile);
    expect(configFilePath({ env: { KESTREL_CONFIG: 'k.yaml' }, homeDir: home, cwd })).toBe(path.join(cwd, 'k.yaml'));
  });

  test('an empty file or one with only comments: the defaults', () => {
    expect(load('')).toMatchObject(DEFAULTS);
    expect(load('# nothing to change\n')).toMatchObject(DEFAULTS);
  });
});

describe('loadConfig: Kestrel\'s snake_case keys over the defaults', () => {
  test('every knob kestrel-ts uses', () => {
    const config = load([
      'language:',
      '  default_sort_order: ASC',
      'prefetch:',
      '  switch_per_command:',
      '    get: false',
      '    find: false',
      '  excluded_entities:',
      '    - file',
      '    - process',
      'stixquery:',
      '  timerange_start_offset: -600',
      '  timerange_stop_offset: 120.5',
      'analytics:',
      '  timeout_seconds: 5',
      '  profiles:',
      '    clusters: ./analytics/clusters.js',
      '    geo: ~/kestrel/geo.js',
      '    suspicious: kestrel-analytics-suspicious',
      '    abs: /opt/a.js',
    ].join('\n'));
    expect(config).toEqual({
      language: { defaultSortOrder: 'asc' },
      prefetch: { switchPerCommand: { get: false, find: false }, excludedEntities: ['file', 'process'] },
      stixquery: { timerangeStartOffset: -600, timerangeStopOffset: 120.5 },
      analytics: {
        timeoutSeconds: 5,
        profiles: {
          clusters: path.join(home, '.config', 'kestrel', 'analytics', 'clusters.js'),
          geo: path.join(home, 'kestrel', 'geo.js'),
          suspicious: 'kestrel-analytics-suspicious',
          abs: '/opt/a.js',
        },
      },
      file: defaultFile,
    });
  });

  test('a partial file keeps the other defaults, also inside a section', () => {
    const config = load('prefetch:\n  switch_per_command: {get: false}\n');
    expect(config.prefetch).toEqual({ switchPerCommand: { get: false, find: true }, excludedEntities: ['file', 'user-account', 'x-oca-asset'] });
    expect(config.language.defaultSortOrder).toBe('desc');
  });

  test('an empty excluded_entities list excludes nothing; null keeps the default', () => {
    expect(load('prefetch:\n  excluded_entities: []\n').prefetch.excludedEntities).toEqual([]);
    expect(load('prefetch:\n  excluded_entities:\nlanguage:\n').prefetch.excludedEntities).toEqual(['file', 'user-account', 'x-oca-asset']);
  });

  test('Kestrel\'s own config.yaml keys kestrel-ts does not use, and unknown keys, are ignored', () => {
    const config = load([
      'language:',
      '  default_variable: _',
      '  default_datasource_schema: stixshifter',
      'session:',
      '  cache_directory_prefix: kestrel-session-',
      '  local_database_path: local.db',
      '  show_execution_summary: true',
      'prefetch:',
      '  process_identification:',
      '    pid_name_ppid_starttime_offset: 86400',
      'stixquery:',
      '  support_id: false',
      'debug:',
      '  env_var: KESTREL_DEBUG',
      'something_new: [1, 2]',
    ].join('\n'));
    expect(config).toEqual({ ...DEFAULTS, file: defaultFile });
  });

  test('analytics profile names are looked up safely', () => {
    const { profiles } = load('analytics:\n  profiles:\n    __proto__: ./p.js\n').analytics;
    expect(Object.hasOwn(profiles, '__proto__')).toBe(true);
    expect(Object.hasOwn(profiles, 'constructor')).toBe(false);
    expect(profiles.constructor).toBeUndefined();
  });
});

describe('loadConfig: $VAR expansion', () => {
  test('$NAME and ${NAME} in string values; numbers and booleans from variables; unset variables stay', () => {
    const config = load([
      'language: {default_sort_order: "${SORT}"}',
      'prefetch:',
      '  switch_per_command: {get: $PREFETCH_GET}',
      '  excluded_entities: [$EXCLUDED, x-$UNSET_VAR]',
      'stixquery:',
      '  timerange_start_offset: $START',
      'analytics:',
      '  profiles:',
      '    a: $ANALYTICS_HOME/a.js',
    ].join('\n'), { SORT: 'asc', PREFETCH_GET: 'false', EXCLUDED: 'file', START: '-900', ANALYTICS_HOME: '/srv/analytics' });
    expect(config.language.defaultSortOrder).toBe('asc');
    expect(config.prefetch.switchPerCommand).toEqual({ get: false, find: true });
    expect(config.prefetch.excludedEntities).toEqual(['file', 'x-$UNSET_VAR']);
    expect(config.stixquery.timerangeStartOffset).toBe(-900);
    expect(config.analytics.profiles).toEqual({ a: '/srv/analytics/a.js' });
  });

  test('expandEnvVars', () => {
    const env = { A: 'x', B_2: 'y', EMPTY: '' };
    expect(expandEnvVars('$A/${B_2}/$EMPTY|$C/${C}/$ /${}', env)).toBe('x/y/|$C/${C}/$ /${}');
  });
});

describe('loadConfig: errors are E_CONFIG naming the file and line', () => {
  test('default_sort_order: sideways', () => {
    const error = thrown(() => load('# mine\nlanguage:\n  default_sort_order: sideways\n'));
    expect(error).toMatchObject({
      code: 'E_CONFIG',
      message: `${defaultFile}:3: language.default_sort_order must be asc or desc, not "sideways"`,
      file: defaultFile,
      line: 3,
      column: 23,
      hint: expect.stringContaining('asc or desc'),
    });
  });

  test('invalid YAML: line, column and excerpt from the parser', () => {
    const error = thrown(() => load('language:\n  default_sort_order: asc\nprefetch: [get\n'));
    expect(error).toMatchObject({ code: 'E_CONFIG', file: defaultFile, line: expect.any(Number), column: expect.any(Number), excerpt: expect.stringContaining('^') });
    expect(error.message).toMatch(/kestrel\.yaml:\d+:\d+: invalid YAML: /);
  });

  test('a duplicate key is invalid YAML', () => {
    expect(thrown(() => load('language:\n  default_sort_order: asc\n  default_sort_order: desc\n'))).toMatchObject({ code: 'E_CONFIG', line: 3 });
  });

  test('an alias to no anchor', () => {
    expect(thrown(() => load('prefetch:\n  excluded_entities: *nothing\n'))).toMatchObject({ code: 'E_CONFIG', file: defaultFile });
  });

  test.each([
    ['a top level that is a list', '- language\n', 'the config must be a mapping, not a list', 1],
    ['a section that is a scalar', 'language: asc\n', 'language must be a mapping, not "asc"', 1],
    ['a switch that is not a boolean', 'prefetch:\n  switch_per_command:\n    get: maybe\n', 'prefetch.switch_per_command.get must be true or false, not "maybe"', 3],
    ['excluded entities that are a string', 'prefetch:\n  excluded_entities: file\n', 'prefetch.excluded_entities must be a list, not "file"', 2],
    ['an excluded entity that is a number', 'prefetch:\n  excluded_entities: [file, 42]\n', 'prefetch.excluded_entities[1] must be a string, not 42', 2],
    ['an offset that is not a number', 'stixquery:\n  timerange_start_offset: five minutes\n', 'stixquery.timerange_start_offset must be a number, not "five minutes"', 2],
    ['a timeout of 0', 'analytics:\n  timeout_seconds: 0\n', 'analytics.timeout_seconds must be a positive number of seconds, not 0', 2],
    ['analytics profiles that are a list', 'analytics:\n  profiles: [a.js]\n', 'analytics.profiles must be a mapping, not a list', 2],
    ['an analytics module that is a number', 'analytics:\n  profiles:\n    a: 1\n', 'analytics.profiles.a must be a string, not 1', 3],
    ['a sort order that is a number', 'language:\n  default_sort_order: 1\n', 'language.default_sort_order must be a string, not 1', 2],
  ])('%s', (_what, yaml, problem, line) => {
    const error = thrown(() => load(yaml));
    expect(error).toMatchObject({ code: 'E_CONFIG', file: defaultFile, line, hint: expect.any(String) });
    expect(error.message).toBe(`${defaultFile}:${line}: ${problem}`);
  });

  test('a config path that is a directory', () => {
    const error = thrown(() => load(undefined, { KESTREL_CONFIG: tmp }));
    expect(error).toMatchObject({ code: 'E_CONFIG', file: tmp, hint: expect.stringContaining('KESTREL_CONFIG') });
  });

  test('parseConfig names the file it is given', () => {
    expect(thrown(() => parseConfig('language: [', '/etc/kestrel.yaml', { env: {}, homeDir: home }))).toMatchObject({ code: 'E_CONFIG', file: '/etc/kestrel.yaml' });
  });
});

describe('sessionSettings', () => {
  test('offsets in milliseconds, the sort order and the prefetch switches in the compiler\'s shape', () => {
    const config = load('stixquery: {timerange_start_offset: -600, timerange_stop_offset: 30}\nprefetch: {switch_per_command: {find: false}}\n');
    expect(sessionSettings(config)).toEqual({
      timeOffsets: { startMs: -600_000, stopMs: 30_000 },
      defaultSortOrder: 'desc',
      prefetch: { get: true, find: false, excludedEntities: ['file', 'user-account', 'x-oca-asset'] },
    });
  });

  test('the defaults give the session\'s built-in offsets', () => {
    expect(sessionSettings(DEFAULT_CONFIG).timeOffsets).toEqual({ startMs: -300_000, stopMs: 300_000 });
  });
});
