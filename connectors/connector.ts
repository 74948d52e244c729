import type { Observation } from '../src/model/observation';
import type { NativeQuery, SourceQuery } from '../src/model/source-query';

/** Where a read happens: relative paths resolve against `baseDir` (the huntflow's folder). */
export interface ReadContext {
  baseDir: string;
  /** Told about each skipped or dropped piece of a source (an object without type, a dangling ref); reading goes on. */
  onWarning?: (message: string) => void;
  /** Told how far a long read has come (records so far); the engine shows it when stderr is a terminal. */
  onProgress?: (records: number) => void;
  /** The engine holds whole sources here (a persistent store, follow mode): a file connector reads files whole. */
  readsWhole?: boolean;
  /** What a connector keeps for the rest of the session about a source (a file's record index), by its own keys. */
  kept?: Map<string, unknown>;
}

/** A connector says whether it can read a URI, and why not when it cannot. */
export type CanRead = { ok: true } | { ok: false; reason: string };

export interface Connector {
  readonly name: string;
  /** Answers from the URI (a file connector may peek at the file's first bytes, relative to `ctx.baseDir`). */
  canRead(uri: string, ctx?: ReadContext): CanRead;
  /** The canonical name of the source a URI names (every spelling of one file gives one name). */
  locate(uri: string, ctx: ReadContext): string;
  /**
   * Yields the records of the source: every record, or, for a connector with `nativeQuery`, those that
   * match `query` (a superset is fine: the engine filters again). Throws KestrelError (E_DATA_SOURCE,
   * E_BAD_INPUT_FILE).
   */
  read(uri: string, ctx: ReadContext, query?: SourceQuery): AsyncIterable<Observation>;
  /**
   * A connector of local files that reads a large file by query (its `nativeQuery` is defined then): `read` with
   * a query yields, on the first scan, every record (the engine keeps what the query needs, src/engine/record-filter.ts
   * and learns processes from the rest); for a prefetch by entity keys, only the records an index built by the first
   * scan names; on a later scan, the records whose lines' text may hold the query's values. The same URI read
   * without a query is the whole file (docs/DECISIONS.md 46, 48).
   */
  readonly filtersFiles?: boolean;
  /**
   * Present on connectors that filter at the source (servers): the query `read` sends for `query`,
   * for EXPLAIN and as the key under which its records are cached; undefined when this URI is read whole
   * (a profile that names a file, a small local file: files are read whole, once, unless `filtersFiles`).
   */
  nativeQuery?(uri: string, query: SourceQuery, ctx: ReadContext): NativeQuery | undefined;
  /**
   * Present on connectors whose sources can gain records (a growing log, a polled table or index): the batches
   * up to the first with `caughtUp` hold what `read` would yield now; each later batch holds records that
   * arrived since, in order, until `ctx.signal` aborts. `kestrel run --follow` (docs/DECISIONS.md 43).
   */
  follow?(uri: string, ctx: FollowContext, query?: SourceQuery): AsyncIterable<FollowBatch>;
}

/** A followed read: stops when `signal` aborts; `pollMs` is how often a source is looked at again (default 100 ms for files). */
export interface FollowContext extends ReadContext {
  signal: AbortSignal;
  pollMs?: number;
}

export interface FollowBatch {
  observations: Observation[];
  /** True on the batch that ends what the source held when following began, and on every batch after it. */
  caughtUp: boolean;
}
