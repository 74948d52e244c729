import * as path from 'node:path';
import { defer, forkJoin, from, type Observable, of, shareReplay, switchMap, tap, catchError, throwError, firstValueFrom } from 'rxjs';
import type { GraphStore, RecordScope } from '../../graph/graph-store';
import { walkProcessTree, type WalkOptions, type WalkResult } from '../../graph/provenance';
import { connectionEnds } from '../../viz/build-view-graph';
import type { JsonValue, Scalar } from '../lang/ast';
import { dependencies, referencedVariables, visit, type FindNode, type IRNode, type IRTime, type IRWhere, type Origin } from '../ir/nodes';
import { findRelation } from '../model/relations';
import { newDefaultAttribute } from '../model/entity-types';
import { isKestrelError, KestrelError } from '../model/errors';
import type { AttrValue } from '../model/observation';
import type { DataSources } from './data-sources';
import type { NativeQuery } from '../ir/explain';
import type { RuleSet } from '../sigma/rule-set';
import type { EntitySet } from './entity-set';
import { findRelated } from './find';
import { track } from './track';
import { walkLimits } from './walk-limits';
import { construct } from './construct';
import { tableOf } from './display';
import { group } from './group';
import { join } from './join';
import { attributeValues } from './path-values';
import { recordTimeRange } from './records';
import { sortIds } from './sort';
import { markHits, sigmaKey, sigmaMatches, sigmaText } from './sigma';
import { prefetchQuery, sourceQuery } from './source-query';
import { readTable } from './table-files';
import { hasTable, projectRows, sortRows, withRows } from './table';
import { filterEntities, rowPredicate } from './where';

export type Inputs = ReadonlyMap<number, EntitySet>;

/**
 * Evaluates IR nodes as RxJS observables: each node's observable is built once, computes when first
 * subscribed (outputs pull), and replays its entity set to every later subscriber.
 */
export class Evaluator {
  private readonly cache = new Map<number, Observable<EntitySet>>();
  /** The rules of each SIGMA path (`sigmaKey`), compiled before the block that names them runs (session). */
  readonly sigmaRules = new Map<string, RuleSet>();
  /** Nodes whose value is complete. */
  readonly done = new Map<number, EntitySet>();

  constructor(
    private readonly store: GraphStore,
    private sources: DataSources,
    private readonly warn: (message: string) => void = () => undefined,
  ) {}

  /** Where sources are read from now on (a followed block reads through sources of its own, then the session's again). */
  readFrom(sources: DataSources): void {
    this.sources = sources;
  }

  /** The nodes are computed again when next pulled (a followed block reads the sources behind it afresh). */
  forget(nodes: readonly IRNode[]): void {
    for (const n of nodes) {
      this.cache.delete(n.id);
      this.done.delete(n.id);
    }
  }

  /** A node's value as a live hunt keeps it up to date: what later reads of the node give. */
  settle(node: IRNode, set: EntitySet): void {
    this.cache.set(node.id, of(set));
    this.done.set(node.id, set);
  }

  evaluate(node: IRNode): Observable<EntitySet> {
    let obs = this.cache.get(node.id);
    if (!obs) {
      const deps = [...new Set(dependencies(node))];
      obs = defer(() => (deps.length ? forkJoin(deps.map((d) => this.evaluate(d))) : of([] as EntitySet[]))).pipe(
        switchMap((values) => from(this.compute(node, new Map(deps.map((d, i) => [d.id, values[i]]))))),
        tap((set) => this.done.set(node.id, set)),
        catchError((e: unknown) => throwError(() => located(e, node.origin))),
        shareReplay(1),
      );
      this.cache.set(node.id, obs);
    }
    return obs;
  }

  value(node: IRNode): Promise<EntitySet> {
    return firstValueFrom(this.evaluate(node));
  }

