/** The data an analytics receives and returns (samples/analytics/README.md is the contract). */

/** A JSON scalar: what one attribute of one entity holds. */
export type AnalyticsScalar = string | number | boolean | null;

/** An attribute value: a scalar or a flat list of scalars. */
export type AnalyticsValue = AnalyticsScalar | AnalyticsScalar[];

/** One entity: `id` (its entity id) and its attributes, e.g. `{ id, pid: 4, name: 'System' }`. */
export type Row = Record<string, AnalyticsValue>;

/** One input variable of `APPLY … ON a, b`, in order. */
export interface AnalyticsInput {
  variable: string;
  entityType: string;
  rows: Row[];
}

export interface AnalyticsRequest {
  /** `js://name` (looked up in `profiles`) or a path, relative to `baseDir`, to an .mjs/.js/.cjs module. */
  uri: string;
  /** The huntflow's folder: relative paths resolve against it; the module also gets it as `context.baseDir`. */
  baseDir: string;
  /** `js://` name -> module path (a relative path resolves against `baseDir`; a folder means its index.mjs/index.js). */
  profiles: Record<string, string>;
  inputs: AnalyticsInput[];
  /** `WITH k=v` parameters, already dereferenced and joined (`pids=procs.pid` -> `'4,1380'`). */
  params: Record<string, string>;
  /** The run (loading the module included) is stopped after this many milliseconds. */
  timeoutMs: number;
  /** Heap limit of the worker running the module; default 1024 MB. */
  memoryLimitMb?: number;
}

export type AnalyticsDisplay =
  | { kind: 'html'; html: string }
  | { kind: 'table'; columns: string[]; rows: AnalyticsValue[][] };

export interface AnalyticsResult {
  /** The absolute path of the module that ran. */
  module: string;
  /** One list per input, in input order: rows with `id` and the attributes to add or update (validated). */
  updates: Row[][];
  /** What the analytics wants shown, if anything. */
  display?: AnalyticsDisplay;
  /** What the module wrote to stdout/stderr (console.log …), at most 64 KiB; never printed by the runner. */
  output: string;
  elapsedMs: number;
}
