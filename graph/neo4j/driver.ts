import neo4j, { type Driver } from 'neo4j-driver';
import type { Neo4jOptions } from './options';

/** A driver for the options (no authentication when neither user nor password is given); numbers come back as JS numbers. */
export function openDriver(options: Neo4jOptions): Driver {
  const auth = options.user === undefined && options.password === undefined
    ? undefined
    : neo4j.auth.basic(options.user ?? 'neo4j', options.password ?? '');
  return neo4j.driver(options.uri, auth, { disableLosslessIntegers: true });
}
