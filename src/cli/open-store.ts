import { MemoryStore } from '../../graph/memory-store';
import type { GraphStore } from '../../graph/graph-store';
import { neo4jOptionsFromEnv } from '../../graph/neo4j/env';
import { KestrelError } from '../model/errors';

export interface StoreOptions {
  backend?: string;
  neo4jUri?: string;
  /** Seconds to wait for the Neo4j server (connecting, getting a connection, retrying a transaction). */
  neo4jTimeout?: string;
}

export const BACKENDS = ['memory', 'neo4j'] as const;

function timeoutMs(seconds: string | undefined): number | undefined {
  if (seconds === undefined) return undefined;
  const n = Number(seconds);
  if (seconds.trim() === '' || !Number.isFinite(n) || n <= 0) {
    throw new KestrelError('E_GRAPH_STORE', `--neo4j-timeout ${seconds} is not a number of seconds`, { hint: 'give a positive number of seconds, e.g. --neo4j-timeout 60' });
  }
  return Math.round(n * 1000);
}

/**
 * The graph store a command runs on: the embedded store, or a Neo4j server named by `--neo4j-uri`
 * or NEO4J_URI, with NEO4J_USER, NEO4J_PASSWORD and NEO4J_DATABASE (flags and variables combine, flags
 * winning). Throws E_GRAPH_STORE when the server cannot be used and E_NOT_IMPLEMENTED for a backend
 * kestrel-ts does not have.
 */
export async function openStore(opts: StoreOptions): Promise<{ store: GraphStore; close: () => Promise<void> }> {
  const backend = opts.backend ?? 'memory';
  if (backend === 'memory') return { store: new MemoryStore(), close: async () => undefined };
  if (backend !== 'neo4j') {
    throw new KestrelError('E_NOT_IMPLEMENTED', `backend "${backend}" is not available`, { hint: `backends are ${BACKENDS.join(' and ')}` });
  }
  const options = neo4jOptionsFromEnv(process.env, { uri: opts.neo4jUri, timeoutMs: timeoutMs(opts.neo4jTimeout) });
  if (!options) {
    throw new KestrelError('E_GRAPH_STORE', '--backend neo4j needs the address of a Neo4j server', {
      hint: 'give --neo4j-uri bolt://HOST:7687 or set NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE)',
    });
  }
  // The driver is loaded only for this backend: it costs a quarter of a second to load.
  const { Neo4jStore } = await import('../../graph/neo4j/neo4j-store');
  const store = await Neo4jStore.connect(options);
  return { store, close: () => store.close() };
}
