import type { Aggregation, ComparisonOp, GroupKey, JsonValue, Scalar, SortOrder, Transform } from '../lang/ast';
import type { Dialect } from './names';

/** Where a node came from, so a runtime error can name its statement and point at it. */
export interface Origin {
  file: string;
  line: number;
  column: number;
  statement: string;
  /** The line with a caret under the column. */
  excerpt: string;
}

export type IRValue =
  | { kind: 'literal'; value: Scalar }
  | { kind: 'list'; items: IRValue[] }
  /** `var.attr`: an edge from the variable's node. */
  | { kind: 'reference'; variable: VariableNode; attribute: string };

export interface IRComparison {
  kind: 'comparison';
  /** Set when the comparison is on another entity type than the one returned (an extended subgraph). */
  entityType?: string;
  attribute: string;
  op: ComparisonOp;
  value: IRValue;
}

export type IRWhere = IRComparison | { kind: 'and' | 'or'; left: IRWhere; right: IRWhere };

/** A time window in epoch milliseconds, or one inferred at run time from referenced variables' records. */
export type IRTime =
  | { kind: 'absolute'; start: number; stop: number }
  | { kind: 'inferred'; from: VariableNode[]; startOffsetMs: number; stopOffsetMs: number };

interface NodeBase {
  readonly id: number;
  readonly origin: Origin;
  /** The entity type of the set the node yields. */
  readonly entityType: string;
}

export interface SourceNode extends NodeBase {
  kind: 'source';
  uris: string[];
  /** Where the data source is named (FROM, or the GET itself when it reads the last data source): errors reading it point there. */
  dataSourceOrigin: Origin;
  /** Absent when the WHERE is only SIGMA. */
  where?: IRWhere;
  /** `WHERE SIGMA 'path'`: only entities that events matched by the rules mention (path relative to the huntflow's folder). */
  sigma?: { path: string; origin: Origin };
  time?: IRTime;
  limit?: number;
  /** With prefetch, the entities bring all their records in the source, not only those that matched. */
  prefetch: boolean;
}
export interface FilterNode extends NodeBase {
  kind: 'filter';
  input: IRNode;
  where: IRWhere;
}
export interface FindNode extends NodeBase {
  kind: 'find';
  input: IRNode;
  relation: string;
  reversed: boolean;
  /** Hops along the process tree (process CREATED [BY] process only); absent = one hop. */
  depth?: { min: number; max?: number };
  where?: IRWhere;
  time?: IRTime;
  limit?: number;
  /** With prefetch, found entities bring all their records; without, only the records that link them to the input. */
  prefetch: boolean;
}
export interface ConstructNode extends NodeBase {
  kind: 'construct';
  /** The name its records carry: `new:<file>:<line>` for NEW, the file for LOAD. */
  source: string;
  rows: { [key: string]: JsonValue }[];
  /** A LOAD of a file a SAVE earlier in the block writes: read when the node runs, not before compiling. */
  deferredFile?: string;
}
export interface MergeNode extends NodeBase {
  kind: 'merge';
  inputs: IRNode[];
}
export interface SortNode extends NodeBase {
  kind: 'sort';
  input: IRNode;
  attribute: string;
  order: SortOrder;
}
export interface SliceNode extends NodeBase {
  kind: 'slice';
  input: IRNode;
  limit?: number;
  offset?: number;
}
export interface ProjectNode extends NodeBase {
  kind: 'project';
  input: IRNode;
  attrs: string[];
}
export interface TransformNode extends NodeBase {
  kind: 'transform';
  input: IRNode;
  transform: Transform;
}
/** TRACK: the provenance of the input's entities, as rows (one per entity reached, in tree order). */
export interface TrackNode extends NodeBase {
  kind: 'track';
  input: IRNode;
  direction: 'backward' | 'forward';
  maxDepth?: number;
  /** At most this many entities beyond the input (LIMIT). */
  limit?: number;
}
/** GROUP: a table of groups, not entities. */
export interface GroupNode extends NodeBase {
  kind: 'group';
  input: IRNode;
  by: GroupKey[];
  aggregations?: Aggregation[];
}
/** JOIN: the left entities that match the right on an attribute, with the right's other attributes. */
export interface JoinNode extends NodeBase {
  kind: 'join';
  left: IRNode;
  right: IRNode;
  leftAttr: string;
  rightAttr: string;
}
export interface VariableNode extends NodeBase {
  kind: 'variable';
  name: string;
  /** 1 for the first assignment of a name in the session, then 2, 3, ... */
  version: number;
  input: IRNode;
  /** The type as the hunt named it: `user` for Kestrel 2's name of a user-account (decision 40). */
  shownType: string;
  /** The names the statement that made it used: its attributes show in them. */
  dialect: Dialect;
}

