import * as path from 'node:path';
import { column, counts, fixtureSession } from '../../hunt';
import { readNdjson, serveElasticsearch, error, type FakeElasticsearch, type FakeOptions } from './es-server';
import { values } from './evaluate-dsl';

const FIXTURE = path.join(__dirname, '../../fixtures/elasticsearch/schtask_create.ecs.ndjson');
const DOCS = readNdjson(FIXTURE);
const API_KEY = { id: 'VuaCfGcBCdbkQm-e5aOx', api_key: 'ui2lp2axTNmsyakw9tvNnw' };
const PROFILE_VARS = ['STIXSHIFTER_HOST101_CONNECTOR', 'STIXSHIFTER_HOST101_CONNECTION', 'STIXSHIFTER_HOST101_CONFIG', 'KESTREL_STIXSHIFTER_CONFIG'];
const saved = Object.fromEntries(PROFILE_VARS.map((n) => [n, process.env[n]]));

let es: FakeElasticsearch | undefined;
afterEach(async () => {
  await es?.close();
  es = undefined;
  for (const n of PROFILE_VARS) {
    if (saved[n] === undefined) delete process.env[n];
    else process.env[n] = saved[n];
  }
});

/** The seed's host101 profile (Kestrel's environment variables), pointing at a fake Elasticsearch on loopback. */
async function host101(options: FakeOptions = {}): Promise<FakeElasticsearch> {
  es = await serveElasticsearch({ host101: DOCS }, { authorization: `ApiKey ${Buffer.from(`${API_KEY.id}:${API_KEY.api_key}`).toString('base64')}`, ...options });
  const [hostname, port] = es.host.split(':');
  process.env.KESTREL_STIXSHIFTER_CONFIG = path.join(__dirname, 'no-such-profiles.yaml');
  process.env.STIXSHIFTER_HOST101_CONNECTOR = 'elastic_ecs';
  process.env.STIXSHIFTER_HOST101_CONNECTION = JSON.stringify({ host: `http://${hostname}`, port: Number(port), indices: 'host101', options: { retrieval_batch_size: 100 } });
  process.env.STIXSHIFTER_HOST101_CONFIG = JSON.stringify({ auth: API_KEY });
  return es;
}

const HUNT = `
svchost = GET process FROM stixshifter://host101 WHERE name = 'svchost.exe' START t'2020-12-19T00:00:00Z' STOP t'2020-12-20T00:00:00Z'
tasks = GET process FROM stixshifter://host101 WHERE name = 'schtasks.exe' START t'2020-12-19T00:00:00Z' STOP t'2020-12-20T00:00:00Z'
DISP tasks ATTR name, command_line
`;

test('the seed hunt runs over an elastic_ecs profile, and the GETs load only what they select', async () => {
  const server = await host101();
  const pushed = await fixtureSession().run(HUNT);
  expect(pushed.errors).toEqual([]);
  const searches = server.received.filter((r) => r.path === '/_search');
  const named = (name: string) => DOCS.filter((d) => values(d, 'process.name').includes(name) || values(d, 'process.parent.name').includes(name)).length;
  // What the two GETs asked for, page by page (100 a page); the other searches are the engine's prefetch, which
  // asks for the processes found by GUID and pid.
  const byGets = searches.filter((s) => /svchost\.exe|schtasks\.exe/.test(JSON.stringify(s.body!.query)));
  const hitsOf = (name: string) => byGets.filter((s) => JSON.stringify(s.body!.query).includes(name)).length;
  expect(hitsOf('svchost.exe')).toBe(Math.ceil((named('svchost.exe') + 1) / 100));
  expect(hitsOf('schtasks.exe')).toBe(1);
  expect(column(pushed, 'name').every((n) => n === 'schtasks.exe')).toBe(true);
  expect(column(pushed, 'command_line').some((c) => String(c).includes('/create'))).toBe(true);

  // The same hunt over the same documents read whole from the file: pushdown changes nothing in the result.
  const whole = await fixtureSession().run(HUNT.replaceAll('stixshifter://host101', `file://${FIXTURE}`));
  expect(whole.errors).toEqual([]);
  // Same entities. Records: Security events that name a process only by a hex pid inside winlog.event_data
  // (4656, 4658, 4663, 5156, 5158) are not asked for by the prefetch, so the pushed-down hunt has fewer.
  const entitiesOf = (r: typeof pushed) => Object.fromEntries(Object.entries(counts(r)).map(([k, [n]]) => [k, n]));
  expect(entitiesOf(pushed)).toEqual(entitiesOf(whole));
  expect(counts(pushed).tasks[1]).toBeLessThan(counts(whole).tasks[1]);
  expect(counts(pushed).tasks[1]).toBeGreaterThanOrEqual(counts(whole).tasks[1] - 8);
  const prefetches = searches.filter((s) => JSON.stringify(s.body!.query).includes('process.entity_id'));
  expect(prefetches.length).toBeGreaterThan(0);
  expect(prefetches.every((s) => !JSON.stringify(s.body!.query).includes('match_all'))).toBe(true);
  expect(counts(pushed).svchost[0]).toBeGreaterThan(0);
  expect(server.openPits()).toBe(0);
});

test('START and STOP copied from the created a file hunt shows select the same process from the index', async () => {
  await host101();
  const otrf = path.join(__dirname, '../../fixtures/event-logs/schtask_create.json');
  const shown = await fixtureSession().run(`tasks = GET process FROM file://${otrf} WHERE name = 'schtasks.exe'\nDISP tasks ATTR created`);
  const [created] = column(shown, 'created') as string[];
  expect(created).toBe('2020-12-19T12:00:22.190Z');
  const stop = new Date(Date.parse(created) + 1).toISOString();
  const r = await fixtureSession().run(`tasks = GET process FROM stixshifter://host101 WHERE name = 'schtasks.exe' START t'${created}' STOP t'${stop}'\nDISP tasks ATTR created`);
  expect(r.errors).toEqual([]);
  expect(column(r, 'created')).toEqual([created]);
});

test('EXPLAIN shows the Elasticsearch query the GET sends', async () => {
  const server = await host101();
  const r = await fixtureSession().run(`${HUNT}\nEXPLAIN tasks`);
  expect(r.errors).toEqual([]);
  const explain = JSON.stringify(r.outputs.find((o) => o.kind === 'explain'));
  expect(explain).toContain('elasticsearch-dsl');
  expect(explain).toContain('schtasks.exe');
  expect(explain).not.toContain(API_KEY.api_key);
  expect(server.received.length).toBeGreaterThan(0);
});

test('a server that fails: E_DATA_SOURCE naming the endpoint, and nothing is loaded', async () => {
  const server = await host101({ intercept: (r) => (r.path === '/_search' ? error(500, 'search_phase_execution_exception', 'all shards failed') : undefined) });
  const r = await fixtureSession().run(HUNT);
  expect(r.errors).toHaveLength(1);
  expect(r.errors[0]).toMatchObject({ code: 'E_DATA_SOURCE', message: expect.stringContaining(`elasticsearch://${server.host}/host101`) });
  expect(r.errors[0].message).toContain('HTTP 500');
  expect(JSON.stringify(r.errors)).not.toContain(API_KEY.api_key);
  expect(r.variables).toEqual([]);
});
