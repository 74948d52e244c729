/** A SQL LIKE pattern as an Elasticsearch wildcard: `%` → `*`, `_` → `?`, and `*`, `?`, `\` of the text escaped. */
export function likeToWildcard(pattern: string): string {
  return [...pattern].map((c) => (c === '%' ? '*' : c === '_' ? '?' : c === '*' || c === '?' || c === '\\' ? `\\${c}` : c)).join('');
}
