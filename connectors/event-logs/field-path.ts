/** Reads one field of a document by its dotted path. */
export type FieldGetter = (doc: Record<string, unknown>) => unknown;

/**
 * A getter for a dotted path that finds the value in nested objects (`{process: {name}}`), under a flat
 * dotted key (`{"process.name"}`, as SQL rows arrive) or any mix of the two. The joined keys are built once
 * here, so a lookup costs only property reads.
 */
export function fieldGetter(path: string): FieldGetter {
  const segments = path.split('.');
  const n = segments.length;
  // A key that Object.prototype also has ("constructor") must be an own property: the slower read.
  const read = segments.some((s) => s in Object.prototype) ? own : plain;
  if (n === 1) return (doc) => read(doc, path);
  // joined[i][j] is segments i..j joined by '.'
  const joined = segments.map((_, i) => segments.map((__, j) => (j < i ? '' : segments.slice(i, j + 1).join('.'))));
  const lookup = (o: Record<string, unknown>, i: number): unknown => {
    for (let j = i; j < n; j++) {
      const v = read(o, joined[i][j]);
      if (v === undefined) continue;
      if (j === n - 1) return v;
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
        const found = lookup(v as Record<string, unknown>, j + 1);
        if (found !== undefined) return found;
      }
    }
    return undefined;
  };
  return (doc) => lookup(doc, 0);
}

function own(o: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}

function plain(o: Record<string, unknown>, key: string): unknown {
  return o[key];
}
