import { KestrelError } from '../../src/model/errors';
import type { InterfaceSource } from '../ocsf/interface-source';
import { isPlainObject } from '../profiles/plain-values';

/** How to reach a datasource's OpenSearch: never holds credentials in what is shown (`location`, `node`). */
export interface Endpoint {
  /** `opensearch://NAME` */
  location: string;
  /** The connection's url without credentials or trailing `/`: `https://host:9200` (or with a proxy's path). */
  node: string;
  /** `Basic …` from the connection's auth (or the url's user and password). */
  authorization?: string;
  /** false when the connection says `verify_certs: false`. */
  rejectUnauthorized: boolean;
}

/** The endpoint of a datasource's connection (`url`, `auth: {username, password}`, `verify_certs`), as Kestrel 2 writes it. */
export function endpointOf(ds: InterfaceSource): Endpoint {
  const location = `opensearch://${ds.name}`;
  const fail = (problem: string, hint: string) => new KestrelError('E_DATA_SOURCE', `${location}: its connection ${problem}`, { hint });
  let url: URL;
  try {
    url = new URL(ds.url);
  } catch {
    throw fail('has a url that is not a URL', 'write url: https://HOST:9200');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw fail(`has a ${url.protocol}// url`, 'write url: https://HOST:9200 (or http://)');
  const { auth, verify_certs: verify } = ds.connection;
  let credentials: [string, string] | undefined;
  if (auth !== undefined && auth !== null) {
    const scalar = (v: unknown) => typeof v === 'string' || typeof v === 'number';
    if (!isPlainObject(auth) || !scalar(auth.username) || !scalar(auth.password)) throw fail('has an auth that is not {username, password}', 'write auth: {username: …, password: …}');
    credentials = [String(auth.username), String(auth.password)];
  } else if (url.username) {
    credentials = [decodeURIComponent(url.username), decodeURIComponent(url.password)];
  }
  if (verify !== undefined && verify !== null && typeof verify !== 'boolean') throw fail('has a verify_certs that is neither true nor false', 'verify_certs: false skips checking the server\'s certificate');
  return {
    location,
    node: `${url.origin}${url.pathname.replace(/\/+$/, '')}`,
    ...(credentials ? { authorization: `Basic ${Buffer.from(credentials.join(':')).toString('base64')}` } : {}),
    rejectUnauthorized: verify !== false,
  };
}