  /** A node's value from its inputs' values (a live hunt recomputes a node this way, src/engine/follow). */
  compute(node: IRNode, inputs: Inputs): Promise<EntitySet> {
    const input = (n: IRNode) => inputs.get(n.id)!;
    return visit<Promise<EntitySet>>(node, {
      source: async (n) => {
        const baseDir = path.dirname(path.resolve(n.origin.file));
        const window = await this.window(n.time, inputs);
        const refs = await this.references(n.where, inputs);
        const query = sourceQuery(n.entityType, n.where, refs, window);
        const sources = (await Promise.all(n.uris.map((u) => this.sources.load(u, baseDir, query))).catch((e: unknown) => {
          throw located(e, n.dataSourceOrigin);
        })).flat();
        const scope: RecordScope = { sources, ...window };
        // SIGMA: only entities that records of matching events mention are candidates.
        const hits = n.sigma && (await sigmaMatches(this.sigmaRules.get(sigmaKey(n.origin.file, n.sigma.path))!, n.uris, baseDir).catch((e: unknown) => {
          throw located(e, n.dataSourceOrigin);
        }));
        const candidates = await this.store.entityIds(n.entityType, hits ? { ...scope, records: new Set(hits.keys()) } : scope);
        const matched = n.prefetch ? undefined : new Set<string>();
        const all = n.where ? await filterEntities(this.store, candidates, n.where, refs, { scope }, matched) : candidates;
        const ids = n.limit === undefined ? all : all.slice(0, n.limit);
        if (hits) await markHits(this.store, ids, hits);
        if (n.prefetch) await this.prefetch(n.entityType, ids, sources);
        // A large file read by query gave the entities some of their records: judged again on all of them.
        if (n.prefetch && n.where && this.sources.readPartly(sources)) {
          const complete = await filterEntities(this.store, ids, n.where, refs, { scope });
          return { type: n.entityType, ids: complete, scope };
        }
        // Without prefetch an extended WHERE keeps only the records it matched (a centered one matches the entity).
        return { type: n.entityType, ids, scope: matched?.size ? { ...scope, records: matched } : scope };
      },
      filter: async (n) => {
        const set = input(n.input);
        if (hasTable(set)) {
          const holds = rowPredicate(n.where, await this.references(n.where, inputs), set.table.columns);
          return withRows(set, set.table.rows.flatMap((r, i) => (holds(r) ? [i] : [])));
        }
        const ids = await filterEntities(this.store, set.ids, n.where, await this.references(n.where, inputs), set);
        return { ...set, ids };
      },
      find: async (n) => {
        const set = input(n.input);
        const window = await this.window(n.time, inputs);
        // What FIND reaches counts by the session's records only: a persistent store may hold other sources.
        let scope: RecordScope = { ...window, sources: [...this.sources.held] };
        // What a large file read by query has not brought yet, whether or not FIND prefetches: the records of the
        // inputs (of each level of a walk), then all of what was found before it is judged, as a whole read holds them.
        const partly = this.sources.partlyRead();
        const untold = onceEach();
        if (partly.length && !n.depth) await this.prefetch(set.type, set.ids, partly);
        const beforeLevel = partly.length ? (level: readonly string[]) => this.prefetch('process', untold(level), partly) : undefined;
        const walk = n.depth && (await this.walk(n.reversed ? 'down' : 'up', set.ids, n.depth, n.origin.statement, beforeLevel));
        let ids = walk ? walk.nodes.map((x) => x.id) : await findRelated(this.store, n.entityType, n.relation, n.reversed, set, set.scope);
        if (partly.length) await this.prefetch(n.entityType, untold(ids), partly);
        const depths = walk && new Map(walk.nodes.map((x) => [x.id, x.depth]));
        if (n.where) ids = await filterEntities(this.store, ids, n.where, await this.references(n.where, inputs), { scope, depths });
        const servers = set.scope?.sources?.filter((s) => !partly.includes(s));
        if (n.prefetch && servers?.length) await this.prefetch(n.entityType, ids, servers);
        if (!n.prefetch) scope = { ...scope, records: await witnesses(this.store, set, ids, scope) };
        const withRecords = await this.store.recordsOf(ids, scope);
        ids = ids.filter((id) => withRecords.has(id));
        return { type: n.entityType, ids: n.limit === undefined ? ids : ids.slice(0, n.limit), scope, ...(depths && { depths }) };
      },
      construct: async (n) => {
        const rows = n.deferredFile ? await this.readRows(n.deferredFile, n.entityType, n.origin.file) : n.rows;
        this.sources.held.add(n.source);
        return construct(this.store, n.entityType, n.source, rows as Record<string, AttrValue>[]);
      },
      merge: async (n) => {
        const sets = n.inputs.map(input);
        const ids = [...new Set(sets.flatMap((s) => s.ids))];
        const scoped = sets.every((s) => s.scope?.sources && s.scope.start === undefined);
        const sources = scoped ? sets.flatMap((s) => s.scope!.sources!) : this.sources.held;
        return { type: n.entityType, ids, scope: { sources: [...new Set(sources)] } };
      },
      sort: async (n) => {
        const set = input(n.input);
        if (hasTable(set)) return sortRows(set, n.attribute, n.order);
        if (set.transform) {
          // A transform's rows are one per record: they are what SORT orders, by a column shown or not.
          const shown = await tableOf(this.store, set);
          if (shown.columns.includes(n.attribute)) return sortRows({ ...set, table: shown }, n.attribute, n.order);
          const sorted = sortRows({ ...set, table: await tableOf(this.store, set, [n.attribute]) }, n.attribute, n.order);
          return hasTable(sorted) ? projectRows(sorted, shown.columns) : sorted;
        }
        return { ...set, ids: await sortIds(this.store, set, n.attribute, n.order) };
      },
      slice: async (n) => {
        const set = input(n.input);
        const start = n.offset ?? 0;
        const end = n.limit === undefined ? undefined : start + n.limit;
        // A transform's rows are one per record: they are what LIMIT counts.
        const rows = hasTable(set) ? set : set.transform ? { ...set, table: await tableOf(this.store, set) } : undefined;
        if (rows) return withRows(rows, rows.table.rows.map((_, i) => i).slice(start, end));
        return { ...set, ids: set.ids.slice(start, end) };
      },
      project: async (n) => {
        const set = input(n.input);
        return hasTable(set) ? projectRows(set, n.attrs) : { ...set, columns: n.attrs };
      },
      group: (n) => group(this.store, input(n.input), n.by, n.aggregations),
      join: (n) => join(this.store, input(n.left), input(n.right), n.leftAttr, n.rightAttr),
      track: async (n) => {
        const partly = this.sources.partlyRead();
        const beforeLevel = partly.length ? (entities: readonly { id: string; type: string }[]) => this.prefetchEach(entities, partly) : undefined;
        const { set, provenance } = await track(this.store, input(n.input), n.direction, { maxDepth: n.maxDepth, limit: n.limit, beforeLevel });
        for (const note of walkLimits(provenance, 'entity')) this.warn(`${n.origin.statement.trim()}: ${note}`);
        return { ...set, scope: { sources: [...this.sources.held] } };
      },
      transform: async (n) => ({ ...input(n.input), transform: n.transform }),
      variable: async (n) => input(n.input),
    });
  }

