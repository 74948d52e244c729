import { dependencies, referencedVariables, visit, type IRNode } from '../../ir/nodes';

/** How a node keeps up in a live hunt (`kestrel run --follow`), as EXPLAIN shows it. */
export interface LiveMode {
  node: number;
  kind: string;
  update: 'incremental' | 'recomputes' | 'fixed';
  why: string;
}

/**
 * The node's value depends on other variables' values (a `var.attr` in its WHERE, a time window inferred from them),
 * or on what the graph does not keep (SIGMA reads the events as logged).
 */
export function readsVariables(node: IRNode): boolean {
  return visit<boolean>(node, {
    source: (n) => n.sigma !== undefined || referencedVariables(n.where).length > 0 || n.time?.kind === 'inferred',
    filter: (n) => referencedVariables(n.where).length > 0,
    find: (n) => referencedVariables(n.where).length > 0 || n.time?.kind === 'inferred',
    construct: () => false,
    merge: () => false,
    sort: () => false,
    slice: () => false,
    project: () => false,
    transform: () => false,
    group: () => false,
    join: () => false,
    track: () => false,
    variable: () => false,
  });
}

/** What each node does with a batch of new records: checks only what the batch touched, or computes again. */
export function liveMode(node: IRNode): LiveMode {
  const of = (update: LiveMode['update'], why: string): LiveMode => ({ node: node.id, kind: node.kind, update, why });
  if (node.kind === 'source' && node.sigma) return of('recomputes', 'SIGMA matches the events as logged again when a batch brings records');
  if (readsVariables(node)) return of('recomputes', 'its WHERE or time window reads another variable: recomputed when a batch brings records');
  return visit<LiveMode>(node, {
    source: (n) => of('incremental', n.limit === undefined
      ? 'checks the entities the new records mention (and those whose references reach them)'
      : 'checks new entities until LIMIT is reached, then stays (entities come in first-seen order)'),
    filter: () => of('incremental', 'checks new input entities and input entities the batch touched'),
    find: (n) => n.depth
      ? of('recomputes', 'a DEPTH walk is walked again when a batch adds input entities or touches processes')
      : n.limit !== undefined
        ? of('recomputes', 'FIND with LIMIT is recomputed when its input or the graph changes')
        : of('incremental', 'traverses from new input entities and from input entities the batch touched'),
    construct: () => of('fixed', 'NEW and LOAD rows do not change'),
    merge: () => of('incremental', 'appends what its inputs gained'),
    sort: () => of('recomputes', 'sorted again when its input changes'),
    slice: () => of('recomputes', 'LIMIT/OFFSET taken again when its input changes (SORT with LIMIT recomputes)'),
    project: () => of('incremental', 'passes its input through'),
    transform: () => of('incremental', 'passes its input through'),
    group: () => of('recomputes', 'groups again when its input changes or the batch touches its entities'),
    join: () => of('recomputes', 'joined again when either side changes or the batch touches their entities'),
    track: () => of('recomputes', 'TRACK walks again when its input changes or a batch brings records'),
    variable: () => of('incremental', 'passes its input through'),
  });
}

/** Every node behind `node`, inputs first. */
export function nodesBehind(roots: readonly IRNode[]): IRNode[] {
  const out: IRNode[] = [];
  const seen = new Set<number>();
  const walk = (n: IRNode): void => {
    if (seen.has(n.id)) return;
    seen.add(n.id);
    for (const d of dependencies(n)) walk(d);
    out.push(n);
  };
  for (const r of roots) walk(r);
  return out;
}

/** EXPLAIN under --follow: how each node of the DAG behind a variable keeps up. */
export function liveModes(node: IRNode): LiveMode[] {
  return nodesBehind([node]).map(liveMode);
}
