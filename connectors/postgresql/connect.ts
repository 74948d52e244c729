import type { Client } from 'pg';
import { dataSourceError } from './data-source-error';
import type { PgSource } from './uri';

/** Waits before each retry of a refused connection (a server that is starting or restarting). */
const RETRY_DELAYS_MS = [200, 600];
/** SQLSTATE 57P03: the server is starting up. */
const RETRYABLE = new Set(['ECONNREFUSED', '57P03']);

/** A connected pg client, or E_DATA_SOURCE. The password, when the URI has none, comes from PGPASSWORD or ~/.pgpass. */
export async function connect(source: PgSource): Promise<Client> {
  for (let attempt = 0; ; attempt++) {
    const client = new (pgClient())({
      host: source.host,
      port: source.port,
      database: source.database,
      user: source.user,
      password: source.password,
      connectionTimeoutMillis: source.connectTimeoutMs,
      application_name: 'kestrel-ts',
    });
    // A connection that breaks between queries is reported by the next query; without a listener it would crash the process.
    client.on('error', () => undefined);
    try {
      await client.connect();
      return client;
    } catch (e) {
      // A failed handshake can leave the socket open, which would keep the process alive until the server drops it.
      await client.end().catch(() => undefined);
      const code = (e as { code?: string }).code;
      if (attempt >= RETRY_DELAYS_MS.length || !RETRYABLE.has(code ?? '')) throw dataSourceError(source, e);
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[attempt]));
    }
  }
}

/** The PostgreSQL client library, loaded on first connection (hunts without PostgreSQL do not pay for it). */
function pgClient(): typeof Client {
  return (require('pg') as typeof import('pg')).Client;
}
