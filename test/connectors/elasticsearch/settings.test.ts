import { checkUri, parseUri } from '../../../connectors/elasticsearch/endpoint';
import { settingsFromEnv } from '../../../connectors/elasticsearch/env-settings';
import { settingsFromProfile } from '../../../connectors/elasticsearch/profile-settings';
import { checkProfile, loadProfiles } from '../../../connectors/profiles';

describe('URIs', () => {
  test.each([
    ['elasticsearch://es.local/winlogbeat-*', { node: 'http://es.local:9200', index: 'winlogbeat-*', location: 'elasticsearch://es.local:9200/winlogbeat-*' }],
    ['elasticsearchs://ES.local:9243/a,b/', { node: 'https://es.local:9243', index: 'a,b', location: 'elasticsearch://es.local:9243/a,b' }],
    ['ELASTICSEARCH://10.0.0.5:9201/logs-%2A', { node: 'http://10.0.0.5:9201', index: 'logs-*', location: 'elasticsearch://10.0.0.5:9201/logs-*' }],
  ])('%s', (uri, endpoint) => {
    expect(checkUri(uri)).toEqual({ ok: true });
    expect(parseUri(uri)).toEqual(endpoint);
  });

  test.each([
    ['https://es.local/x', /reads elasticsearch:\/\/ and elasticsearchs:\/\/ URIs/],
    ['elasticsearch://es.local', /names no index/],
    ['elasticsearch://es.local/', /names no index/],
    ['elasticsearch://me:pw@es.local/x', /take no credentials: set KESTREL_ES_USERNAME/],
    ['elasticsearch://es.local/x?size=1', /query or fragment/],
    ['elasticsearch://es local/x', /not a valid URI/],
  ])('declines %s, saying why', (uri, reason) => {
    const verdict = checkUri(uri);
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.reason).toMatch(reason);
    expect(!verdict.ok && verdict.reason).not.toContain('pw@');
  });
});

describe('settings from the environment', () => {
  const endpoint = parseUri('elasticsearch://es.local/x');
  test('defaults: no credentials, 30 s, 3 retries, pages of 1000, certificates checked', () => {
    expect(settingsFromEnv(endpoint, {})).toMatchObject({ requestTimeoutMs: 30_000, maxRetries: 3, pageSize: 1000, rejectUnauthorized: true });
    expect(settingsFromEnv(endpoint, {}).auth).toBeUndefined();
  });

  test('credentials, CA, verification, timeout, retries and page size', () => {
    expect(settingsFromEnv(endpoint, {
      KESTREL_ES_USERNAME: 'u', KESTREL_ES_PASSWORD: 'p', KESTREL_ES_CA: '/etc/ca.pem', KESTREL_ES_VERIFY_CERTS: 'false',
      KESTREL_ES_TIMEOUT: '5', KESTREL_ES_MAX_RETRIES: '0', KESTREL_ES_PAGE_SIZE: '50',
    })).toMatchObject({ auth: { username: 'u', password: 'p' }, ca: { file: '/etc/ca.pem' }, rejectUnauthorized: false, requestTimeoutMs: 5000, maxRetries: 0, pageSize: 50 });
    expect(settingsFromEnv(endpoint, { KESTREL_ES_API_KEY: 'ZW5jb2RlZA==' }).auth).toEqual({ apiKey: 'ZW5jb2RlZA==' });
  });

  test.each([
    [{ KESTREL_ES_PAGE_SIZE: '20000' }, /KESTREL_ES_PAGE_SIZE is "20000", not a whole number from 1 to 10000/],
    [{ KESTREL_ES_TIMEOUT: 'soon' }, /KESTREL_ES_TIMEOUT/],
    [{ KESTREL_ES_PASSWORD: 'secret-pw' }, /KESTREL_ES_PASSWORD is set without KESTREL_ES_USERNAME/],
    [{ KESTREL_ES_VERIFY_CERTS: 'maybe' }, /neither true nor false/],
  ])('a bad variable: E_DATA_SOURCE naming it', (env, message) => {
    expect(() => settingsFromEnv(endpoint, env)).toThrow(message);
    try {
      settingsFromEnv(endpoint, env);
    } catch (e) {
      expect(e).toMatchObject({ code: 'E_DATA_SOURCE', file: 'elasticsearch://es.local:9200/x' });
      expect((e as Error).message).not.toContain('secret-pw');
    }
  });
});

describe('settings from an elastic_ecs profile', () => {
  const profile = (connection: object, config: object = {}) => checkProfile(loadProfiles({
    env: {
      KESTREL_STIXSHIFTER_CONFIG: '/nonexistent.yaml',
      STIXSHIFTER_P_CONNECTOR: 'elastic_ecs',
      STIXSHIFTER_P_CONNECTION: JSON.stringify(connection),
      STIXSHIFTER_P_CONFIG: JSON.stringify(config),
    },
  }).get('p')!);

  test('selfSignedCert: a PEM is the CA to trust, false skips checking', () => {
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
    expect(settingsFromProfile(profile({ host: 'es', selfSignedCert: pem }))).toMatchObject({ ca: { pem }, rejectUnauthorized: true, node: 'https://es:443' });
    expect(settingsFromProfile(profile({ host: 'es', selfSignedCert: false }))).toMatchObject({ rejectUnauthorized: false });
  });

  test('options: timeout (or Kestrel\'s single_batch_timeout), max_retries, retrieval_batch_size', () => {
    expect(settingsFromProfile(profile({ host: 'es', options: { single_batch_timeout: 60, max_retries: 1, retrieval_batch_size: 2000 } })))
      .toMatchObject({ requestTimeoutMs: 60_000, maxRetries: 1, pageSize: 2000 });
    expect(settingsFromProfile(profile({ host: 'es', options: { timeout: 7 } })).requestTimeoutMs).toBe(7000);
  });

  test('auth: api_key alone, access_token, and nulls meaning none', () => {
    expect(settingsFromProfile(profile({ host: 'es' }, { auth: { api_key: 'ZW5j' } })).auth).toEqual({ apiKey: 'ZW5j' });
    expect(settingsFromProfile(profile({ host: 'es' }, { auth: { access_token: 't' } })).auth).toEqual({ bearer: 't' });
    expect(settingsFromProfile(profile({ host: 'es' }, { auth: { username: null, password: null } })).auth).toBeUndefined();
  });
});
