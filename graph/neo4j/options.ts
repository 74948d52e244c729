import type { CypherQuery } from './cypher';

export interface Neo4jOptions {
  /** bolt://host:7687, neo4j://host:7687 (routing), or their +s/+ssc TLS forms. */
  uri: string;
  user?: string;
  password?: string;
  /** Default: the server's default database. */
  database?: string;
  /** Records per write transaction (default 1000). */
  batchSize?: number;
  /** Longest silence between two sightings of one process without a GUID (default one hour, as MemoryStore). */
  processGapMs?: number;
  /** Told every statement before it runs, with its parameters (what EXPLAIN can show, or a debug log). */
  onQuery?: (query: CypherQuery) => void;
}
