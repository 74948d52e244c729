import { dependencies, visit, type IRNode, type IRTime, type IRValue, type IRWhere, type VariableNode } from './nodes';

export interface ExplainNode {
  id: number;
  kind: string;
  detail: string;
  inputs: number[];
}

export interface NativeQuery {
  node: number;
  dataSources: string[];
  /** `stix-pattern` (what Kestrel 1.x sends through stix-shifter), or a source's own language. */
  language: string;
  statement: string;
  /** Values a parameterised statement binds: positional ($1, $2, … in SQL) or named ($ids in Cypher). */
  parameters?: unknown[] | Record<string, unknown>;
}

export interface Explanation {
  variable: string;
  dag: ExplainNode[];
  queries: NativeQuery[];
}

function stixString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function stixValue(v: IRValue): string {
  if (v.kind === 'literal') return typeof v.value === 'string' ? stixString(v.value) : String(v.value);
  if (v.kind === 'list') return `(${v.items.map(stixValue).join(', ')})`;
  return `<${v.variable.name}.${v.attribute} at run time>`;
}

/** The WHERE as a STIX pattern body: comparisons without a type get the returned type. */
export function toStix(w: IRWhere, centerType: string): string {
  if (w.kind !== 'comparison') {
    const sep = w.kind === 'and' ? ' AND ' : ' OR ';
    return `(${toStix(w.left, centerType)}${sep}${toStix(w.right, centerType)})`;
  }
  const path = `${w.entityType ?? centerType}:${w.attribute}`;
  if (w.value.kind === 'literal' && w.value.value === null) return `${path} ${w.op === '=' ? 'IS NULL' : 'IS NOT NULL'}`;
  return `${path} ${w.op} ${stixValue(w.value)}`;
}

function stixTime(ms: number): string {
  return `t'${new Date(ms).toISOString()}'`;
}

function timeText(t: IRTime | undefined): string {
  if (!t) return '';
  if (t.kind === 'absolute') return ` START ${stixTime(t.start)} STOP ${stixTime(t.stop)}`;
  return ` START/STOP inferred at run time from ${t.from.map((v) => v.name).join(', ')} (${t.startOffsetMs / 1000}s, +${t.stopOffsetMs / 1000}s)`;
}

function depthText(depth: { min: number; max?: number } | undefined): string {
  if (!depth) return '';
  return ` DEPTH ${depth.min}..${depth.max ?? '*'}`;
}

function detail(node: IRNode): string {
  return visit<string>(node, {
    source: (n) => `GET ${n.entityType} FROM ${n.uris.join(',')}${n.sigma ? ` WHERE SIGMA ${stixString(n.sigma.path)}` : ''}${n.limit === undefined ? '' : ` LIMIT ${n.limit}`}${n.prefetch ? '' : ' (no prefetch)'}`,
    filter: (n) => `WHERE ${toStix(n.where, n.entityType)}`,
    find: (n) => `FIND ${n.entityType} ${n.relation.toUpperCase()}${n.reversed ? ' BY' : ''}${depthText(n.depth)}${n.where ? ` WHERE ${toStix(n.where, n.entityType)}` : ''}${timeText(n.time)}${n.limit === undefined ? '' : ` LIMIT ${n.limit}`}${n.prefetch ? '' : ' (no prefetch)'}`,
    construct: (n) => `${n.source.startsWith('new:') ? 'NEW' : `LOAD ${n.source}`} ${n.entityType} ${n.deferredFile ? '(read when it runs)' : `(${n.rows.length} rows)`}`,
    merge: (n) => `MERGE of ${n.inputs.length}`,
    sort: (n) => `SORT BY ${n.attribute} ${n.order.toUpperCase()}`,
    slice: (n) => `LIMIT ${n.limit ?? '-'} OFFSET ${n.offset ?? 0}`,
    project: (n) => `ATTR ${n.attrs.join(', ')}`,
    transform: (n) => n.transform,
    group: (n) => `GROUP BY ${n.by.map((k) => (k.kind === 'bin' ? `BIN(${k.attribute}, ${k.size}${k.unit ? ` ${k.unit}` : ''})` : k.attribute)).join(', ')}${
      n.aggregations ? ` WITH ${n.aggregations.map((a) => `${a.func}(${a.attribute})${a.alias ? ` AS ${a.alias}` : ''}`).join(', ')}` : ''}`,
    join: (n) => `JOIN BY ${n.leftAttr}, ${n.rightAttr}`,
    track: (n) => `TRACK ${n.direction.toUpperCase()}${n.maxDepth === undefined ? '' : ` DEPTH ${n.maxDepth}`}${n.limit === undefined ? '' : ` LIMIT ${n.limit}`}`,
    variable: (n) => `${n.name} (version ${n.version}, ${n.entityType})`,
  });
}

/** EXPLAIN: the DAG behind a variable, inputs first, and the query each source node will send. Runs nothing. */
export function explain(variable: VariableNode): Explanation {
  const order: IRNode[] = [];
  const seen = new Set<number>();
  const walk = (n: IRNode) => {
    if (seen.has(n.id)) return;
    seen.add(n.id);
    dependencies(n).forEach(walk);
    order.push(n);
  };
  walk(variable);
  const queries: NativeQuery[] = order.flatMap((n) =>
    n.kind === 'source' && n.where
      ? [{ node: n.id, dataSources: n.uris, language: 'stix-pattern' as const, statement: `[${toStix(n.where, n.entityType).replace(/^\((.*)\)$/, '$1')}]${timeText(n.time)}` }]
      : [],
  );
  return {
    variable: variable.name,
    dag: order.map((n) => ({ id: n.id, kind: n.kind, detail: detail(n), inputs: [...new Set(dependencies(n).map((d) => d.id))] })),
    queries,
  };
}