  /** A walk along the process tree for FIND … DEPTH; what it could not show is told as a warning. */
  private async walk(
    direction: 'up' | 'down', start: readonly string[], depth: { min: number; max?: number }, statement: string, beforeLevel?: WalkOptions['beforeLevel'],
  ): Promise<WalkResult> {
    const result = await walkProcessTree(this.store, start, { direction, minDepth: depth.min, maxDepth: depth.max, beforeLevel });
    for (const note of walkLimits(result, direction === 'up' ? 'ancestor' : 'descendant')) this.warn(`${statement.trim()}: ${note}`);
    return result;
  }

  /** The queries the source nodes behind a node send to sources that filter at the source (EXPLAIN). */
  async nativeQueries(node: IRNode): Promise<NativeQuery[]> {
    const out: NativeQuery[] = [];
    const seen = new Set<number>();
    const walk = async (n: IRNode): Promise<void> => {
      if (seen.has(n.id)) return;
      seen.add(n.id);
      for (const d of dependencies(n)) await walk(d);
      if (n.kind === 'find') out.push(...this.traversalQueries(n));
      if (n.kind !== 'source') return;
      const deps = [...new Set(dependencies(n))];
      const inputs: Inputs = new Map(await Promise.all(deps.map(async (d) => [d.id, await this.value(d)] as const)));
      const query = sourceQuery(n.entityType, n.where, await this.references(n.where, inputs), await this.window(n.time, inputs));
      const baseDir = path.dirname(path.resolve(n.origin.file));
      for (const uri of n.uris) {
        const native = this.sources.nativeQuery(uri, baseDir, query);
        if (native) out.push({ node: n.id, dataSources: [uri], ...native });
      }
      const rules = n.sigma && this.sigmaRules.get(sigmaKey(n.origin.file, n.sigma.path));
      if (rules) out.push({ node: n.id, dataSources: n.uris, language: 'sigma, in memory over the events as logged', statement: sigmaText(rules) });
    };
    await walk(node);
    return out;
  }

