import { KestrelError } from '../../src/model/errors';
import { openDriver } from './driver';
import { redactUri, storeError } from './errors';
import type { Neo4jOptions } from './options';

/**
 * Deletes every node of the database, for the conformance suite and the benchmark. Refuses unless the user
 * named a database for it (NEO4J_DATABASE) or said the server is a scratch one (KESTREL_NEO4J_TEST=1), so
 * that pointing NEO4J_URI at a real server cannot wipe it by accident.
 */
export async function clearTestDatabase(options: Neo4jOptions, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (!env.NEO4J_DATABASE && env.KESTREL_NEO4J_TEST !== '1') {
    throw new KestrelError('E_GRAPH_STORE', `refusing to empty the default database of Neo4j at ${redactUri(options.uri)}`, {
      hint: 'name a scratch database with NEO4J_DATABASE, or set KESTREL_NEO4J_TEST=1 if the whole server is for tests',
    });
  }
  const driver = openDriver(options);
  const session = driver.session({ database: options.database });
  try {
    await session.run('MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  } catch (e) {
    throw storeError(e, { uri: options.uri, database: options.database, secret: options.password }, 'emptying the test database');
  } finally {
    await session.close();
    await driver.close();
  }
}
