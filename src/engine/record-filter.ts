import type { Scalar } from '../lang/ast';
import { parsePath, type PathSegment } from '../model/attribute-path';
import { RECORD_ATTRIBUTES } from '../model/entity-types';
import type { AttrValue, Observation, ObservedObject } from '../model/observation';
import type { QueryComparison, QueryFilter, QueryOp, SourceQuery } from '../model/source-query';
import { timeOf } from '../../graph/resolve';
import { compare } from './compare';
import { DEPTH_COLUMN } from './path-values';

type Verdict = 'yes' | 'no' | 'maybe';

/** Comparisons a record can refute by itself: it holds the attribute and no value of it passes. */
const DECIDABLE: ReadonlySet<QueryOp> = new Set(['=', 'IN', 'LIKE', 'MATCHES', '<', '<=', '>', '>=']);

/**
 * Which records a GET needs from a source it reads by query (a large file, docs/DECISIONS.md 46): those that
 * mention an entity of the GET's type that may match its WHERE, inside its window. A superset: an attribute
 * the record does not hold, a negation, a reference it cannot follow keep the record, as the entity may match
 * through its other records; the GET filters the entities again after prefetch has brought all their records.
 */
export function recordFilter(query: SourceQuery): (record: Observation) => boolean {
  const where = query.where && compile(query.where);
  return (record) => {
    if (query.start !== undefined || query.stop !== undefined) {
      const t = timeOf(record.firstObserved);
      if (t !== undefined && ((query.start !== undefined && t < query.start) || (query.stop !== undefined && t >= query.stop))) return false;
    }
    let byKey: Map<string, ObservedObject> | undefined;
    const objects = () => (byKey ??= new Map(record.objects.map((o) => [o.key, o])));
    for (const o of record.objects) {
      if (o.type !== query.entityType) continue;
      if (!where || verdict(where, o, objects) !== 'no') return true;
    }
    return false;
  };
}

/** A comparison with its path parsed once. */
type Compiled = (QueryComparison & { path: PathSegment[] }) | { kind: 'and' | 'or'; left: Compiled; right: Compiled };

function compile(filter: QueryFilter): Compiled {
  if (filter.kind === 'comparison') return { ...filter, path: parsePath(filter.attribute) };
  return { kind: filter.kind, left: compile(filter.left), right: compile(filter.right) };
}

function verdict(filter: Compiled, o: ObservedObject, objects: () => ReadonlyMap<string, ObservedObject>): Verdict {
  if (filter.kind === 'comparison') return comparison(filter, o, objects);
  const left = verdict(filter.left, o, objects);
  if (filter.kind === 'and') return left === 'no' ? 'no' : both(left, verdict(filter.right, o, objects));
  return left === 'yes' ? 'yes' : either(left, verdict(filter.right, o, objects));
}

const both = (a: Verdict, b: Verdict): Verdict => (b === 'no' ? 'no' : a === 'yes' && b === 'yes' ? 'yes' : 'maybe');
const either = (a: Verdict, b: Verdict): Verdict => (b === 'yes' ? 'yes' : a === 'no' && b === 'no' ? 'no' : 'maybe');

function comparison(c: QueryComparison & { path: PathSegment[] }, o: ObservedObject, objects: () => ReadonlyMap<string, ObservedObject>): Verdict {
  if (!DECIDABLE.has(c.op) || c.value === null || c.entityType !== o.type) return 'maybe';
  if (RECORD_ATTRIBUTES.includes(c.attribute) || c.attribute === DEPTH_COLUMN) return 'maybe';
  const values = valuesAt(o, c.path, objects);
  if (values === undefined || values.length === 0) return 'maybe';
  if (c.op === '=' || c.op === 'IN') {
    // Identities ignore case (a Windows path, a domain): a record may spell the entity another way.
    const wanted = new Set((Array.isArray(c.value) ? c.value : [c.value]).map(folded));
    return values.some((v) => wanted.has(folded(v as Scalar))) || compare(values, c.op, c.value as Scalar | Scalar[]) ? 'yes' : 'no';
  }
  return compare(values, c.op, c.value as Scalar | Scalar[]) ? 'yes' : 'no';
}

/** The values a path reaches from an object inside its record; undefined when a reference leaves the record. */
function valuesAt(o: ObservedObject, path: readonly PathSegment[], objects: () => ReadonlyMap<string, ObservedObject>): AttrValue[] | undefined {
  let current: ObservedObject[] = [o];
  let i = 0;
  for (; i < path.length && path[i].isRef; i++) {
    const next: ObservedObject[] = [];
    for (const x of current) {
      const target = x.refs[path[i].name];
      for (const key of target === undefined ? [] : Array.isArray(target) ? target : [target]) {
        const t = objects().get(key);
        if (!t) return undefined;
        next.push(t);
      }
    }
    if (!next.length) return undefined;
    current = next;
  }
  if (i === path.length || path[i].name === 'id' || path[i].name === 'type') return undefined;
  const out: AttrValue[] = [];
  for (const x of current) {
    let values: AttrValue[] = [x.attrs[path[i].name]];
    for (let j = i + 1; j < path.length; j++) {
      if (path[j].isRef) return undefined;
      values = values.map((v) => (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.prototype.hasOwnProperty.call(v, path[j].name) ? v[path[j].name] : undefined) as AttrValue);
    }
    for (const v of values) push(out, v);
  }
  return out;
}

function push(out: AttrValue[], v: AttrValue | undefined): void {
  if (v === undefined || v === null) return;
  if (Array.isArray(v)) for (const x of v) push(out, x);
  else out.push(v);
}

const folded = (v: Scalar): Scalar => (typeof v === 'string' ? v.toLowerCase() : v);
