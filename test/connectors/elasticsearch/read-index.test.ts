import * as path from 'node:path';
import { elasticsearchConnector } from '../../../connectors/elasticsearch';
import type { ReadContext } from '../../../connectors/connector';
import type { Observation } from '../../../src/model/observation';
import type { SourceQuery } from '../../../src/model/source-query';
import { serveLoopback } from '../../loopback-server';
import { error, readNdjson, serveElasticsearch, type FakeElasticsearch, type FakeOptions } from './es-server';
import { values } from './evaluate-dsl';

const DOCS = readNdjson(path.join(__dirname, '../../fixtures/elasticsearch/schtask_create.ecs.ndjson'));
const ENV_NAMES = ['KESTREL_ES_USERNAME', 'KESTREL_ES_PASSWORD', 'KESTREL_ES_API_KEY', 'KESTREL_ES_PAGE_SIZE', 'KESTREL_ES_MAX_RETRIES', 'KESTREL_ES_TIMEOUT'];
const saved = Object.fromEntries(ENV_NAMES.map((n) => [n, process.env[n]]));

let es: FakeElasticsearch | undefined;
afterEach(async () => {
  await es?.close();
  es = undefined;
  for (const n of ENV_NAMES) {
    if (saved[n] === undefined) delete process.env[n];
    else process.env[n] = saved[n];
  }
});

async function serve(options: FakeOptions = {}, indices: Record<string, typeof DOCS> = { 'winlogbeat-host101': DOCS }): Promise<FakeElasticsearch> {
  es = await serveElasticsearch(indices, options);
  return es;
}

async function readAll(uri: string, query?: SourceQuery, ctx: ReadContext = { baseDir: __dirname }): Promise<Observation[]> {
  const out: Observation[] = [];
  for await (const o of elasticsearchConnector.read(uri, ctx, query)) out.push(o);
  return out;
}

async function rejection(p: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await p;
  } catch (e) {
    return e as Record<string, unknown>;
  }
  throw new Error('expected a rejection');
}

const processNamed = (name: string): SourceQuery => ({
  entityType: 'process',
  where: { kind: 'comparison', entityType: 'process', attribute: 'name', op: '=', value: name },
});
const countWhere = (test: (d: Record<string, unknown>) => boolean) => DOCS.filter(test).length;
const named = (name: string) => (d: Record<string, unknown>) => values(d, 'process.name').includes(name) || values(d, 'process.parent.name').includes(name);

