import type { GraphStore } from '../../graph/graph-store';
import type { ComparisonOp, Scalar } from '../lang/ast';
import type { IRComparison, IRValue, IRWhere } from '../ir/nodes';
import { KestrelError } from '../model/errors';
import type { AttrValue } from '../model/observation';
import { compare } from './compare';
import { pathValues, type PathOptions } from './path-values';
import { columnIndex } from './table';

/** Values of `var.attr` references, already evaluated. */
export type ReferenceValues = (variableId: number, attribute: string) => Scalar[];

export interface Resolved {
  cmp: IRComparison;
  op: ComparisonOp;
  operand: Scalar | Scalar[];
}
export type ResolvedWhere = Resolved | { kind: 'and' | 'or'; left: ResolvedWhere; right: ResolvedWhere };

function operandOf(v: IRValue, refs: ReferenceValues): Scalar[] {
  if (v.kind === 'literal') return [v.value];
  if (v.kind === 'list') return v.items.flatMap((i) => operandOf(i, refs));
  return refs(v.variable.id, v.attribute);
}

/** After dereferencing, = with several values is IN, != is NOT IN (Kestrel 1.x). */
export function resolve(w: IRWhere, refs: ReferenceValues): ResolvedWhere {
  if (w.kind !== 'comparison') return { kind: w.kind, left: resolve(w.left, refs), right: resolve(w.right, refs) };
  if (w.value.kind === 'literal') return { cmp: w, op: w.op, operand: w.value.value };
  const values = operandOf(w.value, refs);
  if (w.value.kind === 'list' || w.op === 'IN' || w.op === 'NOT IN') {
    return { cmp: w, op: w.op === 'NOT IN' || w.op === '!=' ? 'NOT IN' : w.op === '=' ? 'IN' : w.op, operand: values };
  }
  if (w.op === '=' || w.op === '!=') return { cmp: w, op: w.op === '=' ? 'IN' : 'NOT IN', operand: values };
  if (values.length !== 1) {
    const ref = w.value;
    throw new KestrelError('E_INVALID_REFERENCE',
      `${w.attribute} ${w.op} ${ref.variable.name}.${ref.attribute}: the reference has ${values.length} values, ${w.op} needs one`,
      { hint: 'use = or IN with a reference to several values, or narrow the variable first' });
  }
  return { cmp: w, op: w.op, operand: values[0] };
}

function comparisons(w: ResolvedWhere): Resolved[] {
  return 'cmp' in w ? [w] : [...comparisons(w.left), ...comparisons(w.right)];
}

function holds(w: ResolvedWhere, valuesOf: (c: Resolved) => AttrValue[]): boolean {
  if ('cmp' in w) return compare(valuesOf(w), w.op, w.operand);
  return w.kind === 'and' ? holds(w.left, valuesOf) && holds(w.right, valuesOf) : holds(w.left, valuesOf) || holds(w.right, valuesOf);
}

/**
 * The entities (in input order) that satisfy the WHERE. Comparisons on the returned type read the entity and
 * what its references reach; comparisons on another type must hold for an entity of that type in one record
 * that mentions the entity (Kestrel's extended subgraph).
 */
export async function filterEntities(
  store: GraphStore,
  ids: readonly string[],
  where: IRWhere,
  refs: ReferenceValues,
  { scope, depths }: Pick<PathOptions, 'scope' | 'depths'> = {},
  /** Told which records satisfied a WHERE with comparisons on other entity types. */
  matched?: Set<string>,
): Promise<string[]> {
  const resolved = resolve(where, refs);
  const all = comparisons(resolved);
  const centered = new Map<string, Map<string, AttrValue[]>>();
  for (const c of all.filter((c) => !c.cmp.entityType)) {
    if (!centered.has(c.cmp.attribute)) centered.set(c.cmp.attribute, await pathValues(store, ids, c.cmp.attribute, { variants: true, scope, depths }));
  }
  const centeredValues = (id: string) => (c: Resolved) => centered.get(c.cmp.attribute)?.get(id) ?? [];
  const extended = all.filter((c) => c.cmp.entityType);
  if (!extended.length) return ids.filter((id) => holds(resolved, centeredValues(id)));

  const recordsOf = await store.recordsOf(ids, scope);
  const recordIds = [...new Set([...recordsOf.values()].flat())];
  const byRecordType = new Map<string, Map<string, string[]>>();
  const extValues = new Map<string, Map<string, AttrValue[]>>();
  for (const c of extended) {
    const type = c.cmp.entityType!;
    if (!byRecordType.has(type)) byRecordType.set(type, await store.mentionedBy(recordIds, type));
    const key = `${type}\u0000${c.cmp.attribute}`;
    if (!extValues.has(key)) {
      const others = [...new Set([...byRecordType.get(type)!.values()].flat())];
      extValues.set(key, await pathValues(store, others, c.cmp.attribute, { variants: true, scope }));
    }
  }
  const recordHolds = (id: string, record: string) =>
    holds(resolved, (c) => {
      if (!c.cmp.entityType) return centeredValues(id)(c);
      const others = byRecordType.get(c.cmp.entityType)!.get(record) ?? [];
      const values = extValues.get(`${c.cmp.entityType}\u0000${c.cmp.attribute}`)!;
      return others.flatMap((o) => values.get(o) ?? []);
    });
  return ids.filter((id) => {
    const holding = (recordsOf.get(id) ?? []).filter((record) => recordHolds(id, record));
    for (const r of holding) matched?.add(r);
    return holding.length > 0;
  });
}

/** The WHERE as a predicate over table rows (GROUP and JOIN results): each comparison reads one column. */
export function rowPredicate(where: IRWhere, refs: ReferenceValues, columns: readonly string[]): (row: readonly AttrValue[]) => boolean {
  const resolved = resolve(where, refs);
  const index = new Map(comparisons(resolved).map((c) => [c.cmp.attribute, columnIndex(columns, c.cmp.attribute)]));
  return (row) => holds(resolved, (c) => {
    const v = row[index.get(c.cmp.attribute)!];
    return v === null || v === undefined ? [] : Array.isArray(v) ? v : [v];
  });
}
