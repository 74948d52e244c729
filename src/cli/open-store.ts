import { MemoryStore } from '../../graph/memory-store';
import type { GraphStore } from '../../graph/graph-store';
import { neo4jOptionsFromEnv } from '../../graph/neo4j/env';
import { KestrelError } from '../model/errors';

export interface StoreOptions {
  backend?: string;
  neo4jUri?: string;
}

export const BACKENDS = ['memory', 'neo4j'] as const;

/**
 * The graph store a command runs on: the embedded graphology store, or a Neo4j server named by `--neo4j-uri`
 * or NEO4J_URI (with NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE). Throws E_GRAPH_STORE when the server cannot
 * be used and E_NOT_IMPLEMENTED for a backend kestrel-ts does not have.
 */
export async function openStore(opts: StoreOptions): Promise<{ store: GraphStore; close: () => Promise<void> }> {
  const backend = opts.backend ?? 'memory';
  if (backend === 'memory') return { store: new MemoryStore(), close: async () => undefined };
  if (backend !== 'neo4j') {
    throw new KestrelError('E_NOT_IMPLEMENTED', `backend "${backend}" is not available`, { hint: `backends are ${BACKENDS.join(' and ')}` });
  }
  const env = neo4jOptionsFromEnv();
  const uri = opts.neo4jUri ?? env?.uri;
  if (!uri) {
    throw new KestrelError('E_GRAPH_STORE', '--backend neo4j needs the address of a Neo4j server', {
      hint: 'give --neo4j-uri bolt://HOST:7687 or set NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE)',
    });
  }
  // The driver is loaded only for this backend: it costs a quarter of a second to load.
  const { Neo4jStore } = await import('../../graph/neo4j/neo4j-store');
  const store = await Neo4jStore.connect({ ...env, uri });
  return { store, close: () => store.close() };
}
