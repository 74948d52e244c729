import neo4j, { type Config, type Driver } from 'neo4j-driver';
import { KestrelError } from '../../src/model/errors';
import { redactUri } from './errors';
import type { Neo4jOptions } from './options';

/** Bolt to one server, neo4j to a cluster or Aura (routing); `+s` with TLS, `+ssc` with TLS to a self-signed certificate. */
export const URI_SCHEMES = ['bolt', 'bolt+s', 'bolt+ssc', 'neo4j', 'neo4j+s', 'neo4j+ssc'] as const;

export const DEFAULT_TIMEOUT_MS = 5000;

/**
 * Numbers come back as JS numbers; a server that does not answer is reported after `timeoutMs` rather than the
 * driver's 30 to 60 s (a load retried that long looks hung).
 */
export function driverConfig(options: Neo4jOptions): Config {
  const ms = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return { disableLosslessIntegers: true, connectionTimeout: ms, connectionAcquisitionTimeout: ms, maxTransactionRetryTime: ms };
}

/** A driver for the options (no authentication when neither user nor password is given). */
export function openDriver(options: Neo4jOptions): Driver {
  const scheme = /^([a-z0-9+.-]+):\/\//i.exec(options.uri)?.[1].toLowerCase();
  if (!URI_SCHEMES.some((s) => s === scheme)) {
    throw new KestrelError('E_GRAPH_STORE', `${redactUri(options.uri)} is not the URI of a Neo4j server`, {
      hint: `write ${URI_SCHEMES.map((s) => `${s}://`).join(', ')} before the host: bolt://localhost:7687 for one server, neo4j+s://ID.databases.neo4j.io for Aura or a cluster`,
    });
  }
  const auth = options.user === undefined && options.password === undefined
    ? undefined
    : neo4j.auth.basic(options.user ?? 'neo4j', options.password ?? '');
  return neo4j.driver(options.uri, auth, driverConfig(options));
}
