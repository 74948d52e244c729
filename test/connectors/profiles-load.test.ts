import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { checkProfile, loadProfiles, profilesFilePath, type Profile } from '../../connectors/profiles';
import { tempHome } from '../temp-home';
import { thrown } from '../thrown';

let tmp: string;
let home: string;
let cwd: string;

beforeEach(() => {
  ({ tmp, home, cwd } = tempHome('profiles-load-'));
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

/** Writes the default profile file, ~/.config/kestrel/stixshifter.yaml. */
function writeDefaultFile(yaml: string): string {
  const file = path.join(home, '.config', 'kestrel', 'stixshifter.yaml');
  writeFileSync(file, yaml);
  return file;
}

function load(env: Record<string, string> = {}) {
  return loadProfiles({ env, homeDir: home, cwd });
}

function profile(env: Record<string, string>, name: string): Profile {
  const p = load(env).get(name);
  if (!p) throw new Error(`no profile ${name}`);
  return p;
}

const TWO_PROFILES = `# Kestrel's stixshifter.yaml, with stix_bundle connectors
profiles:
  Host101:
    connector: stix_bundle
    connection:
      host: https://example.com/bundle-101.json
      port: 443
      options:
        retrieval_batch_size: 500
    config:
      auth:
        username: null
        password: null
  host102:
    connector: stix_bundle
    connection:
      host: bundles/b.json
    config:
      auth: {}
`;

describe('loadProfiles: where profiles come from', () => {
  test('no file and no STIXSHIFTER_ variables: no profiles', () => {
    expect(load().size).toBe(0);
  });

  test('the default file ~/.config/kestrel/stixshifter.yaml, names lower-cased, relative hosts against its folder', () => {
    const file = writeDefaultFile(TWO_PROFILES);
    const profiles = load();
    expect([...profiles.keys()]).toEqual(['host101', 'host102']);
    expect(profiles.get('host101')).toMatchObject({
      name: 'host101',
      settings: {
        connector: 'stix_bundle',
        connection: { host: 'https://example.com/bundle-101.json', port: 443, options: { retrieval_batch_size: 500 } },
        config: { auth: { username: null, password: null } },
      },
      baseDir: path.dirname(file),
      definedIn: [`${file}:3`],
      file,
      line: 3,
    });
    expect(profiles.get('host102')?.definedIn).toEqual([`${file}:14`]);
  });

  test('$KESTREL_STIXSHIFTER_CONFIG names another file (relative to the current directory, ~ to home)', () => {
    writeDefaultFile(TWO_PROFILES);
    writeFileSync(path.join(cwd, 'mine.yaml'), 'profiles:\n  edr:\n    connector: stix_bundle\n    connection: {host: x.json}\n');
    expect([...load({ KESTREL_STIXSHIFTER_CONFIG: 'mine.yaml' }).keys()]).toEqual(['edr']);
    expect(load({ KESTREL_STIXSHIFTER_CONFIG: 'mine.yaml' }).get('edr')?.baseDir).toBe(cwd);
    writeFileSync(path.join(home, 'other.yaml'), 'profiles:\n  siem: {connector: qradar}\n');
    expect([...load({ KESTREL_STIXSHIFTER_CONFIG: '~/other.yaml' }).keys()]).toEqual(['siem']);
    expect(profilesFilePath({ env: {}, homeDir: home, cwd })).toBe(path.join(home, '.config', 'kestrel', 'stixshifter.yaml'));
  });

  test('a $KESTREL_STIXSHIFTER_CONFIG file that does not exist gives no profiles, as in Kestrel', () => {
    expect(load({ KESTREL_STIXSHIFTER_CONFIG: path.join(tmp, 'absent.yaml') }).size).toBe(0);
  });

  test('a file without "profiles", or an empty file, gives no profiles', () => {
    writeDefaultFile('options:\n  fast_translate: [qradar]\n');
    expect(load().size).toBe(0);
    writeDefaultFile('# nothing yet\n');
    expect(load().size).toBe(0);
  });

  test('environment variables alone: STIXSHIFTER_<PROFILE>_CONNECTOR, _CONNECTION and _CONFIG (JSON)', () => {
    const p = profile({
      STIXSHIFTER_HOST103_CONNECTOR: 'stix_bundle',
      STIXSHIFTER_HOST103_CONNECTION: '{"host": "data/b.json", "options": {"verify_cert": false}}',
      STIXSHIFTER_HOST103_CONFIG: '{"auth": {"username": "me", "password": "pw"}}',
    }, 'host103');
    expect(p).toMatchObject({
      settings: {
        connector: 'stix_bundle',
        connection: { host: 'data/b.json', options: { verify_cert: false } },
        config: { auth: { username: 'me', password: 'pw' } },
      },
      baseDir: cwd,
      definedIn: ['STIXSHIFTER_HOST103_CONFIG', 'STIXSHIFTER_HOST103_CONNECTION', 'STIXSHIFTER_HOST103_CONNECTOR'],
    });
    expect(p.file).toBeUndefined();
  });

  test('a profile name with underscores, in any case, is everything between the prefix and the last part', () => {
    const profiles = load({ STIXSHIFTER_My_Edr_01_CONNECTOR: 'stix_bundle', STIXSHIFTER_MY_EDR_01_connection: '{"host": "x.json"}' });
    expect([...profiles.keys()]).toEqual(['my_edr_01']);
    expect(profiles.get('my_edr_01')?.settings).toEqual({ connector: 'stix_bundle', connection: { host: 'x.json' } });
  });

  test('other STIXSHIFTER_ variables and unrelated ones are ignored', () => {
    const profiles = load({ STIXSHIFTER_DEBUG: '1', STIXSHIFTER_HOST1_TIMEOUT: '5', KESTREL_STIXSHIFTER_DEBUG: '1', PATH: '/bin' });
    expect(profiles.size).toBe(0);
  });
});

describe('loadProfiles: environment variables override the file', () => {
  test('key by key: a JSON mapping merges into the file\'s, a scalar replaces it (Kestrel\'s update_nested_dict)', () => {
    const file = writeDefaultFile(TWO_PROFILES);
    const p = profile({
      STIXSHIFTER_HOST101_CONNECTOR: 'elastic_ecs',
      STIXSHIFTER_HOST101_CONNECTION: '{"port": 9200, "options": {"single_batch_timeout": 120}}',
      STIXSHIFTER_HOST101_CONFIG: '{"auth": {"api_key": "k"}}',
    }, 'host101');
    expect(p.settings).toEqual({
      connector: 'elastic_ecs',
      connection: {
        host: 'https://example.com/bundle-101.json',
        port: 9200,
        options: { retrieval_batch_size: 500, single_batch_timeout: 120 },
      },
      config: { auth: { username: null, password: null, api_key: 'k' } },
    });
    expect(p.baseDir).toBe(path.dirname(file));
    expect(p.definedIn).toEqual([`${file}:3`, 'STIXSHIFTER_HOST101_CONFIG', 'STIXSHIFTER_HOST101_CONNECTION', 'STIXSHIFTER_HOST101_CONNECTOR']);
  });

  test('a host from an environment variable resolves against the current directory, not the file\'s folder', () => {
    writeDefaultFile(TWO_PROFILES);
    const p = profile({ STIXSHIFTER_HOST102_CONNECTION: '{"host": "elsewhere/b.json"}' }, 'host102');
    expect(p.baseDir).toBe(cwd);
    expect((p.settings as { connection: unknown }).connection).toEqual({ host: 'elsewhere/b.json' });
  });

  test('the variable\'s profile name matches the file\'s whatever its case', () => {
    writeDefaultFile(TWO_PROFILES);
    const profiles = load({ STIXSHIFTER_HOST101_CONNECTOR: 'qradar' });
    expect(profiles.size).toBe(2);
    expect((profiles.get('host101')?.settings as { connector: string }).connector).toBe('qradar');
  });
});

describe('loadProfiles: $VAR expansion in the file, as Kestrel does', () => {
  test('$NAME and ${NAME} in values expand; unset variables stay as written; env-var JSON is taken as is', () => {
    writeDefaultFile([
      'profiles:',
      '  host101:',
      '    connector: stix_bundle',
      '    connection:',
      '      host: ${BUNDLES}/b.json,$BUNDLES/c.json',
      '    config:',
      '      auth: {username: $USER_NAME, password: "${HOST101_PASSWORD}", token: $NOT_SET}',
    ].join('\n'));
    const env = { BUNDLES: '/data/bundles', USER_NAME: 'hunter', HOST101_PASSWORD: 's3cret', STIXSHIFTER_HOST102_CONNECTION: '{"host": "$BUNDLES/d.json"}' };
    const profiles = load(env);
    expect(profiles.get('host101')?.settings).toEqual({
      connector: 'stix_bundle',
      connection: { host: '/data/bundles/b.json,/data/bundles/c.json' },
      config: { auth: { username: 'hunter', password: 's3cret', token: '$NOT_SET' } },
    });
    expect(profiles.get('host102')?.settings).toEqual({ connection: { host: '$BUNDLES/d.json' } });
  });
});

describe('loadProfiles: a broken file is E_DATA_SOURCE_PROFILE naming it', () => {
  test('invalid YAML, with line, column and excerpt', () => {
    const file = writeDefaultFile('profiles:\n  host101:\n    connector: stix_bundle\n    connection: {host: x.json\n');
    const error = thrown(() => load());
    expect(error).toMatchObject({ code: 'E_DATA_SOURCE_PROFILE', file, line: expect.any(Number), column: expect.any(Number) });
    expect(error.message).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: invalid YAML`));
    expect(error.hint).toMatch(/profiles:/);
  });

  test('"profiles" that is not a mapping, with its line', () => {
    const file = writeDefaultFile('# profiles\nprofiles:\n  - host101\n');
    expect(thrown(() => load())).toMatchObject({ code: 'E_DATA_SOURCE_PROFILE', file, line: 3 });
  });

  test('a file that is a list, not a mapping', () => {
    const file = writeDefaultFile('- profiles\n');
    const error = thrown(() => load());
    expect(error).toMatchObject({ code: 'E_DATA_SOURCE_PROFILE', file, line: 1 });
    expect(error.message).toContain('must be a YAML mapping');
  });

  test('two profiles whose names differ only in case', () => {
    writeDefaultFile('profiles:\n  host101: {connector: stix_bundle}\n  HOST101: {connector: qradar}\n');
    const error = thrown(() => load());
    expect(error).toMatchObject({ code: 'E_DATA_SOURCE_PROFILE', line: 3 });
    expect(error.message).toContain('case-insensitive');
  });

  test('a profile file that is a directory', () => {
    mkdirSync(path.join(tmp, 'dir.yaml'));
    expect(thrown(() => load({ KESTREL_STIXSHIFTER_CONFIG: path.join(tmp, 'dir.yaml') }))).toMatchObject({
      code: 'E_DATA_SOURCE_PROFILE',
      file: path.join(tmp, 'dir.yaml'),
    });
  });
});

describe('checkProfile: a broken profile is E_DATA_SOURCE_PROFILE when used, with a hint', () => {
  test('a good profile: connector lower-cased, hosts split at commas, config {} when absent', () => {
    const p = profile({ STIXSHIFTER_H_CONNECTOR: 'STIX_BUNDLE', STIXSHIFTER_H_CONNECTION: '{"host": " a.json , https://x/b.json ,"}' }, 'h');
    expect(checkProfile(p)).toEqual({
      name: 'h',
      connector: 'stix_bundle',
      connection: { host: ' a.json , https://x/b.json ,' },
      config: {},
      hosts: ['a.json', 'https://x/b.json'],
      baseDir: cwd,
      definedIn: ['STIXSHIFTER_H_CONNECTION', 'STIXSHIFTER_H_CONNECTOR'],
    });
  });

  test.each([
    ['no connector', 'profiles:\n  h:\n    connection: {host: x.json}\n', /has no connector/],
    ['no connection', 'profiles:\n  h:\n    connector: stix_bundle\n', /has no connection$/],
    ['no connection.host', 'profiles:\n  h:\n    connector: stix_bundle\n    connection: {port: 443}\n', /has no connection\.host/],
    ['an empty host', 'profiles:\n  h:\n    connector: stix_bundle\n    connection: {host: " , "}\n', /empty connection\.host/],
    ['a host that is a number', 'profiles:\n  h:\n    connector: stix_bundle\n    connection: {host: 8080}\n', /connection\.host 8080, not a URL/],
    ['an empty profile', 'profiles:\n  h:\n', /is empty/],
    ['a profile that is a string', 'profiles:\n  h: stix_bundle\n', /must be a mapping/],
    ['options that are a list', 'profiles:\n  h:\n    connector: stix_bundle\n    connection: {host: x.json, options: [1]}\n', /connection\.options/],
    ['a config that is a string', 'profiles:\n  h:\n    connector: stix_bundle\n    connection: {host: x.json}\n    config: hunter2\n', /config that is not a mapping/],
  ])('%s', (_what, yaml, message) => {
    const file = writeDefaultFile(yaml);
    const error = thrown(() => checkProfile(profile({}, 'h')));
    expect(error).toMatchObject({ code: 'E_DATA_SOURCE_PROFILE', file, line: 2, hint: expect.stringMatching(/connector: stix_bundle|mapping/) });
    expect(error.message).toMatch(message);
    expect(error.message).toContain(`data-source profile h (defined in ${file}:2)`);
    expect(error.message).not.toContain('hunter2');
  });

  test('bad JSON in an environment variable: loading goes on, using the profile fails, the value is not echoed', () => {
    const profiles = load({
      STIXSHIFTER_H_CONNECTOR: 'stix_bundle',
      STIXSHIFTER_H_CONFIG: '{"auth": {"password": "hunter2"',
      STIXSHIFTER_OK_CONNECTOR: 'stix_bundle',
      STIXSHIFTER_OK_CONNECTION: '{"host": "x.json"}',
    });
    expect(checkProfile(profiles.get('ok')!).hosts).toEqual(['x.json']);
    const error = thrown(() => checkProfile(profiles.get('h')!));
    expect(error).toMatchObject({ code: 'E_DATA_SOURCE_PROFILE', hint: expect.stringContaining("STIXSHIFTER_H_CONFIG='{") });
    expect(error.message).toMatch(/^data-source profile h: environment variable STIXSHIFTER_H_CONFIG is not valid JSON/);
    expect(error.message).not.toContain('hunter2');
  });

  test('JSON that is not an object in an environment variable', () => {
    const error = thrown(() => checkProfile(profile({ STIXSHIFTER_H_CONNECTION: '"x.json"' }, 'h')));
    expect(error).toMatchObject({ code: 'E_DATA_SOURCE_PROFILE', hint: expect.stringContaining('{"host": ') });
    expect(error.message).toContain('must be a JSON object, not "x.json"');
  });
});
