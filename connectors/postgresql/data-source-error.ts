import { KestrelError } from '../../src/model/errors';
import type { PgSource } from './uri';

type PgFailure = Error & { code?: string };

const CREDENTIALS_HINT =
  "check the user (the URI's user@, else PGUSER) and its password (in the URI, PGPASSWORD or ~/.pgpass), and the server's pg_hba.conf";

/** E_DATA_SOURCE naming the endpoint (never the password), with what went wrong and what to check. */
export function dataSourceError(source: PgSource, e: unknown): KestrelError {
  const error = e as PgFailure;
  const [what, hint] = explain(source, error);
  const message = `postgresql://${source.endpoint}: ${what}`;
  return new KestrelError('E_DATA_SOURCE', source.password ? message.split(source.password).join('***') : message, {
    file: source.canonical,
    hint,
  });
}

function explain(source: PgSource, error: PgFailure): [string, string] {
  const hostPort = source.endpoint.replace(/\/.*/, '');
  switch (error.code) {
    case 'ECONNREFUSED':
      return ['cannot connect (connection refused)', `check that PostgreSQL is running and listening on ${hostPort}`];
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return [`cannot connect (unknown host ${source.host})`, 'check the host name in the URI (or PGHOST)'];
    case '28P01':
    case '28000':
      return [`authentication failed for user ${userOf(source)}`, CREDENTIALS_HINT];
    case '3D000':
      return [`database ${JSON.stringify(source.database)} does not exist`, 'check the database name in the URI'];
    case '42P01':
      return [
        `table ${JSON.stringify(source.table)} does not exist`,
        'load events with loadEcsNdjson (connectors/postgresql/README.md), or name the table with ?table=',
      ];
    case '42703':
      return [
        `table ${JSON.stringify(source.table)} lacks the events columns (${error.message})`,
        'the table must have the columns of connectors/postgresql/schema.ts',
      ];
  }
  // pg's own SCRAM step, before the server is asked: the URI, PGPASSWORD and ~/.pgpass gave no password.
  if (/client password must be a (non-empty )?string/.test(error.message)) {
    return [`no password for user ${userOf(source)}, and the server asks for one`, CREDENTIALS_HINT];
  }
  if (/timeout/i.test(error.message)) {
    return [
      `no answer within ${source.connectTimeoutMs / 1000} s`,
      `check that ${hostPort} is reachable from this machine, or raise ?connect_timeout=SECONDS`,
    ];
  }
  return [`query failed (${error.message})`, 'check that the server is up and the table follows connectors/postgresql/schema.ts'];
}

/** The user pg logs in as, quoted: the URI's or PGUSER, else the login name. */
function userOf(source: PgSource): string {
  return JSON.stringify(source.user ?? process.env.USER ?? '');
}
