import type * as Es from '@elastic/elasticsearch';
import { isKestrelError, KestrelError } from '../../src/model/errors';
import type { Settings } from './settings';

/**
 * A failed request as E_DATA_SOURCE naming the endpoint, what went wrong (HTTP status and Elasticsearch's
 * reason, or the connection problem) and what to check. Credentials never appear: they travel in headers.
 */
export function requestError(e: unknown, settings: Settings, doing: string): KestrelError {
  if (isKestrelError(e)) return e;
  const { errors } = require('@elastic/elasticsearch') as typeof Es;
  const at = `${settings.location} (${settings.node})`;
  const fail = (what: string, hint: string) => new KestrelError('E_DATA_SOURCE', `${at}: ${doing} failed: ${what}`, { file: settings.location, hint });
  if (e instanceof errors.ResponseError) {
    const status = e.statusCode ?? 0;
    const cause = (e.body as { error?: { type?: string; reason?: string } } | undefined)?.error;
    const why = cause && typeof cause === 'object' ? `${cause.type ?? 'error'}${cause.reason ? `: ${cause.reason}` : ''}` : 'no reason given';
    return fail(`HTTP ${status} (${why.slice(0, 300)})`, statusHint(status, cause?.type, settings));
  }
  if (e instanceof errors.TimeoutError) {
    return fail(`no answer within ${settings.requestTimeoutMs / 1000} s`, `the server may be overloaded or the query too broad; the timeout comes from ${settings.configuredBy}`);
  }
  if (e instanceof errors.ProductNotSupportedError) {
    return fail('the server is not Elasticsearch (no x-elastic-product header)', 'check the host and port: they must name an Elasticsearch node');
  }
  if (e instanceof errors.ConnectionError || e instanceof errors.NoLivingConnectionsError) {
    const retries = settings.maxRetries ? ` after ${settings.maxRetries} retr${settings.maxRetries === 1 ? 'y' : 'ies'}` : '';
    return fail(`cannot connect${retries} (${e.message})`,
      'check the host and port, that Elasticsearch is running and reachable from this machine, and http against https (elasticsearchs://, or http:// in a profile host)');
  }
  const message = e instanceof Error ? e.message : String(e);
  return fail(message.slice(0, 300), 'check that the server is an Elasticsearch node that supports point in time (7.10 or later)');
}

function statusHint(status: number, type: string | undefined, settings: Settings): string {
  if (status === 401) return `check the credentials from ${settings.configuredBy}`;
  if (status === 403) return 'the credentials are valid but may not read this index: they need the "read" privilege on it';
  if (type === 'index_not_found_exception') return 'check the index pattern: no index of that name exists';
  if (status === 404) return 'the server does not know point in time searches (Elasticsearch 7.10 or later is needed)';
  if (status === 400) return 'Elasticsearch rejected the query: a value may not suit the field it is compared with (text against a number field)';
  return 'the server failed; try again later, or check its logs';
}
