import type { CanRead } from '../connector';

/** Where an index pattern lives: the node URL the client talks to and the canonical source name. */
export interface Endpoint {
  /** `http(s)://host:port` */
  node: string;
  /** One index, a pattern (`winlogbeat-*`) or several separated by commas. */
  index: string;
  /** `elasticsearch://host:port/index`: never credentials, whatever the scheme. */
  location: string;
}

export const DEFAULT_PORT = 9200;
const SCHEME = /^(elasticsearchs?):\/\//i;
const USAGE = 'write elasticsearch://HOST[:PORT]/INDEX_PATTERN (elasticsearchs:// for https)';

export function checkUri(uri: string): CanRead {
  const scheme = SCHEME.exec(uri);
  if (!scheme) return { ok: false, reason: `elasticsearch reads elasticsearch:// and elasticsearchs:// URIs, not ${uri.slice(0, 80)}` };
  let url: URL;
  try {
    url = new URL(`http://${uri.slice(scheme[0].length)}`);
  } catch {
    return { ok: false, reason: `${uri.slice(0, 80)} is not a valid URI: ${USAGE}` };
  }
  if (url.username || url.password) {
    return { ok: false, reason: `${scheme[1]}:// URIs take no credentials: set KESTREL_ES_USERNAME and KESTREL_ES_PASSWORD, or KESTREL_ES_API_KEY` };
  }
  if (url.search || url.hash) return { ok: false, reason: `${uri.slice(0, 80)} has a query or fragment: ${USAGE}` };
  if (indexOf(url) === '') return { ok: false, reason: `${uri.slice(0, 80)} names no index: ${USAGE}` };
  return { ok: true };
}

/** The endpoint of a URI checkUri accepted. */
export function parseUri(uri: string): Endpoint {
  const scheme = SCHEME.exec(uri)!;
  const url = new URL(`http://${uri.slice(scheme[0].length)}`);
  const protocol = scheme[1].toLowerCase() === 'elasticsearchs' ? 'https' : 'http';
  return endpointOf(protocol, url.hostname, url.port === '' ? DEFAULT_PORT : Number(url.port), indexOf(url));
}

export function endpointOf(protocol: 'http' | 'https', hostname: string, port: number, index: string): Endpoint {
  const host = `${hostname.toLowerCase()}:${port}`;
  return { node: `${protocol}://${host}`, index, location: `elasticsearch://${host}/${index}` };
}

function indexOf(url: URL): string {
  const path = url.pathname.replace(/^\/+|\/+$/g, '');
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // A stray `%` is part of the name as written.
  }
  return decoded
    .split(',')
    .map((i) => i.trim())
    .filter((i) => i !== '')
    .join(',');
}
