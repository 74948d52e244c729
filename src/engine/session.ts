import * as path from 'node:path';
import type { Connector } from '../../connectors/connector';
import type { GraphStore } from '../../graph/graph-store';
import type { Diagnostic } from '../lang/diagnostic';
import type { Huntflow, JsonValue, Statement } from '../lang/ast';
import { ANCESTOR_HOPS } from '../../viz/build-view-graph';
import { parse } from '../lang/parse';
import { compile, type CompiledBlock, type PrefetchSettings } from '../ir/compile';
import { explain, type Explanation } from '../ir/explain';
import type { IRNode, OutputNode, VariableNode } from '../ir/nodes';
import { isKestrelError, KestrelError } from '../model/errors';
import { apply, type AnalyticsSettings, type ApplyResult } from './apply';
import { DataSources, type FollowSettings, type ProgressListener } from './data-sources';
import { describe, type Description } from './describe';
import { columnName, display, tableOf, type Cell, type DisplayOptions } from './display';
import { Evaluator, located } from './evaluate';
import { liveModes, nodesBehind, type LiveMode } from './follow/live-plan';
import { info } from './info';
import { readSigma } from './sigma';
import { summarize, type VariableSummary } from './summary';
import { graphFormatOfFile, saveGraph } from './save-graph';
import { readTable, writeTable } from './table-files';

export type Output =
  | { kind: 'disp'; variable: string; columns: string[]; rows: Cell[][] }
  | { kind: 'info'; variable: string; data: Record<string, unknown> }
  | { kind: 'describe'; variable: string; data: Description }
  | { kind: 'explain'; variable: string; data: Explanation & { live?: LiveMode[] } }
  /** `rows` of a table, or `nodes` and `edges` of a graph format. */
  | { kind: 'save'; variable: string; file: string; rows: number; edges?: number }
  | ({ kind: 'apply' } & ApplyResult);

/** An error as data: the same shape as a parser diagnostic. */
export type ErrorReport = Diagnostic;

export interface BlockResult {
  outputs: Output[];
  /** Variables the block assigned, in order of last assignment (`_` excluded). */
  variables: VariableSummary[];
  errors: ErrorReport[];
  warnings: string[];
  elapsedMs: number;
}

export interface SessionOptions {
  store: GraphStore;
  connectors: readonly Connector[];
  now?: () => number;
  display?: DisplayOptions;
  /** Widening of a time window inferred from referenced variables (Kestrel: -300 s, +300 s). */
  timeOffsets?: { startMs: number; stopMs: number };
  /** SORT BY without ASC or DESC (Kestrel: desc). */
  defaultSortOrder?: 'asc' | 'desc';
  prefetch?: PrefetchSettings;
  /** Where `APPLY js://name` finds analytics, and how long one may run (default 60 s). */
  analytics?: Partial<AnalyticsSettings>;
  /** Told how far long reads have come (the command line shows it on a terminal). */
  onProgress?: ProgressListener;
}

/** How one block runs. */
export interface BlockOptions {
  /**
   * Follow the block (`kestrel run --follow`, a followed block in serve or a notebook): the sources behind it are read
   * afresh, and those that can be followed stay open for `live()` until the signal aborts (decision 45).
   */
  follow?: FollowSettings;
}

export const DEFAULT_VARIABLE = '_';

/**
 * A hunting session: variables, the graph they live in, and the data sources loaded so far. Each call to
 * `execute` is one block: it compiles as a unit and changes nothing when it does not compile.
 */
export class Session {
  readonly store: GraphStore;
  private symbols = new Map<string, VariableNode>();
  private lastDataSource?: readonly string[];
  private readonly sources: DataSources;
  /** The sources of the last block, when it was followed: read afresh, some still followed. */
  private followed?: DataSources;
  private readonly evaluator: Evaluator;
  private readonly warnings: string[] = [];
  private lastBlock?: CompiledBlock;

  constructor(private readonly options: SessionOptions) {
    this.store = options.store;
    this.sources = new DataSources(options.store, options.connectors, (w) => this.warnings.push(w), options.onProgress);
    this.evaluator = new Evaluator(options.store, this.sources, (w) => this.warnings.push(w));
  }

  /** Brings from the large files read by query so far what the graph around these entities draws (the view, exports). */
  readAround(ids: readonly string[]): Promise<void> {
    return this.evaluator.readAround(ids, ANCESTOR_HOPS);
  }

  /**
   * The entities a variable holds (for GROUP rows, none; for JOIN and TRACK rows, the entities the rows stand
   * for), in order; undefined for an unknown variable.
   */
  async entitiesOf(name: string): Promise<{ type: string; ids: string[] } | undefined> {
    const node = this.symbols.get(name);
    if (!node) return undefined;
    const set = await this.evaluator.value(node);
    const ids = set.table ? [...new Set(set.table.rowIds ?? [])] : [...set.ids];
    return { type: set.type, ids };
  }