describe('pushdown', () => {
  test('GET process WHERE name = schtasks.exe loads only the matching documents', async () => {
    const server = await serve();
    const records = await readAll(`elasticsearch://${server.host}/winlogbeat-host101`, processNamed('schtasks.exe'));
    expect(countWhere(named('schtasks.exe'))).toBe(39);
    expect(records).toHaveLength(39);
    expect(server.served).toBe(39);
    expect(DOCS).toHaveLength(1041);
    for (const r of records) {
      expect(r.source).toBe(`elasticsearch://${server.host}/winlogbeat-host101`);
      expect(r.objects.some((o) => o.type === 'process' && o.attrs.name === 'schtasks.exe')).toBe(true);
    }
  });

  test('without a query every document is read, in @timestamp order', async () => {
    const server = await serve();
    const records = await readAll(`elasticsearch://${server.host}/winlogbeat-host101`);
    expect(records).toHaveLength(1041);
    const search = server.received.find((r) => r.path === '/_search')!;
    expect(search.body).toMatchObject({ query: { match_all: {} }, sort: [{ '@timestamp': 'asc' }, { _shard_doc: 'asc' }], size: 1000 });
  });

  test('LIKE, OR and NOT push down: a superset, since != holds for a document whose parent is another process', async () => {
    const server = await serve();
    const query: SourceQuery = {
      entityType: 'process',
      where: {
        kind: 'and',
        left: {
          kind: 'or',
          left: { kind: 'comparison', entityType: 'process', attribute: 'name', op: 'LIKE', value: 'SCHTASKS%' },
          right: { kind: 'comparison', entityType: 'process', attribute: 'name', op: 'IN', value: ['cmd.exe', 'lsass.exe'] },
        },
        right: { kind: 'comparison', entityType: 'process', attribute: 'name', op: '!=', value: 'lsass.exe' },
      },
    };
    const records = await readAll(`elasticsearch://${server.host}/winlogbeat-host101`, query);
    const nameOf = (d: Record<string, unknown>) => String(values(d, 'process.name')[0] ?? '');
    const exact = countWhere((d) => /^schtasks/i.test(nameOf(d)) || nameOf(d) === 'cmd.exe');
    const lsass = countWhere((d) => nameOf(d) === 'lsass.exe');
    expect([exact, lsass]).toEqual([39 + 16, 6]);
    // The lsass.exe documents have no parent name: their parent process may be any process, so they stay.
    expect(countWhere((d) => nameOf(d) === 'lsass.exe' && values(d, 'process.parent.name').length === 0)).toBe(6);
    expect(records).toHaveLength(exact + lsass);
    expect(server.served).toBeLessThan(DOCS.length / 10);
  });

  test('MATCHES pushes down as a Lucene regexp', async () => {
    const server = await serve();
    const query: SourceQuery = { entityType: 'process', where: { kind: 'comparison', entityType: 'process', attribute: 'command_line', op: 'MATCHES', value: 'schtasks(\\.exe)?\\s+/create' } };
    const records = await readAll(`elasticsearch://${server.host}/winlogbeat-host101`, query);
    const re = /schtasks(\.exe)?\s+\/create/;
    const expected = countWhere((d) => [...values(d, 'process.command_line'), ...values(d, 'process.parent.command_line')].some((v) => re.test(String(v))));
    expect(expected).toBeGreaterThan(0);
    expect(records).toHaveLength(expected);
    expect(server.served).toBeLessThan(DOCS.length);
  });

  test('the time range is a range on @timestamp, [start, stop)', async () => {
    const server = await serve();
    const start = Date.parse('2020-12-19T07:00:00Z');
    const stop = Date.parse('2020-12-19T08:00:00Z');
    const records = await readAll(`elasticsearch://${server.host}/winlogbeat-host101`, { entityType: 'process', start, stop });
    const expected = countWhere((d) => Date.parse(d['@timestamp'] as string) >= start && Date.parse(d['@timestamp'] as string) < stop);
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(DOCS.length);
    expect(records).toHaveLength(expected);
    expect(server.received.find((r) => r.path === '/_search')!.body!.query).toEqual({ range: { '@timestamp': { gte: start, lt: stop, format: 'epoch_millis' } } });
  });

  test('an attribute with no field is not pushed down: every document comes back', async () => {
    const server = await serve();
    const query: SourceQuery = { entityType: 'process', where: { kind: 'comparison', entityType: 'process', attribute: 'x_no_such_thing', op: '=', value: 1 } };
    expect(await readAll(`elasticsearch://${server.host}/winlogbeat-host101`, query)).toHaveLength(1041);
  });
});

