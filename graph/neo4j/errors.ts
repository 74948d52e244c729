import { isKestrelError, KestrelError } from '../../src/model/errors';

const RERUN = 'batches already written are whole, and re-running the hunt is safe (every write is a MERGE)';

/** The URI without any user name or password written into it. */
export function redactUri(uri: string): string {
  return uri.replace(/^([a-z0-9+.-]+:\/\/)[^@/]*@/i, '$1');
}

function codeOf(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

/**
 * A driver error as E_GRAPH_STORE, naming the server (never the password) and what was being done. `secret`
 * is scrubbed from the driver's own message in case a server echoes it. `writing`: the error interrupted a
 * load, so the hint says what a re-run does.
 */
export function storeError(e: unknown, at: { uri: string; database?: string; secret?: string }, doing: string, writing = false): KestrelError {
  if (isKestrelError(e)) return e;
  const where = `Neo4j at ${redactUri(at.uri)}`;
  const code = codeOf(e);
  let text = e instanceof Error ? e.message : String(e);
  if (at.secret) text = text.split(at.secret).join('***');
  const rerun = writing ? `; ${RERUN}` : '';
  if (code === 'Neo.ClientError.Security.Unauthorized') {
    return new KestrelError('E_GRAPH_STORE', `${where} refused the user name or password (${doing})`, {
      hint: 'check NEO4J_USER and NEO4J_PASSWORD',
    });
  }
  if (code === 'Neo.ClientError.Security.AuthenticationRateLimit') {
    return new KestrelError('E_GRAPH_STORE', `${where} refuses logins for a few seconds after failed tries (${doing})`, {
      hint: 'wait a few seconds and run again; if it comes back, check NEO4J_USER and NEO4J_PASSWORD',
    });
  }
  // A server that accepts the connection but never answers (stopped, overloaded) is told by the pool's timeout.
  if (code === 'ServiceUnavailable' || code === 'SessionExpired' || text.startsWith('Connection acquisition timed out')) {
    return new KestrelError('E_GRAPH_STORE', `${where} cannot be reached or went away (${doing}): ${text}`, {
      hint: `check that the server is running and the URI (bolt://host:7687 or neo4j://host:7687); a server slow to answer needs a longer --neo4j-timeout${rerun}`,
    });
  }
  if (code === 'Neo.ClientError.Database.DatabaseNotFound') {
    return new KestrelError('E_GRAPH_STORE', `${where} has no database "${at.database ?? ''}" (${doing})`, {
      hint: 'check NEO4J_DATABASE (Community Edition has only "neo4j")',
    });
  }
  return new KestrelError('E_GRAPH_STORE', `${where}: ${doing} failed${code ? ` (${code})` : ''}: ${text}`, writing ? { hint: RERUN } : {});
}