  /** What a live hunt (src/engine/follow) updates after a followed block: the block, its values and its sources. */
  live(): { block?: CompiledBlock; evaluator: Evaluator; sources: DataSources; store: GraphStore; display?: DisplayOptions; warnings: string[] } {
    const sources = this.followed ?? this.sources;
    return { block: this.lastBlock, evaluator: this.evaluator, sources, store: this.store, display: this.options.display, warnings: this.warnings };
  }

  /**
   * The last block's outputs and variables as they are now, after a live hunt kept its values up to date: each DISP
   * shows all of its rows again; the other outputs are the ones `result` (its run) gave.
   */
  async current(result: BlockResult): Promise<BlockResult> {
    const block = this.lastBlock!;
    const outputs = await Promise.all(block.statements.flatMap((s) => (s.kind === 'output' ? [s.output] : []))
      .map((o, i) => (o.kind === 'disp' ? this.output(o) : result.outputs[i])));
    const variables = await Promise.all(lastAssignments(block).map(async (v) => summarize(this.store, v, await this.evaluator.value(v))));
    return { ...result, outputs, variables };
  }

  variableNames(): string[] {
    return [...this.symbols.keys()].filter((n) => n !== DEFAULT_VARIABLE);
  }

  async execute(source: string, file = '<input>', options: BlockOptions = {}): Promise<BlockResult> {
    const started = performance.now();
    this.warnings.length = 0;
    this.endFollow();
    const result = (outputs: Output[], variables: VariableSummary[], errors: ErrorReport[]): BlockResult => ({
      outputs, variables, errors, warnings: [...this.warnings], elapsedMs: performance.now() - started,
    });
    const parsed = parse(source, file);
    if (!parsed.ok) return result([], [], [parsed.diagnostic]);
    let block: CompiledBlock;
    try {
      const loadedTables = await readLoads(parsed.huntflow);
      const sigmaRules = readSigma(parsed.huntflow, (w) => this.warnings.push(w));
      block = compile(parsed.huntflow, {
        loadedTables,
        symbols: this.symbols,
        lastDataSource: this.lastDataSource,
        now: (this.options.now ?? Date.now)(),
        seenAttributes: await this.seenAttributes(),
        timeOffsets: this.options.timeOffsets ?? { startMs: -300_000, stopMs: 300_000 },
        defaultSortOrder: this.options.defaultSortOrder,
        prefetch: this.options.prefetch,
      });
      for (const [key, rules] of sigmaRules) this.evaluator.sigmaRules.set(key, rules);
    } catch (e) {
      return result([], [], [report(e)]);
    }
    this.lastBlock = block;
    if (options.follow) this.follow(block, options.follow);
    const outputs: Output[] = [];
    const variables: VariableSummary[] = [];
    try {
      for (const s of block.statements) {
        if (s.kind === 'output') outputs.push(await this.output(s.output).catch((e: unknown) => Promise.reject(located(e, s.output.origin))));
      }
      for (const v of lastAssignments(block)) {
        variables.push(await summarize(this.store, v, await this.evaluator.value(v)));
      }
    } catch (e) {
      this.commit(block, false);
      return result(outputs, await this.completed(block), [report(e)]);
    }
    this.commit(block, true);
    return result(outputs, variables, []);
  }

  /**
   * A followed block reads through sources of its own, in follow mode, so that the sources behind it are read (and
   * followed) whatever earlier blocks read; the nodes behind it compute again from them. FIND still sees every
   * source the session read.
   */
  private follow(block: CompiledBlock, settings: FollowSettings): void {
    this.followed = new DataSources(this.store, this.options.connectors, (w) => this.warnings.push(w), this.options.onProgress, settings);
    for (const s of this.sources.held) this.followed.held.add(s);
    this.evaluator.readFrom(this.followed);
    this.evaluator.forget(nodesBehind(block.statements.flatMap((s) => (s.kind === 'assign' ? [s.variable] : outputInputs(s.output)))));
  }

  /** After a followed block (its live hunt has stopped): what it read counts as the session's, and reads go to the session's sources again. */
  private endFollow(): void {
    if (!this.followed) return;
    for (const s of this.followed.held) this.sources.held.add(s);
    this.evaluator.readFrom(this.sources);
    this.followed = undefined;
  }

  /** Keeps every variable whose value is complete; on failure the others keep their previous binding. */
  private commit(block: CompiledBlock, ok: boolean): void {
    if (ok) {
      this.symbols = block.symbols;
      this.lastDataSource = block.lastDataSource;
      return;
    }
    for (const [name, node] of block.symbols) {
      if (this.symbols.get(name) !== node && this.evaluator.done.has(node.id)) this.symbols.set(name, node);
    }
  }

  /** The block's variables whose value is complete: what a failed block keeps, wherever it failed. */
  private async completed(block: CompiledBlock): Promise<VariableSummary[]> {
    const out: VariableSummary[] = [];
    for (const v of lastAssignments(block)) {
      const set = this.evaluator.done.get(v.id);
      if (set) out.push(await summarize(this.store, v, set));
    }
    return out;
  }

