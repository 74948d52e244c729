import type { IRWhere } from '../ir/nodes';
import { lookupKeys } from '../model/lookup-keys';
import type { QueryFilter, SourceQuery } from '../model/source-query';
import type { EntityNode } from '../../graph/graph-store';
import { resolve, type ReferenceValues, type ResolvedWhere } from './where';

function filterOf(w: ResolvedWhere, entityType: string): QueryFilter {
  if (!('cmp' in w)) return { kind: w.kind, left: filterOf(w.left, entityType), right: filterOf(w.right, entityType) };
  return { kind: 'comparison', entityType: w.cmp.entityType ?? entityType, attribute: w.cmp.attribute, op: w.op, value: w.operand };
}

/** What a GET asks its source for: the WHERE with references replaced by their values, and the window. */
export function sourceQuery(entityType: string, where: IRWhere | undefined, refs: ReferenceValues, window: { start?: number; stop?: number }): SourceQuery {
  return { entityType, ...(where && { where: filterOf(resolve(where, refs), entityType) }), ...window };
}

/**
 * Prefetch: the query for every record of these entities in a source, by every key they have. A process
 * is asked for by GUID and by pid, as sensors without GUIDs (Security 4688, a Sysmon event for a process
 * that has exited) name it by pid alone; the pid brings more than needed, and identity resolution keeps
 * what belongs to the entity.
 */
export function prefetchQuery(entityType: string, entities: readonly EntityNode[]): SourceQuery | undefined {
  const keys = lookupKeys(entityType);
  const wanted = new Map<string, Set<string | number>>();
  for (const e of entities) {
    for (const key of keys) {
      const v = e.attrs[key];
      if (typeof v !== 'string' && typeof v !== 'number') continue;
      if (!wanted.has(key)) wanted.set(key, new Set());
      wanted.get(key)!.add(v);
    }
  }
  const filters: QueryFilter[] = [...wanted].map(([attribute, values]) => ({ kind: 'comparison', entityType, attribute, op: 'IN', value: [...values] }));
  if (!filters.length) return undefined;
  return { entityType, where: filters.reduce((left, right) => ({ kind: 'or', left, right })) };
}
