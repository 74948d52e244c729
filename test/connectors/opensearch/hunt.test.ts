import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { endpointOf } from '../../../connectors/opensearch/endpoint';
import { scrollPages, searchRequest } from '../../../connectors/opensearch/search';
import { interfaceSource } from '../../../connectors/ocsf/interface-source';
import type { Doc } from '../elasticsearch/evaluate-dsl';
import { error } from '../elasticsearch/es-server';
import { column, counts, fixtureSession } from '../../hunt';
import { tempHome } from '../../temp-home';
import { bashTree, expectBashTree } from '../kestrel2-process-tree';
import { serveOpenSearch, type FakeOpenSearch, type FakeOptions } from './os-server';

/*
 * Kestrel 2's own ECS process-creation events (its sqlalchemy interface's test table, logs_ecs_process_creation.csv)
 * as two indices of a loopback OpenSearch: `ecs-nested` holds them as nested objects (as Beats and Logstash write
 * them), `ecs-dotted` with dotted field names (as a table loaded by a script is). opensearch.yaml is written as
 * Kestrel 2's example config has it: a connection with url, verify_certs and auth, datasources with index_pattern,
 * timestamp and timestamp_format.
 */
const CSV = path.join(__dirname, '..', '..', 'fixtures', 'kestrel2', 'logs_ecs_process_creation.csv');
const lines = readFileSync(CSV, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
const columns = lines[0].split(',');
const INTEGER = new Set(['process.pid', 'process.parent.pid']);
const dotted: Doc[] = lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [columns[i], INTEGER.has(columns[i]) ? Number(v) : v])));
const nested: Doc[] = dotted.map((d) => {
  const doc: Doc = {};
  for (const [k, v] of Object.entries(d)) {
    const keys = k.split('.');
    let o = doc;
    for (const key of keys.slice(0, -1)) o = (o[key] ??= {}) as Doc;
    o[keys[keys.length - 1]] = v;
  }
  return doc;
});
const ADMIN = `Basic ${Buffer.from('admin:admin').toString('base64')}`;

const { tmp, configDir } = tempHome('kestrel-os-');
const CONFIG = path.join(configDir, 'opensearch.yaml');
const saved = process.env.KESTREL_OPENSEARCH_CONFIG;
let server: FakeOpenSearch | undefined;

function writeConfig(url: string, connection = 'verify_certs: false\n    auth:\n      username: admin\n      password: admin'): void {
  const datasource = (index: string) => `    connection: lab\n    index_pattern: ${index}\n    timestamp: time\n    timestamp_format: "%Y-%m-%dT%H:%M:%S.%fZ"\n`;
  writeFileSync(CONFIG, `connections:\n  lab:\n    url: ${url}\n    ${connection}\ndatasources:\n  nested:\n${datasource('ecs-nested')}  dotted:\n${datasource('ecs-dotted')}  missing:\n${datasource('no-such-index')}`);
}

async function serve(options: FakeOptions = {}): Promise<FakeOpenSearch> {
  server = await serveOpenSearch({ 'ecs-nested': nested, 'ecs-dotted': dotted }, { authorization: ADMIN, ...options });
  writeConfig(`${server.url}/`);
  return server;
}

beforeAll(() => {
  process.env.KESTREL_OPENSEARCH_CONFIG = CONFIG;
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});
afterAll(() => {
  if (saved === undefined) delete process.env.KESTREL_OPENSEARCH_CONFIG;
  else process.env.KESTREL_OPENSEARCH_CONFIG = saved;
  rmSync(tmp, { recursive: true, force: true });
});

const run = async (hf: string) => {
  const r = await fixtureSession().run(hf);
  if (r.errors.length) throw new Error(JSON.stringify(r.errors));
  return r;
};
const searches = (s: FakeOpenSearch) => s.received.filter((r) => r.query.has('scroll')).map((r) => JSON.stringify(r.body));

describe.each(['nested', 'dotted'])('opensearch://%s (Kestrel 2 interface config)', (name) => {
  it('GET pushes the WHERE down through the ECS map and FIND walks the tree', async () => {
    const s = await serve();
    const r = await run(bashTree(`opensearch://${name}`));
    expectBashTree(r);
    expect(searches(s)[0]).toContain('{"term":{"process.name":"bash"}}');
    expect(s.received.every((q) => q.headers.authorization === ADMIN)).toBe(true);
    expect(s.openScrolls()).toBe(0);
  });

  it('EXPLAIN shows the query DSL, the time range in the timestamp format', async () => {
    await serve();
    const r = await run(`
      p = GET process FROM opensearch://${name} WHERE binary_ref.name = 'cat' OR pid = 1030 START 2024-07-08T00:00:00Z STOP 2024-07-09T00:00:00Z
      EXPLAIN p`);
    const explain = JSON.stringify(r.outputs.find((o) => o.kind === 'explain'));
    expect(explain).toContain('opensearch-dsl');
    expect(explain).toContain(`\\"index\\": \\"ecs-${name}\\"`);
    expect(explain).toContain('\\"range\\": {\\n');
    expect(explain).toContain('\\"gte\\": \\"2024-07-08T00:00:00.000000Z\\"');
    expect(explain).toContain('\\"value\\": \\"*/cat\\"');
  });

  it('filters on time, on the path a file name is mapped to, and on a regular expression', async () => {
    const s = await serve();
    const r = await run(`
      p = GET process FROM opensearch://${name} WHERE binary_ref.name = 'ping' OR command_line LIKE 'cat %' START 2024-07-08T00:00:05Z STOP 2024-07-09T00:00:00Z
      DISP p ATTR name, pid SORT BY pid ASC
      q = GET process FROM opensearch://${name} WHERE command_line MATCHES 'ping \\\\d+\\\\.'
      DISP q ATTR pid SORT BY pid ASC`);
    expect(column(r, 'pid')).toEqual([1028, 1030]);
    expect(column(r, 'pid', 1)).toEqual([1030, 5018]);
    const sent = searches(s);
    expect(sent[0]).toContain('"range":{"time":{"gte":"2024-07-08T00:00:05.000000Z","lt":"2024-07-09T00:00:00.000000Z"}}');
    expect(sent.some((q) => q.includes('"regexp":{"process.command_line":{"value":".*ping\\\\ [0-9]+\\\\..*"}}'))).toBe(true);
  });
});

