import { KestrelError } from '../../src/model/errors';
import { where, type CheckedProfile } from '../profiles';
import { endpointOf } from './endpoint';
import { DEFAULTS, MAX_PAGE_SIZE, type Auth, type Settings } from './settings';

/** stix-shifter's default port for elastic_ecs. */
const PROFILE_PORT = 443;
const EXAMPLE = 'e.g. connection: {host: elastic.example.com, port: 9200, indices: "winlogbeat-*"}';

/**
 * Settings from a stix-shifter `elastic_ecs` profile: `connection.{host, port, indices, selfSignedCert, options}` and
 * `config.auth` (`username`/`password`, `id`/`api_key`, `api_key`, or `access_token`). stix-shifter always speaks
 * https; a host written with `http://` is reached over http. Throws E_DATA_SOURCE_PROFILE, never showing `config`.
 */
export function settingsFromProfile(profile: CheckedProfile): Settings {
  const fail = (problem: string, hint: string): never => {
    throw new KestrelError('E_DATA_SOURCE_PROFILE', `data-source profile ${profile.name} (${where(profile)}) ${problem}`, { hint });
  };
  const c = profile.connection;
  if (profile.hosts.length !== 1) fail('has several hosts in connection.host', `an elastic_ecs profile names one Elasticsearch node, ${EXAMPLE}`);
  const written = profile.hosts[0];
  let url: URL | undefined;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(written) ? written : `https://${written}`);
  } catch {
    // reported below
  }
  if (!url || !['http:', 'https:'].includes(url.protocol) || url.username || url.password || (url.pathname !== '/' && url.pathname !== '')) {
    fail(`has connection.host ${JSON.stringify(written.slice(0, 80))}, not a host name`, `write the host name or address alone, ${EXAMPLE}; credentials go in config.auth`);
  }
  const port = option(c.port, url!.port === '' ? PROFILE_PORT : Number(url!.port), 1, 65535, () => fail('has a connection.port that is not a port number', EXAMPLE));
  const indices = indicesOf(c.indices);
  if (indices === undefined) fail('has connection.indices that is neither a string nor a list of strings', 'e.g. indices: "winlogbeat-*,logs-*" or indices: [host101]');
  const options = (c.options ?? {}) as Record<string, unknown>;
  const badOption = (name: string) => () => fail(`has connection.options.${name} that is not a positive number`, `e.g. options: {${name}: ${name === 'retrieval_batch_size' ? DEFAULTS.pageSize : 60}}`);
  const timeoutSeconds = option(options.timeout ?? options.single_batch_timeout, DEFAULTS.requestTimeoutMs / 1000, 1, 3600,
    badOption(options.timeout !== undefined ? 'timeout' : 'single_batch_timeout'));
  const cert = c.selfSignedCert;
  if (cert !== undefined && cert !== null && typeof cert !== 'string' && typeof cert !== 'boolean') {
    fail('has a connection.selfSignedCert that is neither a PEM certificate nor true/false', 'paste the PEM text of the certificate, or write selfSignedCert: false to skip checking it');
  }
  return {
    ...endpointOf(url!.protocol === 'http:' ? 'http' : 'https', url!.hostname, port, indices ?? '*'),
    ...authOf(profile.config.auth, fail),
    ...(typeof cert === 'string' && cert.trim() !== '' ? { ca: { pem: cert } } : {}),
    rejectUnauthorized: cert !== false,
    requestTimeoutMs: timeoutSeconds * 1000,
    maxRetries: option(options.max_retries, DEFAULTS.maxRetries, 0, 20, badOption('max_retries')),
    pageSize: option(options.retrieval_batch_size, DEFAULTS.pageSize, 1, MAX_PAGE_SIZE, badOption('retrieval_batch_size')),
    configuredBy: `profile ${profile.name} (${where(profile)})`,
  };
}

function option(value: unknown, fallback: number, min: number, max: number, bad: () => never): number {
  if (value === undefined || value === null) return fallback;
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < min || n > max) return bad();
  return Math.floor(n);
}

/** stix-shifter's indices: a comma-separated string or a list; absent means every index. */
function indicesOf(indices: unknown): string | undefined {
  if (indices === undefined || indices === null) return '*';
  const list = typeof indices === 'string' ? indices.split(',') : Array.isArray(indices) && indices.every((i) => typeof i === 'string') ? indices as string[] : undefined;
  if (!list) return undefined;
  const names = list.map((i) => i.trim()).filter((i) => i !== '');
  return names.length ? names.join(',') : '*';
}

/** stix-shifter's order: username and password, then id and api_key, then access_token. */
function authOf(auth: unknown, fail: (problem: string, hint: string) => never): { auth?: Auth } {
  if (auth === undefined || auth === null) return {};
  if (typeof auth !== 'object' || Array.isArray(auth)) return fail('has a config.auth that is not a mapping', 'write config: {auth: {username: …, password: …}} or {auth: {id: …, api_key: …}}');
  const a = auth as Record<string, unknown>;
  const text = (key: string): string | undefined => (Object.hasOwn(a, key) && typeof a[key] === 'string' && a[key] !== '' ? (a[key] as string) : undefined);
  const [username, password, id, apiKey, token] = ['username', 'password', 'id', 'api_key', 'access_token'].map(text);
  if (username !== undefined && password !== undefined) return { auth: { username, password } };
  if (apiKey !== undefined) return { auth: { apiKey: id !== undefined ? { id, api_key: apiKey } : apiKey } };
  if (token !== undefined) return { auth: { bearer: token } };
  if (username !== undefined || password !== undefined || id !== undefined) {
    return fail('has an incomplete config.auth', 'give username and password, or id and api_key (or api_key alone, encoded)');
  }
  return {};
}
