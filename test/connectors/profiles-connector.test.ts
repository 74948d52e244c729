import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Connector, ReadContext } from '../../connectors/connector';
import { loadProfiles, profileConnector, type Profiles } from '../../connectors/profiles';
import { stixBundleConnector } from '../../connectors/stix-bundle';
import { MemoryStore } from '../../graph/memory-store';
import { DataSources } from '../../src/engine/data-sources';
import type { Observation } from '../../src/model/observation';
import { serveLoopback, type LoopbackServer } from '../loopback-server';
import { tempHome } from '../temp-home';
import { rejection } from '../thrown';

const FIXTURES = path.resolve(__dirname, '../fixtures');
const BUNDLE_4 = path.join(FIXTURES, 'test_bundle_4.json');
const BUNDLE_5 = path.join(FIXTURES, 'test_bundle_5.json');

let tmp: string;
let home: string;
let cwd: string;
let profileDir: string;
let huntDir: string;

beforeEach(() => {
  ({ tmp, home, cwd, configDir: profileDir } = tempHome('profiles-connector-'));
  huntDir = path.join(tmp, 'hunts');
  mkdirSync(huntDir);
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

function ctx(): ReadContext {
  return { baseDir: huntDir };
}

function writeProfiles(yaml: string): string {
  const file = path.join(profileDir, 'stixshifter.yaml');
  writeFileSync(file, yaml);
  return file;
}

function load(env: Record<string, string> = {}): Profiles {
  return loadProfiles({ env, homeDir: home, cwd });
}

function connector(env: Record<string, string> = {}, delegates: Connector[] = [stixBundleConnector]): Connector {
  return profileConnector(load(env), delegates);
}

async function readAll(c: Connector, uri: string, context: ReadContext = ctx()): Promise<Observation[]> {
  const out: Observation[] = [];
  for await (const o of c.read(uri, context)) out.push(o);
  return out;
}

/** A profile file naming the fixture bundles: by absolute path, by a path relative to the file's folder, and two at once. */
function fixtureProfiles(): string {
  return writeProfiles([
    'profiles:',
    '  host101:',
    '    connector: stix_bundle',
    `    connection: {host: "${BUNDLE_4}"}`,
    '    config: {auth: {username: null, password: null}}',
    '  Relative:',
    '    connector: stix_bundle',
    `    connection: {host: "${path.relative(profileDir, BUNDLE_5)}"}`,
    '  both:',
    '    connector: stix_bundle',
    `    connection: {host: "file://${BUNDLE_4}, ${BUNDLE_5}"}`,
    '  elk:',
    '    connector: elastic_ecs',
    '    connection: {host: elastic.example.com, port: 9200}',
    '    config: {auth: {id: x, api_key: y}}',
    '  broken:',
    '    connection: {host: x.json}',
  ].join('\n'));
}

describe('profileConnector.canRead', () => {
  test('reads stixshifter:// URIs of known profiles, in any case', () => {
    fixtureProfiles();
    const c = connector();
    for (const uri of ['stixshifter://host101', 'STIXSHIFTER://HOST101', 'stixshifter://relative/', 'stixshifter://both']) {
      expect(c.canRead(uri)).toEqual({ ok: true });
    }
  });

  test.each(['file://x.json', 'x.json', 'https://h/x.json', 'elastic://x'])('declines %s, saying what it reads', (uri) => {
    const verdict = connector().canRead(uri);
    expect(verdict).toEqual({ ok: false, reason: `stixshifter-profiles reads stixshifter://PROFILE URIs, not ${uri}` });
  });

  test('an unknown profile: did you mean, and the profiles there are', () => {
    fixtureProfiles();
    const verdict = connector().canRead('stixshifter://hots101');
    expect(verdict).toEqual({ ok: false, reason: 'no data-source profile hots101 (did you mean host101?); defined: both, broken, elk, host101, relative' });
    expect(connector().canRead('stixshifter://zzz')).toEqual({ ok: false, reason: expect.not.stringContaining('did you mean') });
  });

  test('no profiles at all: says where to define them', () => {
    const verdict = connector().canRead('stixshifter://host101');
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.reason).toMatch(/no data-source profile is defined.*stixshifter\.yaml.*STIXSHIFTER_<PROFILE>_CONNECTOR/);
  });

  test('a connector type kestrel-ts does not read yet: says which it reads', () => {
    const file = fixtureProfiles();
    const verdict = connector().canRead('stixshifter://elk');
    expect(verdict).toEqual({
      ok: false,
      reason: `profile elk (defined in ${file}:12) uses connector elastic_ecs, which kestrel-ts does not support yet; supported: stix_bundle`,
    });
  });

  test('without a stix-bundle delegate nothing is supported', () => {
    fixtureProfiles();
    const verdict = connector({}, []).canRead('stixshifter://host101');
    expect(!verdict.ok && verdict.reason).toMatch(/connector stix_bundle, which kestrel-ts does not support yet; supported: none/);
  });

  test('a URI without a profile name', () => {
    expect(connector().canRead('stixshifter://')).toEqual({ ok: false, reason: 'stixshifter:// names no profile: write stixshifter://PROFILE' });
  });
});

describe('profileConnector.read and locate: a stix_bundle profile reads what its path reads', () => {
  test('stixshifter://host101 reads the same records as the path, with the bundle as source', async () => {
    fixtureProfiles();
    const byProfile = await readAll(connector(), 'stixshifter://host101');
    const byPath = await readAll(stixBundleConnector, BUNDLE_4);
    expect(byProfile).toHaveLength(2);
    expect(byProfile).toEqual(byPath);
    expect(byProfile[0].source).toBe(`file://${BUNDLE_4}`);
  });

  test('locate gives the bundle\'s canonical location, whatever the huntflow folder', () => {
    fixtureProfiles();
    const c = connector();
    expect(c.locate('stixshifter://host101', ctx())).toBe(`file://${BUNDLE_4}`);
    expect(c.locate('stixshifter://HOST101', { baseDir: '/' })).toBe(stixBundleConnector.locate(BUNDLE_4, ctx()));
  });

  test('a relative host resolves against the profile file\'s folder, not the huntflow\'s', async () => {
    fixtureProfiles();
    const c = connector();
    expect(c.locate('stixshifter://relative', ctx())).toBe(`file://${BUNDLE_5}`);
    expect(await readAll(c, 'stixshifter://relative')).toEqual(await readAll(stixBundleConnector, BUNDLE_5));
  });

  test('several hosts separated by commas: each is read, in order, and located', async () => {
    fixtureProfiles();
    const c = connector();
    const records = await readAll(c, 'stixshifter://both');
    expect(records).toHaveLength(5);
    expect([...new Set(records.map((r) => r.source))]).toEqual([`file://${BUNDLE_4}`, `file://${BUNDLE_5}`]);
    expect(c.locate('stixshifter://both', ctx())).toBe(`file://${BUNDLE_4},file://${BUNDLE_5}`);
  });

  test('a profile from environment variables: a relative host resolves against the current directory', async () => {
    const env = {
      STIXSHIFTER_LAPTOP_CONNECTOR: 'stix_bundle',
      STIXSHIFTER_LAPTOP_CONNECTION: JSON.stringify({ host: path.relative(cwd, BUNDLE_4) }),
      STIXSHIFTER_LAPTOP_CONFIG: '{"auth": {}}',
    };
    const c = connector(env);
    expect(c.locate('stixshifter://laptop', ctx())).toBe(`file://${BUNDLE_4}`);
    expect(await readAll(c, 'stixshifter://laptop')).toEqual(await readAll(stixBundleConnector, BUNDLE_4));
  });

  test('an environment variable overrides the file\'s host', async () => {
    fixtureProfiles();
    const c = connector({ STIXSHIFTER_HOST101_CONNECTION: JSON.stringify({ host: BUNDLE_5 }) });
    expect(await readAll(c, 'stixshifter://host101')).toHaveLength(3);
  });

  test('$VAR in the profile file names the bundle folder', async () => {
    writeProfiles('profiles:\n  h:\n    connector: stix_bundle\n    connection:\n      host: ${FIXTURE_DIR}/test_bundle_4.json\n');
    const c = connector({ FIXTURE_DIR: FIXTURES });
    expect(await readAll(c, 'stixshifter://h')).toEqual(await readAll(stixBundleConnector, BUNDLE_4));
  });

  test('the engine reads a bundle named by profile and by path once', async () => {
    fixtureProfiles();
    let reads = 0;
    const counting: Connector = {
      ...stixBundleConnector,
      read(uri, context) {
        reads++;
        return stixBundleConnector.read(uri, context);
      },
    };
    const sources = new DataSources(new MemoryStore(), [profileConnector(load(), [counting]), counting]);
    const viaProfile = await sources.load('stixshifter://host101', huntDir);
    const viaPath = await sources.load(path.relative(huntDir, BUNDLE_4), huntDir);
    expect(viaProfile).toEqual([`file://${BUNDLE_4}`]);
    expect(viaPath).toEqual(viaProfile);
    expect(reads).toBe(1);
  });
});

describe('profileConnector: errors', () => {
  test('a broken profile: canRead says yes, locate and read throw E_DATA_SOURCE_PROFILE', async () => {
    const file = fixtureProfiles();
    const c = connector();
    expect(c.canRead('stixshifter://broken')).toEqual({ ok: true });
    const error = await rejection(() => c.locate('stixshifter://broken', ctx()));
    expect(error).toMatchObject({ code: 'E_DATA_SOURCE_PROFILE', file, line: 16, hint: expect.stringContaining('connector: stix_bundle') });
    expect(error.message).toBe(`data-source profile broken (defined in ${file}:16) has no connector`);
    expect(await rejection(readAll(c, 'stixshifter://broken'))).toMatchObject({ code: 'E_DATA_SOURCE_PROFILE' });
  });

  test('bad JSON in an environment variable: E_DATA_SOURCE_PROFILE when the profile is used', async () => {
    fixtureProfiles();
    const c = connector({ STIXSHIFTER_HOST101_CONNECTION: '{host: x.json}' });
    expect(await readAll(c, 'stixshifter://relative')).toHaveLength(3);
    const error = await rejection(readAll(c, 'stixshifter://host101'));
    expect(error).toMatchObject({ code: 'E_DATA_SOURCE_PROFILE' });
    expect(error.message).toContain('STIXSHIFTER_HOST101_CONNECTION is not valid JSON');
  });

  test('read and locate of a URI canRead declines: E_DATA_SOURCE with the reason', async () => {
    fixtureProfiles();
    const c = connector();
    expect(await rejection(readAll(c, 'stixshifter://elk'))).toMatchObject({ code: 'E_DATA_SOURCE', message: expect.stringContaining('elastic_ecs') });
    expect(await rejection(() => c.locate('file://x.json', ctx()))).toMatchObject({ code: 'E_DATA_SOURCE' });
  });

  test('a host the bundle reader does not read: E_DATA_SOURCE_PROFILE', async () => {
    writeProfiles('profiles:\n  h:\n    connector: stix_bundle\n    connection: {host: "elastic://siem:9200"}\n');
    const error = await rejection(() => connector().locate('stixshifter://h', ctx()));
    expect(error).toMatchObject({ code: 'E_DATA_SOURCE_PROFILE' });
    expect(error.message).toContain('connection.host "elastic://siem:9200" cannot be read: stix-bundle reads file://');
  });

  test('a missing bundle: the reader\'s E_DATA_SOURCE, naming the profile and the folder paths resolve against', async () => {
    const file = writeProfiles('profiles:\n  h:\n    connector: stix_bundle\n    connection: {host: missing.json}\n');
    const error = await rejection(readAll(connector(), 'stixshifter://h'));
    expect(error).toMatchObject({ code: 'E_DATA_SOURCE', file: path.join(profileDir, 'missing.json') });
    expect(error.message).toBe(`stixshifter://h: ${path.join(profileDir, 'missing.json')}: no such file`);
    expect(error.hint).toBe(`check the path; relative paths resolve against ${profileDir}; the source is connection.host of profile h (defined in ${file}:2)`);
  });

  test('a bundle that is not a bundle keeps E_BAD_INPUT_FILE', async () => {
    writeProfiles(`profiles:\n  h:\n    connector: stix_bundle\n    connection: {host: "${path.join(FIXTURES, 'test_input_data_procs_list.json')}"}\n`);
    expect(await rejection(readAll(connector(), 'stixshifter://h'))).toMatchObject({ code: 'E_BAD_INPUT_FILE' });
  });

  test('a profile file that does not load: other sources are unaffected, stixshifter:// ones get its error', async () => {
    const file = writeProfiles('profiles:\n  h: [\n');
    const c = profileConnector(() => load(), [stixBundleConnector]);
    expect(c.canRead('file://x.json').ok).toBe(false);
    expect(c.canRead('stixshifter://h')).toEqual({ ok: true });
    const error = await rejection(() => c.locate('stixshifter://h', ctx()));
    expect(error).toMatchObject({ code: 'E_DATA_SOURCE_PROFILE', file, line: expect.any(Number) });
  });
});

describe('profileConnector over http', () => {
  let server: LoopbackServer;
  let base: string;

  beforeAll(async () => {
    const bundle = readFileSync(BUNDLE_4);
    server = await serveLoopback((req, res) => {
      if (req.url === '/bundle.json') res.writeHead(200, { 'content-type': 'application/json' }).end(bundle);
      else res.writeHead(404).end('not found');
    });
    base = server.base;
  });
  afterAll(() => server.close());

  test('a URL host reads the served bundle, with the URL as source; unused credentials are warned about', async () => {
    writeProfiles([
      'profiles:',
      '  web:',
      '    connector: stix_bundle',
      `    connection: {host: "${base}/bundle.json", port: 80}`,
      '    config: {auth: {username: hunter, password: $WEB_PASSWORD}}',
    ].join('\n'));
    const warnings: string[] = [];
    const c = connector({ WEB_PASSWORD: 'pw' });
    const records = await readAll(c, 'stixshifter://web', { baseDir: huntDir, onWarning: (w) => warnings.push(w) });
    expect(records).toEqual(await readAll(stixBundleConnector, `${base}/bundle.json`));
    expect(records[0].source).toBe(`${base}/bundle.json`);
    expect(c.locate('stixshifter://web', ctx())).toBe(`${base}/bundle.json`);
    expect(warnings).toEqual(['stixshifter://web: config.auth of profile web is not used: kestrel-ts fetches stix_bundle URLs without authentication']);
  });

  test('Kestrel\'s usual null credentials are not warned about', async () => {
    writeProfiles(`profiles:\n  web:\n    connector: stix_bundle\n    connection: {host: "${base}/bundle.json"}\n    config: {auth: {username: null, password: null}}\n`);
    const warnings: string[] = [];
    await readAll(connector(), 'stixshifter://web', { baseDir: huntDir, onWarning: (w) => warnings.push(w) });
    expect(warnings).toEqual([]);
  });

  test('HTTP 404 is E_DATA_SOURCE naming the URL and the profile', async () => {
    writeProfiles(`profiles:\n  web:\n    connector: stix_bundle\n    connection: {host: "${base}/gone.json"}\n`);
    const error = await rejection(readAll(connector(), 'stixshifter://web'));
    expect(error).toMatchObject({ code: 'E_DATA_SOURCE', file: `${base}/gone.json`, hint: expect.stringContaining('profile web') });
    expect(error.message).toContain('HTTP 404');
  });
});