test('pages through a scroll until a short page, and clears it', async () => {
  const s = await serve();
  const ds = interfaceSource('opensearch', 'KESTREL_OPENSEARCH_CONFIG', 'opensearch.yaml', 'index_pattern', 'dotted');
  const pages: number[] = [];
  for await (const hits of scrollPages(endpointOf(ds), searchRequest(ds, undefined, 4))) pages.push(hits.length);
  expect(pages).toEqual([4, 4, 1]);
  expect(s.received.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /ecs-dotted/_search', 'POST /_search/scroll', 'POST /_search/scroll', 'DELETE /_search/scroll']);
  expect(s.openScrolls()).toBe(0);
});

describe('failures are E_DATA_SOURCE with a hint', () => {
  const failure = async (hf: string) => {
    const r = await fixtureSession().run(hf);
    expect(r.errors[0]?.code).toBe('E_DATA_SOURCE');
    return r.errors[0];
  };

  it('wrong credentials: 401, never the password', async () => {
    const s = await serve();
    writeConfig(s.url, 'auth:\n      username: admin\n      password: s3cret-wrong');
    const e = await failure('p = GET process FROM opensearch://nested WHERE pid = 1026');
    expect(e.message).toContain(`opensearch://nested (${s.url}): search page 1 failed: HTTP 401`);
    expect(e.hint).toContain('auth');
    expect(JSON.stringify(e)).not.toContain('s3cret');
  });

  it('an index that does not exist', async () => {
    await serve();
    const e = await failure('p = GET process FROM opensearch://missing WHERE pid = 1026');
    expect(e.message).toContain('index_not_found_exception');
    expect(e.hint).toContain('index_pattern');
  });

  it('a page with failed shards, and the scroll is still cleared', async () => {
    const s = await serve({ intercept: (q) => (q.query.has('scroll') ? { status: 200, body: { _scroll_id: 'x', _shards: { total: 2, failed: 1 }, hits: { hits: [] } } } : undefined) });
    const e = await failure('p = GET process FROM opensearch://nested WHERE pid = 1026');
    expect(e.message).toContain('failed on 1 of 2 shards');
    expect(s.received.some((q) => q.method === 'DELETE' && JSON.stringify(q.body) === '{"scroll_id":["x"]}')).toBe(true);
  });

  it('503 is retried', async () => {
    let refusals = 2;
    const s = await serve({ intercept: (q) => (q.query.has('scroll') && refusals-- > 0 ? error(503, 'unavailable', 'busy') : undefined) });
    const r = await run('p = GET process FROM opensearch://nested WHERE pid = 1026');
    expect(counts(r).p[0]).toBe(1);
    expect(searches(s).length).toBeGreaterThanOrEqual(3);
  });

  it('nothing listening', async () => {
    const s = await serve();
    await s.close();
    server = undefined;
    const e = await failure('p = GET process FROM opensearch://nested WHERE pid = 1026');
    expect(e.message).toContain('cannot connect after 3 retries');
    expect(e.hint).toContain('url');
  });

  it('an unknown datasource names the file and the datasources it has', async () => {
    await serve();
    const e = await failure('p = GET process FROM opensearch://nope WHERE pid = 1');
    expect(e.message).toContain('no datasource nope');
    expect(e.message).toContain('dotted, missing, nested');
  });
});

const openssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

(openssl ? describe : describe.skip)('https', () => {
  const tls = () => {
    const key = path.join(tmp, 'key.pem');
    const cert = path.join(tmp, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
    return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
  };

  it('verify_certs: false reads a self-signed server; without it the certificate is refused', async () => {
    const s = await serve({ tls: tls() });
    expect(s.url).toMatch(/^https:/);
    const r = await run('p = GET process FROM opensearch://nested WHERE pid = 1026');
    expect(counts(r).p[0]).toBe(1);
    writeConfig(s.url, 'auth:\n      username: admin\n      password: admin');
    const e = (await fixtureSession().run('p = GET process FROM opensearch://nested WHERE pid = 1026')).errors[0];
    expect(e.code).toBe('E_DATA_SOURCE');
    expect(e.message).toContain('certificate');
    expect(e.hint).toContain('verify_certs: false');
  });
});