  /** What a database store runs for a FIND: one traversal per reference that witnesses the relation, or the walk. */
  private traversalQueries(n: FindNode): NativeQuery[] {
    const store = this.store;
    if (!store.traversalQuery) return [];
    const query = (edge: string, direction: 'out' | 'in', maxHops?: number | null) => ({ node: n.id, dataSources: [store.backend], ...store.traversalQuery!(edge, direction, maxHops) });
    if (n.depth) return [query('parent_ref', n.reversed ? 'in' : 'out', n.depth.max ?? null)];
    const [subject, object] = n.reversed ? [n.input.entityType, n.entityType] : [n.entityType, n.input.entityType];
    const refs = findRelation(subject, n.relation, object)?.via ?? (n.relation.endsWith('_ref') || n.relation.endsWith('_refs') ? [{ side: 'subject' as const, ref: n.relation }] : []);
    return refs.map((w) => query(w.ref, (w.side === 'object') !== n.reversed ? 'out' : 'in'));
  }

  /**
   * Brings from the large files read by query what the graph around these entities draws (the view, exports,
   * SAVE to a graph format: viz/build-view-graph.ts): their records, those of the addresses their connections
   * point at, and those of their processes' ancestors `hops` up, a level at a time as the walk reaches it
   * (docs/DECISIONS.md 49).
   */
  async readAround(ids: readonly string[], hops: number): Promise<void> {
    const partly = this.sources.partlyRead();
    if (!partly.length || !ids.length) return;
    const entities = await this.store.entities(ids);
    await this.prefetchEach(entities, partly);
    const ends = await connectionEnds(this.store, entities.filter((e) => e.type === 'network-traffic').map((e) => e.id));
    await this.prefetchEach(await this.store.entities([...ends]), partly);
    const untold = onceEach(entities.map((e) => e.id));
    const processes = entities.filter((e) => e.type === 'process').map((e) => e.id);
    const beforeLevel = (level: readonly string[]) => this.prefetch('process', untold(level), partly);
    const walk = await walkProcessTree(this.store, processes, { direction: 'up', maxDepth: hops, beforeLevel });
    await this.prefetch('process', untold(walk.nodes.map((n) => n.id)), partly);
  }

  /** Brings every record of entities of several types, as `prefetch` does for one. */
  private async prefetchEach(entities: readonly { id: string; type: string }[], sources: readonly string[]): Promise<void> {
    const byType = new Map<string, string[]>();
    for (const e of entities) {
      const ids = byType.get(e.type);
      if (ids) ids.push(e.id);
      else byType.set(e.type, [e.id]);
    }
    for (const [type, ids] of byType) await this.prefetch(type, ids, sources);
  }

  /** Brings every record of the entities from the sources among `sources` that take queries. */
  private async prefetch(entityType: string, ids: readonly string[], sources: readonly string[]): Promise<void> {
    if (!ids.length || !this.sources.takesQueries(sources)) return;
    const query = prefetchQuery(entityType, await this.store.entities(ids));
    if (query) await this.sources.prefetch(sources, query);
  }