  private async output(o: OutputNode): Promise<Output> {
    switch (o.kind) {
      case 'disp': {
        const set = await this.evaluator.value(o.input);
        const { columns, rows } = await display(this.store, set, this.options.display);
        return { kind: 'disp', variable: o.variable, columns: columns.map((c) => columnName(c, o.columnNames)), rows };
      }
      case 'info': {
        const set = await this.evaluator.value(o.input);
        return { kind: 'info', variable: o.input.name, data: await info(this.store, o.input, set, sourcesOf(o.input)) };
      }
      case 'describe': {
        const set = await this.evaluator.value(o.input);
        return { kind: 'describe', variable: o.input.name, data: await describe(this.store, set, o.attribute) };
      }
      case 'explain': {
        const data = explain(o.input);
        const queries = [...data.queries, ...(await this.evaluator.nativeQueries(o.input))];
        // Under --follow: how each node keeps up with new records (incremental or recomputed).
        return { kind: 'explain', variable: o.input.name, data: { ...data, queries, ...(this.followed && { live: liveModes(o.input) }) } };
      }
      case 'save': {
        const set = await this.evaluator.value(o.input);
        const baseDir = path.dirname(path.resolve(o.origin.file));
        const graphFormat = graphFormatOfFile(o.path);
        if (graphFormat) {
          await this.readAround(set.table?.rowIds ?? set.ids);
          const saved = await saveGraph(this.store, o.input.name, set, graphFormat, o.path, baseDir);
          return { kind: 'save', variable: o.input.name, file: saved.file, rows: saved.nodes, edges: saved.edges };
        }
        const { columns, rows } = await tableOf(this.store, set);
        // Entities keep their type so that LOAD reads the file back without AS.
        const typed = set.table ? { columns, rows } : { columns: ['type', ...columns], rows: rows.map((r) => [set.type, ...r]) };
        const file = await writeTable(o.path, baseDir, typed.columns, typed.rows);
        return { kind: 'save', variable: o.input.name, file, rows: rows.length };
      }
      case 'apply': {
        const settings = { profiles: {}, timeoutMs: 60_000, ...this.options.analytics };
        const baseDir = path.dirname(path.resolve(o.origin.file));
        return { kind: 'apply', ...(await apply(this.store, o, (v) => this.evaluator.value(v), baseDir, settings)) };
      }
    }
  }

  private async seenAttributes(): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    for (const t of await this.store.entityTypes()) {
      out.set(t, [...(await this.store.attributeNames(t)), ...(await this.store.edgeNames(t))]);
    }
    return out;
  }
}

/** Reads the file of every LOAD in the block, so the compiler knows each one's entity type. */
async function readLoads(flow: Huntflow): Promise<Map<Statement, { file: string; rows: JsonValue[] }>> {
  const out = new Map<Statement, { file: string; rows: JsonValue[] }>();
  const baseDir = path.dirname(path.resolve(flow.file));
  const saved = new Set<string>();
  for (const s of flow.statements) {
    if (s.kind === 'save') saved.add(s.path);
    // A file the block itself SAVEs first is read when its LOAD runs.
    if (s.kind !== 'load' || saved.has(s.path)) continue;
    try {
      const table = await readTable(s.path, baseDir);
      // A file of plain values (a JSON list of names) fills the type's default attribute, as NEW does.
      out.set(s, { file: table.file, rows: (table.values ?? table.rows) as JsonValue[] });
    } catch (e) {
      if (isKestrelError(e) && e.line === undefined) {
        e.line = s.loc.line;
        e.column = s.loc.column;
        e.file = flow.file;
      }
      throw e;
    }
  }
  return out;
}

function lastAssignments(block: CompiledBlock): VariableNode[] {
  const last = new Map<string, VariableNode>();
  for (const s of block.statements) {
    if (s.kind !== 'assign' || s.variable.name === DEFAULT_VARIABLE) continue;
    last.delete(s.variable.name);
    last.set(s.variable.name, s.variable);
  }
  return [...last.values()];
}

function outputInputs(o: OutputNode): IRNode[] {
  return o.kind === 'apply' ? o.inputs : [o.input];
}

function sourcesOf(v: VariableNode): string[] {
  return explain(v).queries.flatMap((q) => q.dataSources);
}

export function report(e: unknown): ErrorReport {
  const err = isKestrelError(e) ? e : new KestrelError('E_INTERNAL', `internal error: ${(e as Error)?.message ?? String(e)}`);
  const out: ErrorReport = { code: err.code, message: err.message };
  for (const k of ['file', 'line', 'column', 'excerpt', 'expected', 'hint'] as const) {
    if (err[k] !== undefined) (out as unknown as Record<string, unknown>)[k] = err[k];
  }
  return out;
}