describe('native query', () => {
  test('EXPLAIN shows the request body read sends, values as JSON values', async () => {
    const server = await serve();
    const uri = `elasticsearch://${server.host}/winlogbeat-*`;
    const query: SourceQuery = {
      entityType: 'process',
      where: { kind: 'comparison', entityType: 'process', attribute: 'name', op: '=', value: "it's \"quoted\" \\ {}" },
      start: 0,
    };
    const native = elasticsearchConnector.nativeQuery!(uri, query, { baseDir: __dirname })!;
    expect(native.language).toBe('elasticsearch-dsl');
    const statement = JSON.parse(native.statement);
    expect(statement).toEqual({
      index: 'winlogbeat-*',
      query: {
        bool: {
          filter: [
            { bool: { should: [{ term: { 'process.name': "it's \"quoted\" \\ {}" } }, { term: { 'process.parent.name': "it's \"quoted\" \\ {}" } }], minimum_should_match: 1 } },
            { range: { '@timestamp': { gte: 0, format: 'epoch_millis' } } },
          ],
        },
      },
      sort: [{ '@timestamp': 'asc' }, { _shard_doc: 'asc' }],
      size: 1000,
    });
    await readAll(uri, query);
    const search = server.received.find((r) => r.path === '/_search')!.body!;
    expect({ query: search.query, sort: search.sort, size: search.size }).toEqual({ query: statement.query, sort: statement.sort, size: statement.size });
    expect(server.received.find((r) => r.path.endsWith('/_pit'))!.path).toBe('/winlogbeat-*/_pit');
  });

  test('locate is the canonical endpoint, without credentials', () => {
    expect(elasticsearchConnector.locate('elasticsearchs://ES.example.com/logs-*', { baseDir: '.' })).toBe('elasticsearch://es.example.com:9200/logs-*');
  });
});

describe('paging', () => {
  test('reads every page over one point in time, after the last sort values, and closes it', async () => {
    process.env.KESTREL_ES_PAGE_SIZE = '100';
    const server = await serve();
    const progress: number[] = [];
    const records = await readAll(`elasticsearch://${server.host}/winlogbeat-host101`, undefined, { baseDir: __dirname, onProgress: (n) => progress.push(n) });
    expect(records).toHaveLength(1041);
    expect(new Set(records.map((r) => r.id)).size).toBe(1041);
    const searches = server.received.filter((r) => r.path === '/_search');
    expect(searches).toHaveLength(11);
    expect(searches[0].body!.search_after).toBeUndefined();
    expect(searches[1].body!.search_after).toEqual(expect.any(Array));
    expect(searches.every((s) => (s.body!.pit as { id: string }).id === 'pit-1' && s.body!.size === 100)).toBe(true);
    expect(progress).toEqual([100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1041]);
    expect(server.received.filter((r) => r.method === 'DELETE' && r.path === '/_pit')).toHaveLength(1);
    expect(server.openPits()).toBe(0);
  });

  test('an index pattern spans indices; the pattern goes in the point-in-time URL', async () => {
    const server = await serve({}, { 'winlogbeat-a': DOCS.slice(0, 500), 'winlogbeat-b': DOCS.slice(500), other: DOCS });
    const records = await readAll(`elasticsearch://${server.host}/winlogbeat-*`, processNamed('svchost.exe'));
    expect(records).toHaveLength(363);
    expect(server.received[0]).toMatchObject({ method: 'POST', path: '/winlogbeat-*/_pit' });
    expect(server.received[0].query.get('keep_alive')).toBe('1m');
  });
});

describe('authentication', () => {
  test('sends basic auth from KESTREL_ES_USERNAME and KESTREL_ES_PASSWORD', async () => {
    process.env.KESTREL_ES_USERNAME = 'hunter';
    process.env.KESTREL_ES_PASSWORD = 's3cret:pw';
    const server = await serve({ authorization: `Basic ${Buffer.from('hunter:s3cret:pw').toString('base64')}` });
    expect(await readAll(`elasticsearch://${server.host}/winlogbeat-host101`, processNamed('schtasks.exe'))).toHaveLength(39);
  });

  test('sends an API key from KESTREL_ES_API_KEY, encoding id:key', async () => {
    process.env.KESTREL_ES_API_KEY = 'VuaCfGcBCdbkQm-e5aOx:ui2lp2axTNmsyakw9tvNnw';
    const server = await serve({ authorization: `ApiKey ${Buffer.from('VuaCfGcBCdbkQm-e5aOx:ui2lp2axTNmsyakw9tvNnw').toString('base64')}` });
    expect(await readAll(`elasticsearch://${server.host}/winlogbeat-host101`, processNamed('schtasks.exe'))).toHaveLength(39);
  });

  test('401: E_DATA_SOURCE naming the endpoint and the credentials, never the password', async () => {
    process.env.KESTREL_ES_USERNAME = 'hunter';
    process.env.KESTREL_ES_PASSWORD = 'wrong-password';
    const server = await serve({ authorization: 'Basic nope' });
    const e = await rejection(readAll(`elasticsearch://${server.host}/winlogbeat-host101`));
    expect(e).toMatchObject({ code: 'E_DATA_SOURCE', file: `elasticsearch://${server.host}/winlogbeat-host101` });
    expect(e.message).toContain('HTTP 401 (security_exception');
    expect(e.hint).toContain('KESTREL_ES_USERNAME');
    expect(JSON.stringify(e) + String(e.message) + String(e.hint)).not.toContain('wrong-password');
  });
});

