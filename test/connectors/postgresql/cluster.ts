import * as path from 'node:path';
import { loadEcsNdjson } from '../../../connectors/postgresql';
import { FIXTURES } from '../../hunt';
import { hasPostgres, startPgCluster, type PgCluster } from '../../pg-cluster';

export const EVENTS_FILE = path.join(FIXTURES, 'postgresql', 'schtask_create.ecs.ndjson');
export const EVENTS_IN_FILE = 1041;

/** `describe`, or `describe.skip` saying why when PostgreSQL is not installed. */
export function describeWithPostgres(name: string, body: () => void): void {
  if (hasPostgres()) describe(name, body);
  else {
    console.log(`${name}: skipped, initdb and pg_ctl are not on PATH (install PostgreSQL 15 to run it)`);
    describe.skip(name, body);
  }
}

/** One throwaway cluster for the calling test file, with the fixture events loaded into "events". */
export function useEventsCluster(): { cluster: () => PgCluster } {
  let cluster: PgCluster | undefined;
  beforeAll(async () => {
    cluster = await startPgCluster();
    console.log(`throwaway PostgreSQL cluster started in ${cluster.startedInMs} ms`);
    await loadEcsNdjson(cluster.uri, EVENTS_FILE);
  }, 60_000);
  afterAll(async () => cluster?.stop());
  return {
    cluster: () => {
      if (!cluster) throw new Error('the PostgreSQL cluster did not start');
      return cluster;
    },
  };
}