  /** The rows of a file LOADed after the block SAVEd it, shaped as NEW shapes its rows. */
  private async readRows(file: string, type: string, huntflow: string): Promise<{ [key: string]: JsonValue }[]> {
    const table = await readTable(file, path.dirname(path.resolve(huntflow)));
    if (table.values) return table.values.map((v) => ({ [newDefaultAttribute(type)]: v }));
    return table.rows as { [key: string]: JsonValue }[];
  }

  private async window(time: IRTime | undefined, inputs: Inputs): Promise<{ start?: number; stop?: number }> {
    if (!time) return {};
    if (time.kind === 'absolute') return { start: time.start, stop: time.stop };
    const ranges = await Promise.all(time.from.map((v) => recordTimeRange(this.store, inputs.get(v.id)!)));
    const starts = ranges.flatMap((r) => (r ? [r.start] : []));
    const stops = ranges.flatMap((r) => (r ? [r.stop] : []));
    if (!starts.length) return {};
    return { start: Math.min(...starts) + time.startOffsetMs, stop: Math.max(...stops) + time.stopOffsetMs + 1 };
  }

  /** Values of every `var.attr` the WHERE references. */
  private async references(where: IRWhere | undefined, inputs: Inputs): Promise<(variableId: number, attribute: string) => Scalar[]> {
    const values = new Map<string, Scalar[]>();
    const collect = async (w: IRWhere | undefined): Promise<void> => {
      if (!w) return;
      if (w.kind !== 'comparison') {
        await collect(w.left);
        await collect(w.right);
        return;
      }
      for (const v of referencedVariables(w)) {
        const attrs = refAttributes(w, v.id);
        for (const attr of attrs) {
          const flat = (await attributeValues(this.store, inputs.get(v.id)!, attr)).filter((x): x is Scalar => x === null || typeof x !== 'object');
          values.set(`${v.id}\u0000${attr}`, [...new Set(flat)]);
        }
      }
    };
    await collect(where);
    return (id, attr) => values.get(`${id}\u0000${attr}`) ?? [];
  }
}

/**
 * Without prefetch, FIND results keep only the records that mention them together with an input entity
 * (the records that witnessed the relation); when the relation came from elsewhere, all of their records.
 */
async function witnesses(store: GraphStore, input: EntitySet, found: readonly string[], scope?: RecordScope): Promise<Set<string>> {
  const inputRecords = new Set([...(await store.recordsOf(input.ids, input.scope)).values()].flat());
  const out = new Set<string>();
  for (const [, rs] of await store.recordsOf(found, scope)) {
    const shared = rs.filter((r) => inputRecords.has(r));
    for (const r of shared.length ? shared : rs) out.add(r);
  }
  return out;
}

function refAttributes(w: IRWhere & { kind: 'comparison' }, variableId: number): string[] {
  const out: string[] = [];
  const walk = (v: typeof w.value) => {
    if (v.kind === 'reference' && v.variable.id === variableId) out.push(v.attribute);
    if (v.kind === 'list') v.items.forEach(walk);
  };
  walk(w.value);
  return out;
}

/**
 * Gives an error the place of the statement that failed, unless it already has one. The line and column are
 * the huntflow's, so the file is too (the message names the data source).
 */
export function located(e: unknown, origin: Origin): KestrelError {
  const err = isKestrelError(e) ? e : new KestrelError('E_INTERNAL', `internal error: ${(e as Error)?.message ?? String(e)}`, {
    hint: 'this is a bug in kestrel-ts; please report it with the huntflow',
  });
  if (err.line === undefined) {
    err.file = origin.file;
    err.line = origin.line;
    err.column = origin.column;
    err.excerpt = err.excerpt ?? origin.excerpt;
  }
  return err;
}

/** Lets each id through once (those of `told` never): what a walk prefetches a level at a time is read once. */
function onceEach(told: Iterable<string> = []): (ids: readonly string[]) => string[] {
  const seen = new Set(told);
  return (ids) => ids.filter((id) => !seen.has(id) && seen.add(id));
}