describe('failures', () => {
  test('a 503 is retried, then the read succeeds', async () => {
    let failures = 0;
    const server = await serve({ intercept: (r) => (r.path === '/_search' && failures++ < 2 ? error(503, 'unavailable', 'busy') : undefined) });
    expect(await readAll(`elasticsearch://${server.host}/winlogbeat-host101`, processNamed('schtasks.exe'))).toHaveLength(39);
    expect(server.received.filter((r) => r.path === '/_search')).toHaveLength(3);
  });

  test('a server that keeps failing mid-paging: the read throws E_DATA_SOURCE with the status, and closes the point in time', async () => {
    process.env.KESTREL_ES_PAGE_SIZE = '100';
    process.env.KESTREL_ES_MAX_RETRIES = '1';
    let searches = 0;
    const server = await serve({ intercept: (r) => (r.path === '/_search' && ++searches > 3 ? error(500, 'search_phase_execution_exception', 'all shards failed') : undefined) });
    const yielded: Observation[] = [];
    const e = await rejection((async () => {
      for await (const o of elasticsearchConnector.read(`elasticsearch://${server.host}/winlogbeat-host101`, { baseDir: __dirname })) yielded.push(o);
    })());
    expect(e).toMatchObject({ code: 'E_DATA_SOURCE', file: `elasticsearch://${server.host}/winlogbeat-host101` });
    expect(e.message).toContain(`elasticsearch://${server.host}/winlogbeat-host101`);
    expect(e.message).toContain('search page 4 failed: HTTP 500 (search_phase_execution_exception: all shards failed)');
    expect(e.message).not.toContain('    at ');
    // The read throws after the pages it had: the engine, which reads a source whole before ingesting, loads nothing.
    expect(yielded).toHaveLength(300);
    expect(server.openPits()).toBe(0);
  });

  test('an unknown index: E_DATA_SOURCE saying so', async () => {
    const server = await serve();
    const e = await rejection(readAll(`elasticsearch://${server.host}/nope`));
    expect(e).toMatchObject({ code: 'E_DATA_SOURCE', hint: expect.stringContaining('index pattern') });
    expect(e.message).toContain('HTTP 404 (index_not_found_exception: no such index [nope])');
  });

  test('an unreachable server: E_DATA_SOURCE naming the endpoint', async () => {
    process.env.KESTREL_ES_MAX_RETRIES = '0';
    const server = await serve();
    const host = server.host;
    await server.close();
    es = undefined;
    const e = await rejection(readAll(`elasticsearch://${host}/winlogbeat-host101`));
    expect(e).toMatchObject({ code: 'E_DATA_SOURCE', file: `elasticsearch://${host}/winlogbeat-host101`, hint: expect.stringContaining('running') });
    expect(e.message).toContain(`elasticsearch://${host}/winlogbeat-host101 (http://${host})`);
    expect(e.message).toContain('cannot connect');
  });

  test('a server that is not Elasticsearch is refused', async () => {
    const other = await serveLoopback((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"x"}'));
    try {
      const e = await rejection(readAll(`elasticsearch://${other.base.replace('http://', '')}/idx`));
      expect(e).toMatchObject({ code: 'E_DATA_SOURCE', message: expect.stringContaining('not Elasticsearch') });
    } finally {
      await other.close();
    }
  });
});
