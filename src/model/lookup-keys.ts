/** Attributes that pick out entities of a type in a source. */
const KEYS: Readonly<Record<string, readonly string[]>> = {
  process: ['x_unique_id', 'pid'],
  file: ['name'],
  directory: ['path'],
  'user-account': ['user_id', 'account_login'],
  'windows-registry-key': ['key'],
  // Part of a connection's identity, and rarely shared (an ephemeral port) where dst_port is not.
  'network-traffic': ['src_port'],
};

/**
 * The attributes prefetch asks a source for an entity by (src/engine/source-query.ts), and by which a file's
 * records are indexed to answer it (connectors/event-logs/record-index.ts).
 */
export function lookupKeys(entityType: string): readonly string[] {
  return KEYS[entityType] ?? ['value'];
}
