/**
 * Evaluates the query DSL the way Elasticsearch does over keyword-like fields, for the fake server: term, terms,
 * wildcard, regexp, range, exists, bool (must, filter, should with minimum_should_match, must_not), match_all.
 * A query it does not know throws, and the server answers 400 as Elasticsearch would.
 */
export type Doc = Record<string, unknown>;

export class UnsupportedQuery extends Error {}

export function matches(query: unknown, doc: Doc): boolean {
  const q = query as Record<string, unknown>;
  const kinds = Object.keys(q);
  if (kinds.length !== 1) throw new UnsupportedQuery(`a query has exactly one kind, not ${kinds.join(', ') || 'none'}`);
  const kind = kinds[0];
  const body = q[kind] as Record<string, unknown>;
  switch (kind) {
    case 'match_all':
      return true;
    case 'bool':
      return bool(body, doc);
    case 'exists':
      return values(doc, body.field as string).length > 0;
    case 'term': {
      const [field, spec] = single(body);
      const wanted = isObject(spec) ? spec.value : spec;
      return values(doc, field).some((v) => same(v, wanted));
    }
    case 'terms': {
      const [field, list] = single(body);
      return values(doc, field).some((v) => (list as unknown[]).some((w) => same(v, w)));
    }
    case 'wildcard': {
      const [field, spec] = single(body);
      const s = spec as { value: string; case_insensitive?: boolean };
      const re = new RegExp(`^${wildcardSource(s.value)}$`, s.case_insensitive ? 'is' : 's');
      return values(doc, field).some((v) => typeof v === 'string' && re.test(v));
    }
    case 'regexp': {
      const [field, spec] = single(body);
      const re = new RegExp(`^(?:${luceneSource((spec as { value: string }).value)})$`, 's');
      return values(doc, field).some((v) => typeof v === 'string' && re.test(v));
    }
    case 'range': {
      const [field, spec] = single(body);
      return values(doc, field).some((v) => inRange(v, spec as Record<string, unknown>));
    }
    default:
      throw new UnsupportedQuery(`unknown query [${kind}]`);
  }
}

function bool(b: Record<string, unknown>, doc: Doc): boolean {
  const list = (k: string): unknown[] => (b[k] === undefined ? [] : Array.isArray(b[k]) ? (b[k] as unknown[]) : [b[k]]);
  if (![...list('must'), ...list('filter')].every((q) => matches(q, doc))) return false;
  if (list('must_not').some((q) => matches(q, doc))) return false;
  const should = list('should');
  const musts = list('must').length + list('filter').length;
  const minimum = Number(b.minimum_should_match ?? (musts === 0 && should.length > 0 ? 1 : 0));
  return should.filter((q) => matches(q, doc)).length >= minimum;
}

function single(body: Record<string, unknown>): [string, unknown] {
  const keys = Object.keys(body).filter((k) => k !== 'boost');
  if (keys.length !== 1) throw new UnsupportedQuery(`expected one field, got ${keys.join(', ')}`);
  return [keys[0], body[keys[0]]];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A field's values: nested objects or dotted keys, arrays flattened, nulls dropped (as Elasticsearch indexes them). */
export function values(doc: Doc, field: string): unknown[] {
  const found: unknown[] = [];
  const walk = (o: unknown, rest: string): void => {
    if (Array.isArray(o)) return o.forEach((x) => walk(x, rest));
    if (!isObject(o)) return;
    if (Object.hasOwn(o, rest)) collect(o[rest]);
    const segments = rest.split('.');
    for (let i = 1; i < segments.length; i++) {
      const head = segments.slice(0, i).join('.');
      if (Object.hasOwn(o, head)) walk(o[head], segments.slice(i).join('.'));
    }
  };
  const collect = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(collect);
    else if (v !== null && v !== undefined && !isObject(v)) found.push(v);
  };
  walk(doc, field);
  return found;
}

/** Elasticsearch turns the query's value into the field's type: "4" finds 4, 4 finds "4". */
function same(v: unknown, wanted: unknown): boolean {
  return v === wanted || String(v) === String(wanted);
}

function inRange(v: unknown, spec: Record<string, unknown>): boolean {
  const asNumber = (x: unknown): number => (spec.format === 'epoch_millis' && typeof x === 'string' ? Date.parse(x) : Number(x));
  const numeric = typeof v === 'number' || spec.format === 'epoch_millis';
  const cmp = (bound: unknown): number => {
    if (numeric) return asNumber(v) - asNumber(bound);
    const [a, b] = [String(v), String(bound)];
    return a < b ? -1 : a > b ? 1 : 0;
  };
  const checks: Record<string, (d: number) => boolean> = { gt: (d) => d > 0, gte: (d) => d >= 0, lt: (d) => d < 0, lte: (d) => d <= 0 };
  return Object.entries(checks).every(([k, ok]) => spec[k] === undefined || ok(cmp(spec[k])));
}

/** An Elasticsearch wildcard (`*`, `?`, `\` escapes) as a JavaScript regular expression source. */
function wildcardSource(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') out += escape(pattern[++i] ?? '\\');
    else out += c === '*' ? '.*' : c === '?' ? '.' : escape(c);
  }
  return out;
}

/**
 * A Lucene regexp as a JavaScript regular expression source, for the syntax both share (`.`, `*`, `+`, `?`,
 * `{n,m}`, `|`, groups, classes); `\c` is the literal c. Lucene's optional operators are refused.
 */
function luceneSource(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') out += escape(pattern[++i]);
    else if (inClass) {
      if (c === ']') inClass = false;
      out += c;
    } else if (c === '[') {
      inClass = true;
      out += c;
    } else if ('~&@<>#"'.includes(c)) throw new UnsupportedQuery(`the fake server does not evaluate Lucene's ${c} operator`);
    else out += c;
  }
  return out;
}

function escape(c: string): string {
  return /[A-Za-z0-9]/.test(c) || c.charCodeAt(0) > 127 ? c : `\\${c === '\n' ? 'n' : c === '\t' ? 't' : c === '\r' ? 'r' : c}`;
}
