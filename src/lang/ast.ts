/** Typed AST of a huntflow. Produced by `parse`, consumed by the IR compiler. */

export interface Loc {
  /** 1-based line and column of the first character of the construct. */
  line: number;
  column: number;
  /** 0-based offsets into the source, end exclusive. */
  start: number;
  end: number;
}

export type Scalar = string | number | boolean | null;
export type JsonValue = Scalar | JsonValue[] | { [key: string]: JsonValue };

export type SortOrder = 'asc' | 'desc';
export type TimeUnit = 'day' | 'hour' | 'minute' | 'second';

/** `START ts STOP ts` (ISO strings as written, checked by the compiler) or `LAST n unit`, resolved by the compiler. */
export type Timespan =
  | { kind: 'absolute'; start: string; stop: string; loc: Loc; startLoc: Loc; stopLoc: Loc }
  | { kind: 'relative'; amount: number; unit: TimeUnit; loc: Loc };

/** A value on the right of a comparison. `var.attr` is a reference; a bare word is a string. */
export type Value =
  | { kind: 'literal'; value: Scalar; loc: Loc }
  | { kind: 'reference'; variable: string; attribute: string; loc: Loc }
  | { kind: 'list'; items: Value[]; loc: Loc };

export type ComparisonOp =
  | '=' | '!=' | '<' | '<=' | '>' | '>='
  | 'IN' | 'NOT IN'
  | 'LIKE' | 'NOT LIKE'
  | 'MATCHES' | 'NOT MATCHES'
  | 'ISSUBSET' | 'NOT ISSUBSET'
  | 'ISSUPERSET' | 'NOT ISSUPERSET';

/**
 * `[type:]attr OP value`. `==` is normalised to `=`; `IS NULL` becomes `=` with a null literal and
 * `IS NOT NULL` becomes `!=` with a null literal.
 */
export interface Comparison {
  kind: 'comparison';
  entityType?: string;
  attribute: string;
  op: ComparisonOp;
  value: Value;
  loc: Loc;
}

export interface BoolExpr {
  kind: 'and' | 'or';
  left: Where;
  right: Where;
  loc: Loc;
}

/** `SIGMA 'path'`: the events a Sigma rule file (or every rule of a folder) matches; `path` as written, decoded. */
export interface SigmaCondition {
  kind: 'sigma';
  path: string;
  pathLoc: Loc;
  loc: Loc;
}

export type Where = Comparison | BoolExpr | SigmaCondition;

/** `DEPTH n` (1..n), `DEPTH m..n`, `DEPTH m..*`, `DEPTH *`: hops along a process tree; no `max` = to the end. */
export interface DepthRange {
  min: number;
  max?: number;
  loc: Loc;
}

export type Transform = 'TIMESTAMPED' | 'ADDOBSID' | 'RECORDS';

/** `[TRANSFORM(]var[)] [WHERE ..] [ATTR ..] [SORT BY ..] [LIMIT n] [OFFSET m]` */
export interface Expression {
  transform?: Transform;
  variable: string;
  variableLoc: Loc;
  where?: Where;
  attrs?: string[];
  /** Where each of `attrs` is written. */
  attrLocs?: Loc[];
  sort?: { attribute: string; order?: SortOrder };
  limit?: number;
  offset?: number;
  loc: Loc;
}

/** A data source after FROM: a list of URIs (comma-separated or one quoted string), or a variable name. */
export type DataSource =
  | { kind: 'uris'; uris: string[]; loc: Loc }
  | { kind: 'variable'; name: string; loc: Loc };

export type GroupKey =
  | { kind: 'attribute'; attribute: string }
  | { kind: 'bin'; attribute: string; size: number; unit?: TimeUnit };

export type AggregationFunc = 'MIN' | 'MAX' | 'SUM' | 'AVG' | 'COUNT' | 'NUNIQUE';

export interface Aggregation {
  func: AggregationFunc;
  attribute: string;
  alias?: string;
}

interface Base {
  loc: Loc;
}

/** Statements that yield a variable carry `target` (the parser fills in `_` when it is omitted). */
export type Statement =
  | (Base & { kind: 'assign'; target: string; expr: Expression })
  | (Base & { kind: 'merge'; target: string; inputs: string[] })
  | (Base & {
      kind: 'get';
      target: string;
      entityType: string;
      entityTypeLoc: Loc;
      from?: DataSource;
      where: Where;
      timespan?: Timespan;
      limit?: number;
    })
  | (Base & {
      kind: 'find';
      target: string;
      entityType: string;
      entityTypeLoc: Loc;
      /** lower-cased */
      relation: string;
      relationLoc: Loc;
      reversed: boolean;
      input: string;
      inputLoc: Loc;
      depth?: DepthRange;
      where?: Where;
      timespan?: Timespan;
      limit?: number;
    })
  | (Base & { kind: 'new'; target: string; entityType?: string; data: JsonValue[] })
  | (Base & { kind: 'track'; target: string; direction: 'backward' | 'forward'; input: string; inputLoc: Loc; depth?: DepthRange; limit?: number })
  | (Base & { kind: 'group'; target: string; input: string; by: GroupKey[]; aggregations?: Aggregation[] })
  | (Base & { kind: 'join'; target: string; left: string; right: string; leftAttr?: string; rightAttr?: string })
  | (Base & { kind: 'load'; target: string; path: string; entityType?: string })
  | (Base & { kind: 'sort'; target: string; input: string; attribute: string; order?: SortOrder })
  | (Base & { kind: 'apply'; analytics: string; inputs: string[]; params: { key: string; value: Value }[] })
  | (Base & { kind: 'disp'; expr: Expression })
  | (Base & { kind: 'info'; variable: string; variableLoc: Loc })
  | (Base & { kind: 'save'; variable: string; path: string })
  | (Base & { kind: 'describe'; variable: string; attribute: string })
  | (Base & { kind: 'explain'; variable: string; variableLoc: Loc });

export type StatementKind = Statement['kind'];

export interface Huntflow {
  file: string;
  source: string;
  statements: Statement[];
}
