import * as path from 'node:path';
import type { Connector, ReadContext } from '../../connectors/connector';
import { elasticsearchConnector } from '../../connectors/elasticsearch';
import { profileConnector, type Profiles } from '../../connectors/profiles';
import { loadProfiles } from '../../connectors/profiles';
import { stixBundleConnector } from '../../connectors/stix-bundle';
import type { Observation } from '../../src/model/observation';
import type { SourceQuery } from '../../src/model/source-query';
import { rejection } from '../thrown';
import { readNdjson, serveElasticsearch, type FakeElasticsearch } from './elasticsearch/es-server';

const DOCS = readNdjson(path.join(__dirname, '../fixtures/elasticsearch/schtask_create.ecs.ndjson'));
const NO_FILE = { KESTREL_STIXSHIFTER_CONFIG: '/nonexistent/stixshifter.yaml' };
const ctx: ReadContext = { baseDir: __dirname };
const schtasks: SourceQuery = { entityType: 'process', where: { kind: 'comparison', entityType: 'process', attribute: 'name', op: '=', value: 'schtasks.exe' } };

let es: FakeElasticsearch | undefined;
afterEach(async () => {
  await es?.close();
  es = undefined;
});

function profiles(connection: object, config?: object): Profiles {
  return loadProfiles({
    env: {
      ...NO_FILE,
      STIXSHIFTER_HOST101_CONNECTOR: 'elastic_ecs',
      STIXSHIFTER_HOST101_CONNECTION: JSON.stringify(connection),
      ...(config ? { STIXSHIFTER_HOST101_CONFIG: JSON.stringify(config) } : {}),
    },
  });
}

function connector(connection: object, config?: object): Connector {
  return profileConnector(profiles(connection, config), [stixBundleConnector, elasticsearchConnector]);
}

async function readAll(c: Connector, query?: SourceQuery): Promise<Observation[]> {
  const out: Observation[] = [];
  for await (const o of c.read('stixshifter://host101', ctx, query)) out.push(o);
  return out;
}

describe('elastic_ecs profiles', () => {
  test('are read by the elasticsearch connector: locate is the endpoint, indices the index pattern', () => {
    const c = connector({ host: 'elastic.securitylog.company.com', port: 9200, indices: 'host101, winlogbeat-*' }, { auth: { id: 'VuaCfGcBCdbkQm-e5aOx', api_key: 'ui2lp2axTNmsyakw9tvNnw' } });
    expect(c.canRead('stixshifter://host101')).toEqual({ ok: true });
    expect(c.locate('stixshifter://HOST101', ctx)).toBe('elasticsearch://elastic.securitylog.company.com:9200/host101,winlogbeat-*');
  });

  test('without indices every index is searched; the port defaults to stix-shifter\'s 443', () => {
    expect(connector({ host: 'es.example.com' }).locate('stixshifter://host101', ctx)).toBe('elasticsearch://es.example.com:443/*');
  });

  test('push the GET down, with the profile\'s API key (id and api_key) and page size', async () => {
    const key = `ApiKey ${Buffer.from('VuaCfGcBCdbkQm-e5aOx:ui2lp2axTNmsyakw9tvNnw').toString('base64')}`;
    es = await serveElasticsearch({ host101: DOCS }, { authorization: key });
    const [hostname, port] = es.host.split(':');
    const c = connector(
      { host: `http://${hostname}`, port: Number(port), indices: 'host101', options: { retrieval_batch_size: 10 } },
      { auth: { id: 'VuaCfGcBCdbkQm-e5aOx', api_key: 'ui2lp2axTNmsyakw9tvNnw' } },
    );
    const records = await readAll(c, schtasks);
    expect(records).toHaveLength(39);
    expect(records[0].source).toBe(`elasticsearch://${es.host}/host101`);
    expect(es.received.filter((r) => r.path === '/_search')).toHaveLength(4);
    const native = c.nativeQuery!('stixshifter://host101', schtasks, ctx)!;
    expect(native.language).toBe('elasticsearch-dsl');
    expect(JSON.parse(native.statement)).toMatchObject({ index: 'host101', size: 10 });
    expect(native.statement).not.toContain('ui2lp2axTNmsyakw9tvNnw');
  });

  test('send basic auth from username and password', async () => {
    es = await serveElasticsearch({ host101: DOCS }, { authorization: `Basic ${Buffer.from('elastic:changeme').toString('base64')}` });
    const c = connector({ host: `http://${es.host}`, indices: 'host101' }, { auth: { username: 'elastic', password: 'changeme' } });
    expect(await readAll(c, schtasks)).toHaveLength(39);
  });

  test('a failing server: E_DATA_SOURCE naming the profile and the endpoint, never the credentials', async () => {
    es = await serveElasticsearch({ host101: DOCS }, { authorization: 'Basic other' });
    const c = connector({ host: `http://${es.host}`, indices: 'host101' }, { auth: { username: 'elastic', password: 'hunter2-secret' } });
    const e = await rejection(readAll(c, schtasks));
    expect(e).toMatchObject({ code: 'E_DATA_SOURCE', file: `elasticsearch://${es.host}/host101` });
    expect(e.message).toMatch(/^stixshifter:\/\/host101: elasticsearch:\/\/.* HTTP 401/);
    expect(e.hint).toContain('profile host101');
    expect(JSON.stringify(e) + String(e.message) + String(e.hint)).not.toContain('hunter2-secret');
  });

  test.each<[string, object, object | undefined, RegExp]>([
    ['several hosts', { host: 'a.example.com, b.example.com' }, undefined, /several hosts/],
    ['a path in the host', { host: 'https://es.example.com/x' }, undefined, /not a host name/],
    ['credentials in the host', { host: 'https://me:pw@es.example.com' }, undefined, /not a host name/],
    ['a bad port', { host: 'es.example.com', port: 'ninety' }, undefined, /connection.port/],
    ['bad indices', { host: 'es.example.com', indices: 3 }, undefined, /connection.indices/],
    ['a bad page size', { host: 'es.example.com', options: { retrieval_batch_size: 0 } }, undefined, /retrieval_batch_size/],
    ['half the credentials', { host: 'es.example.com' }, { auth: { username: 'me-secret' } }, /incomplete config.auth/],
  ])('%s: E_DATA_SOURCE_PROFILE', async (_what, connection, config, message) => {
    const e = await rejection(() => connector(connection, config).locate('stixshifter://host101', ctx));
    expect(e).toMatchObject({ code: 'E_DATA_SOURCE_PROFILE', message: expect.stringMatching(message) });
    expect(String(e.message)).not.toContain('me-secret');
  });

  test('a stix_bundle profile has no native query: it is read whole', () => {
    const c = profileConnector(loadProfiles({ env: { ...NO_FILE, STIXSHIFTER_B_CONNECTOR: 'stix_bundle', STIXSHIFTER_B_CONNECTION: '{"host": "x.json"}' } }), [stixBundleConnector, elasticsearchConnector]);
    expect(c.nativeQuery!('stixshifter://b', schtasks, ctx)).toBeUndefined();
  });
});
