import type { Neo4jOptions } from './options';

const defined = (o: object): Partial<Neo4jOptions> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/**
 * The server named by `flags` and by NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD and NEO4J_DATABASE, combined with the
 * flags winning (an undefined flag leaves the variable); undefined when neither names a URI.
 */
export function neo4jOptionsFromEnv(env: NodeJS.ProcessEnv = process.env, flags: Partial<Neo4jOptions> = {}): Neo4jOptions | undefined {
  const options = {
    ...defined({ uri: env.NEO4J_URI || undefined, user: env.NEO4J_USER, password: env.NEO4J_PASSWORD, database: env.NEO4J_DATABASE || undefined }),
    ...defined(flags),
  };
  return options.uri ? { ...options, uri: options.uri } : undefined;
}
