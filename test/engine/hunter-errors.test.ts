/** Errors of issue 15 that a hunter acts on: each has a code, the place, and a hint that says what to write. */
import * as path from 'node:path';
import { loadProfiles, profileConnector } from '../../connectors/profiles';
import { stixBundleConnector } from '../../connectors/stix-bundle';
import { MemoryStore } from '../../graph/memory-store';
import { Session } from '../../src/engine/session';
import { FIXTURES, fixtureSession } from '../hunt';
import { HUNT_FILE } from './counting-session';

const GET = 'x = GET process FROM file://doctored-1k.json WHERE pid = 1380';

async function errorOf(hf: string, run = fixtureSession().run) {
  const r = await run(hf);
  expect(r.errors).toHaveLength(1);
  return r.errors[0];
}

describe('START and STOP', () => {
  it('START after STOP is an error at START, not an empty result', async () => {
    const e = await errorOf(`${GET} START 2021-01-02T00:00:00Z STOP 2021-01-01T00:00:00Z`);
    expect(e).toMatchObject({ code: 'E_BAD_TIMESPAN', file: HUNT_FILE, line: 1, column: 63 });
    expect(e.excerpt).toBe(`1 | ${GET} START 2021-01-02T00:00:00Z STOP 2021-01-01T00:00:00Z\n  | ${' '.repeat(62)}^`);
    expect(e.hint).toMatch(/swap/);
  });

  it('an equal START and STOP select nothing: an error too, in FIND as in GET', async () => {
    const e = await errorOf(`${GET}\ny = FIND process CREATED BY x START t'2021-01-01T00:00:00Z' STOP t'2021-01-01T00:00:00Z'`);
    expect(e).toMatchObject({ code: 'E_BAD_TIMESPAN', line: 2, column: 31 });
  });

  it('a timestamp that names no real time is an error at that timestamp, with the accepted formats', async () => {
    const e = await errorOf(`${GET} START 2021-01-01T00:00:00Z STOP 2021-02-30T00:00:00Z`);
    expect(e).toMatchObject({ code: 'E_BAD_TIMESPAN', line: 1, column: 95 });
    expect(e.message).toContain('2021-02-30T00:00:00Z');
    expect(e.hint).toContain('2021-01-01T00:00:00.000Z');
  });
});

describe('an unquoted value', () => {
  it('WHERE name = cmd.exe suggests quoting the value, not assigning a variable', async () => {
    const e = await errorOf("x = GET process FROM file://doctored-1k.json WHERE name = cmd.exe");
    expect(e).toMatchObject({ code: 'E_UNDEFINED_VARIABLE', line: 1, column: 59 });
    expect(e.hint).toContain("'cmd.exe'");
    expect(e.hint).not.toMatch(/assign/);
  });
});

describe('data sources', () => {
  it('a missing file: the caret is under the data source, and a near file name is suggested', async () => {
    const e = await errorOf("x = GET process FROM file://doctored-1l.json WHERE name = 'cmd.exe'");
    expect(e).toMatchObject({ code: 'E_DATA_SOURCE', file: HUNT_FILE, line: 1, column: 22 });
    expect(e.excerpt).toBe("1 | x = GET process FROM file://doctored-1l.json WHERE name = 'cmd.exe'\n  |                      ^");
    expect(e.hint).toContain('did you mean doctored-1k.json?');
  });

  it('a FROM on its own line is pointed at on that line', async () => {
    const e = await errorOf("x = GET process\n  FROM nothing-here.json\n  WHERE name = 'a'");
    expect(e).toMatchObject({ code: 'E_DATA_SOURCE', line: 2, column: 8, excerpt: '2 |   FROM nothing-here.json\n  |        ^' });
  });

  it("Kestrel 1.x's bare FROM host101 suggests stixshifter://host101 when that profile exists", async () => {
    const profiles = loadProfiles({
      env: {
        STIXSHIFTER_HOST101_CONNECTOR: 'stix_bundle',
        STIXSHIFTER_HOST101_CONNECTION: JSON.stringify({ host: path.join(FIXTURES, 'test_bundle.json') }),
        KESTREL_STIXSHIFTER_CONFIG: path.join(FIXTURES, 'no-such-profiles.yaml'),
      },
    });
    const session = new Session({ store: new MemoryStore(), connectors: [profileConnector(profiles, [stixBundleConnector]), stixBundleConnector] });
    const run = (hf: string) => session.execute(hf, HUNT_FILE);
    const e = await errorOf("x = GET process FROM host101 WHERE name = 'cmd.exe'", run);
    expect(e).toMatchObject({ code: 'E_DATA_SOURCE', line: 1, column: 22 });
    expect(e.hint).toContain('FROM stixshifter://host101');
    expect((await errorOf("x = GET process FROM host102 WHERE name = 'cmd.exe'", run)).hint).not.toContain('stixshifter');
  });
});
