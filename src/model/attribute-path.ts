/**
 * An attribute path as Kestrel writes it: `name`, `parent_ref.name`, `hashes.'SHA-256'`,
 * `opened_connection_refs[*].dst_ref.value`. Segments ending in _ref/_refs follow references.
 */
export interface PathSegment {
  name: string;
  isRef: boolean;
}

export function parsePath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  let i = 0;
  while (i < path.length) {
    let name = '';
    const q = path[i];
    if (q === "'" || q === '"') {
      const end = path.indexOf(q, i + 1);
      name = path.slice(i + 1, end < 0 ? path.length : end);
      i = end < 0 ? path.length : end + 1;
    } else {
      const dot = path.indexOf('.', i);
      name = path.slice(i, dot < 0 ? path.length : dot);
      i = dot < 0 ? path.length : dot;
    }
    name = name.replace(/\[\*\]$/, '');
    segments.push({ name, isRef: /_refs?$/.test(name) });
    if (path[i] === '.') i++;
  }
  return segments;
}
