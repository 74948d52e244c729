import type { CanRead } from '../connector';
import { tableNameProblem } from './identifier';

/** Where a postgresql:// URI points: what pg connects with, and how messages and record sources name it. */
export interface PgSource {
  host: string;
  port: number;
  database: string;
  user?: string;
  password?: string;
  table: string;
  connectTimeoutMs: number;
  /** `postgresql://[user@]host:port/database?table=name`: the URI without password or connection options. */
  canonical: string;
  /** `host:port/database`, for messages. */
  endpoint: string;
}

const DEFAULT_TABLE = 'events';
const DEFAULT_PORT = 5432;
const DEFAULT_CONNECT_TIMEOUT_S = 10;
const SCHEME = /^postgres(?:ql)?:\/\//i;
const OPTIONS = new Set(['table', 'connect_timeout']);

export function checkUri(uri: string): CanRead {
  const parsed = parseUri(uri);
  return typeof parsed === 'string' ? { ok: false, reason: parsed } : { ok: true };
}

/**
 * The source a `postgresql://[user[:password]@]host[:port]/database[?table=events&connect_timeout=10]` URI
 * names, or why it names none. What the URI leaves out comes from libpq's PGHOST, PGPORT, PGDATABASE, PGUSER
 * and PGCONNECT_TIMEOUT; pg itself falls back to PGPASSWORD and ~/.pgpass for the password.
 */
export function parseUri(uri: string, env: NodeJS.ProcessEnv = process.env): PgSource | string {
  if (!SCHEME.test(uri)) return `postgresql reads postgresql:// and postgres:// URIs, not ${uri.slice(0, 80)}`;
  let url: URL;
  try {
    url = new URL(uri.replace(SCHEME, 'postgresql://'));
  } catch {
    return `${redact(uri)} is not a well-formed postgresql:// URI`;
  }
  const unknown = [...url.searchParams.keys()].filter((k) => !OPTIONS.has(k));
  if (unknown.length) return `postgresql URIs take only ?table= and ?connect_timeout=, not ${unknown.join(', ')}`;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase() || env.PGHOST || 'localhost';
  const port = Number(url.port || env.PGPORT || DEFAULT_PORT);
  if (!(Number.isInteger(port) && port > 0 && port < 65536)) return `${redact(uri)}: the port must be a number from 1 to 65535`;
  const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || env.PGDATABASE || '';
  if (database === '') return `${redact(uri)} names no database (postgresql://host:port/DATABASE, or PGDATABASE)`;
  const table = url.searchParams.get('table') ?? DEFAULT_TABLE;
  const problem = tableNameProblem(table);
  if (problem) return `${redact(uri)}: ${problem}`;
  const timeout = Number(url.searchParams.get('connect_timeout') ?? env.PGCONNECT_TIMEOUT ?? DEFAULT_CONNECT_TIMEOUT_S);
  if (!(timeout > 0)) return `${redact(uri)}: connect_timeout must be a positive number of seconds`;
  const user = decodeURIComponent(url.username) || env.PGUSER || undefined;
  const password = url.password ? decodeURIComponent(url.password) : undefined;
  const hostPort = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const endpoint = `${hostPort}/${database}`;
  const canonical =
    `postgresql://${user ? `${encodeURIComponent(user)}@` : ''}${hostPort}` +
    `/${encodeURIComponent(database)}?table=${encodeURIComponent(table)}`;
  return { host, port, database, user, password, table, connectTimeoutMs: timeout * 1000, canonical, endpoint };
}

/** The URI with any password replaced, for messages. */
export function redact(uri: string): string {
  return uri.replace(/^([a-z]+:\/\/[^/@:]*:)[^/@]*@/i, '$1***@').slice(0, 200);
}
