import { KestrelError } from '../../src/model/errors';
import type { Endpoint } from './endpoint';
import { DEFAULTS, MAX_PAGE_SIZE, type Auth, type Settings } from './settings';

export type Env = Readonly<Record<string, string | undefined>>;

/** The variables that configure `elasticsearch://` URIs (profiles carry their own configuration). */
export const ENV = {
  username: 'KESTREL_ES_USERNAME',
  password: 'KESTREL_ES_PASSWORD',
  apiKey: 'KESTREL_ES_API_KEY',
  ca: 'KESTREL_ES_CA',
  verify: 'KESTREL_ES_VERIFY_CERTS',
  timeout: 'KESTREL_ES_TIMEOUT',
  retries: 'KESTREL_ES_MAX_RETRIES',
  pageSize: 'KESTREL_ES_PAGE_SIZE',
} as const;

/** Settings for a direct URI from the environment; E_DATA_SOURCE naming the variable when one is wrong. */
export function settingsFromEnv(endpoint: Endpoint, env: Env): Settings {
  const value = (name: string): string | undefined => {
    const v = Object.hasOwn(env, name) ? env[name]?.trim() : undefined;
    return v === '' ? undefined : v;
  };
  const bad = (name: string, problem: string, hint: string): never => {
    throw new KestrelError('E_DATA_SOURCE', `${endpoint.location}: environment variable ${name} ${problem}`, { file: endpoint.location, hint });
  };
  const count = (name: string, min: number, max: number, fallback: number): number => {
    const v = value(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) bad(name, `is ${JSON.stringify(v.slice(0, 20))}, not a whole number from ${min} to ${max}`, `e.g. ${name}=${fallback}`);
    return n;
  };
  const username = value(ENV.username);
  const password = value(ENV.password);
  const apiKey = value(ENV.apiKey);
  if ((username === undefined) !== (password === undefined)) {
    bad(username === undefined ? ENV.password : ENV.username, `is set without ${username === undefined ? ENV.username : ENV.password}`, 'set both, or neither');
  }
  let auth: Auth | undefined;
  if (apiKey !== undefined) auth = { apiKey: encodedApiKey(apiKey) };
  else if (username !== undefined) auth = { username, password: password! };
  const verify = value(ENV.verify)?.toLowerCase();
  if (verify !== undefined && !['true', 'false', '1', '0'].includes(verify)) bad(ENV.verify, 'is neither true nor false', `${ENV.verify}=false skips checking the server's certificate`);
  const ca = value(ENV.ca);
  return {
    ...endpoint,
    ...(auth ? { auth } : {}),
    ...(ca ? { ca: { file: ca } } : {}),
    rejectUnauthorized: verify !== 'false' && verify !== '0',
    requestTimeoutMs: count(ENV.timeout, 1, 3600, DEFAULTS.requestTimeoutMs / 1000) * 1000,
    maxRetries: count(ENV.retries, 0, 20, DEFAULTS.maxRetries),
    pageSize: count(ENV.pageSize, 1, MAX_PAGE_SIZE, DEFAULTS.pageSize),
    configuredBy: `the ${Object.values(ENV).join(', ')} environment variables`,
  };
}

/** The client sends an API key as given; `id:api_key` (as Elasticsearch's create-key API answers) is encoded first. */
function encodedApiKey(key: string): string {
  return key.includes(':') ? Buffer.from(key).toString('base64') : key;
}
