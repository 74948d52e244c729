import type { CypherQuery } from './cypher';

export interface Neo4jOptions {
  /** bolt://host:7687, neo4j://host:7687 (routing), or their +s/+ssc TLS forms. */
  uri: string;
  user?: string;
  password?: string;
  /** Default: the server's default database. */
  database?: string;
  /** Records per write transaction (default 5000). */
  batchSize?: number;
  /**
   * How long to wait for the server before reporting it (default 5000 ms): to connect, to get a connection from
   * the pool, and to retry a transaction the server failed or dropped.
   */
  timeoutMs?: number;
  /** Longest silence between two sightings of one process without a GUID (default one hour, as MemoryStore). */
  processGapMs?: number;
  /** Told every statement before it runs, with its parameters (what EXPLAIN can show, or a debug log). */
  onQuery?: (query: CypherQuery) => void;
}