/** How DISP names its columns: ATTR's as written, the others in the dialect its variable was made in. */
export interface ColumnNames {
  type: string;
  dialect: Dialect;
  /** STIX path → the name ATTR wrote. */
  written: Readonly<Record<string, string>>;
}

export type IRNode =
  | SourceNode | FilterNode | FindNode | ConstructNode | MergeNode
  | SortNode | SliceNode | ProjectNode | TransformNode | GroupNode | JoinNode | TrackNode | VariableNode;

export type IRKind = IRNode['kind'];

/** Outputs pull their input; nothing else is evaluated. */
export type OutputNode =
  | { kind: 'disp'; origin: Origin; input: IRNode; variable: string; columnNames: ColumnNames }
  | { kind: 'info'; origin: Origin; input: VariableNode }
  | { kind: 'describe'; origin: Origin; input: VariableNode; attribute: string }
  | { kind: 'save'; origin: Origin; input: VariableNode; path: string }
  | { kind: 'apply'; origin: Origin; analytics: string; inputs: VariableNode[]; params: { key: string; value: IRValue }[] }
  | { kind: 'explain'; origin: Origin; input: VariableNode };

export type Handlers<R> = { [K in IRKind]: (node: Extract<IRNode, { kind: K }>) => R };

/** Dispatches on kind; a handler map must cover every kind, so a new kind fails to compile until every pass handles it. */
export function visit<R>(node: IRNode, handlers: Handlers<R>): R {
  return (handlers[node.kind] as (n: IRNode) => R)(node);
}

/** The nodes a node reads: its inputs and the variables its WHERE and time window reference. */
export function dependencies(node: IRNode): IRNode[] {
  const refs = (w?: IRWhere, t?: IRTime): IRNode[] => [...referencedVariables(w), ...(t?.kind === 'inferred' ? t.from : [])];
  return visit<IRNode[]>(node, {
    source: (n) => refs(n.where, n.time),
    filter: (n) => [n.input, ...refs(n.where)],
    find: (n) => [n.input, ...refs(n.where, n.time)],
    construct: () => [],
    merge: (n) => n.inputs,
    sort: (n) => [n.input],
    slice: (n) => [n.input],
    project: (n) => [n.input],
    transform: (n) => [n.input],
    group: (n) => [n.input],
    join: (n) => [n.left, n.right],
    track: (n) => [n.input],
    variable: (n) => [n.input],
  });
}

export function referencedVariables(where?: IRWhere): VariableNode[] {
  if (!where) return [];
  if (where.kind !== 'comparison') return [...referencedVariables(where.left), ...referencedVariables(where.right)];
  const fromValue = (v: IRValue): VariableNode[] =>
    v.kind === 'reference' ? [v.variable] : v.kind === 'list' ? v.items.flatMap(fromValue) : [];
  return [...new Set(fromValue(where.value))];
}

let nextId = 1;

type NodeFields = IRNode extends infer N ? (N extends IRNode ? Omit<N, 'id'> : never) : never;

/** Freezes a node and gives it a session-unique id. */
export function makeNode<F extends NodeFields>(fields: F): Extract<IRNode, { kind: F['kind'] }> {
  return Object.freeze({ ...fields, id: nextId++ }) as unknown as Extract<IRNode, { kind: F['kind'] }>;
}
