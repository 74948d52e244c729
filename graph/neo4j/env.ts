import type { Neo4jOptions } from './options';

/** The server named by NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD and NEO4J_DATABASE; undefined without NEO4J_URI. */
export function neo4jOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): Neo4jOptions | undefined {
  if (!env.NEO4J_URI) return undefined;
  return { uri: env.NEO4J_URI, user: env.NEO4J_USER, password: env.NEO4J_PASSWORD, database: env.NEO4J_DATABASE || undefined };
}
