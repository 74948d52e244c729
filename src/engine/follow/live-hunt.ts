import type { GraphStore, RecordNode, RecordScope } from '../../../graph/graph-store';
import type { CompiledBlock } from '../../ir/compile';
import { dependencies, type FilterNode, type FindNode, type IRNode, type IRWhere, type SourceNode, type VariableNode } from '../../ir/nodes';
import { parsePath } from '../../model/attribute-path';
import type { Observation } from '../../model/observation';
import { stableStringify } from '../../model/stable-id';
import type { DataSources, FollowedSource } from '../data-sources';
import { tableOf, type Cell } from '../display';
import type { EntitySet } from '../entity-set';
import { located, type Evaluator } from '../evaluate';
import { findRelated } from '../find';
import { report, type ErrorReport } from '../session';
import { prefetchQuery } from '../source-query';
import { summarize, type VariableSummary } from '../summary';
import { hasTable } from '../table';
import { filterEntities } from '../where';
import { liveMode, nodesBehind, readsVariables, type LiveMode } from './live-plan';
import { LOG_WINDOW_MS, MAX_WAIT_MS, QUIET_MS, seesPidOnly, sighting } from './settle';

/** What a live hunt tells as records arrive; `at` is when the batch that brought it was taken in (ISO). */
export type LiveEvent =
  | { kind: 'disp'; variable: string; columns: string[]; added: Cell[][]; changed: Cell[][]; at: string }
  | ({ kind: 'variable'; at: string } & VariableSummary)
  | { kind: 'error'; error: ErrorReport; at: string }
  | { kind: 'warning'; message: string; at: string };

/** How far a live hunt has come: batches taken in, records they brought (new ones only), time spent updating. */
export interface LiveStats {
  batches: number;
  records: number;
  updateMs: number;
}

/** What a session hands a live hunt (`Session.live()`). */
export interface LiveContext {
  block?: CompiledBlock;
  evaluator: Evaluator;
  sources: DataSources;
  store: GraphStore;
  warnings: string[];
}

interface Delta {
  /** The node's value may differ (new ids, other rows, or attributes of its entities changed). */
  changed: boolean;
  /** Ids it gained, in order. */
  added: readonly string[];
  /** Some ids it held are gone (a recomputed LIMIT): what reads it incrementally recomputes. */
  removed: boolean;
}

interface Batch {
  /** Records the store did not hold. */
  fresh: readonly string[];
  /**
   * Every record the batch brought, those the store held included: a prefetch's first read (taken in by the data
   * sources, not in a batch) can get a record there before the GET's own query brings it, and the GET still checks
   * what it mentions, as a one-shot GET does.
   */
  brought: readonly RecordNode[];
  /** Entities the new records mention (records the store held change nothing). */
  touched: ReadonlySet<string>;
}

interface DispState {
  variable: string;
  node: IRNode;
  columns: string[];
  /** Entity rows: the last row shown per entity. Table rows (GROUP, JOIN, TIMESTAMPED): the rows shown. */
  shown: Map<string, string>;
}

const UNCHANGED: Delta = { changed: false, added: [], removed: false };
const noRefs = () => [];
/** A pump waits while this many records wait to be taken in (a burst is taken in batches, memory stays bounded). */
const MAX_QUEUED = 50_000;

/**
 * A huntflow kept running over followed sources (`kestrel run --follow`): each batch of new records is ingested
 * into the store, then every node of the block updates, inputs first: most only look at what the batch touched
 * (the entities its records mention), some compute again (`live-plan.ts` says which; EXPLAIN shows it). DISP
 * outputs report their new and changed rows, variables their counts when they change.
 */
export class LiveHunt {
  private readonly nodes: IRNode[];
  private readonly modes = new Map<number, LiveMode>();
  private readonly values = new Map<number, EntitySet>();
  private readonly idSets = new Map<number, Set<string>>();
  private readonly disps: DispState[] = [];
  private readonly variables: VariableNode[];
  private readonly counts = new Map<string, string>();
  readonly stats: LiveStats = { batches: 0, records: 0, updateMs: 0 };

  constructor(private readonly ctx: LiveContext) {
    const block = ctx.block;
    const last = new Map<string, VariableNode>();
    const dispNodes: { variable: string; node: IRNode }[] = [];
    for (const s of block?.statements ?? []) {
      if (s.kind === 'assign' && s.variable.name !== '_') {
        last.delete(s.variable.name);
        last.set(s.variable.name, s.variable);
      }
      if (s.kind === 'output' && s.output.kind === 'disp') dispNodes.push({ variable: s.output.variable, node: s.output.input });
    }
    this.variables = [...last.values()];
    this.nodes = nodesBehind([...dispNodes.map((d) => d.node), ...this.variables]);
    for (const n of this.nodes) this.modes.set(n.id, liveMode(n));
    for (const d of dispNodes) this.disps.push({ ...d, columns: [], shown: new Map() });
  }

  /** The sources being followed. */
  get followed(): readonly FollowedSource[] {
    return this.ctx.sources.followed;
  }

  /** Takes the block's values as they are after its run; returns every DISP's rows and every variable's counts as the first events. */
  async start(): Promise<LiveEvent[]> {
    for (const n of this.nodes) this.setValue(n, this.ctx.evaluator.done.get(n.id) ?? (await this.ctx.evaluator.value(n)));
    const at = new Date().toISOString();
    const events: LiveEvent[] = [];
    for (const d of this.disps) {
      const rows = await this.dispRows(d, this.values.get(d.node.id)!, undefined);
      events.push({ kind: 'disp', variable: d.variable, columns: d.columns, added: rows.added, changed: [], at });
    }
    for (const v of this.variables) events.push(...(await this.count(v, at)));
    return events;
  }

  /**
   * Follows until the signal aborts: the followed sources' batches are taken in together as they come (a burst
   * is one update, not one per record), and `emit` hears what each update brought (the next update waits for it).
   */
  async run(signal: AbortSignal, emit: (events: LiveEvent[]) => void | Promise<void>, quietMs = QUIET_MS): Promise<void> {
    const queue: Observation[] = [];
    /** Pid sightings waiting for their GUID's record (settle.ts), with when they came and their log time. */
    let waiting: { o: Observation; at: number; seen: number }[] = [];
    /** The newest log time taken so far, and when records last came. */
    let watermark = Number.NEGATIVE_INFINITY;
    let lastArrival = Date.now();
    let wake: (() => void) | undefined;
    const arrive = (o: Observation, at: number) => {
      const seen = sighting(o);
      if (seen > watermark) watermark = seen;
      if (seesPidOnly(o)) waiting.push({ o, at, seen });
      else queue.push(o);
    };
    for (const f of this.followed) for (const o of f.held.splice(0)) arrive(o, Date.now());
    const pump = async (f: FollowedSource) => {
      try {
        for (;;) {
          const next = await f.batches.next();
          if (next.done) return;
          const at = Date.now();
          if (next.value.observations.length) lastArrival = at;
          for (const o of next.value.observations) arrive(o, at);
          wake?.();
          while (queue.length > MAX_QUEUED && !signal.aborted) await new Promise((r) => setTimeout(r, 5));
        }
      } catch (e) {
        await emit([{ kind: 'error', error: report(e), at: new Date().toISOString() }]);
      }
    };
    // A prefetch during an update (new entities of a server source) follows its query too: it gets a pump then.
    const pumps = this.followed.map(pump);
    while (!signal.aborted) {
      const now = Date.now();
      const quiet = now - lastArrival >= quietMs;
      if (waiting.length) {
        const still: typeof waiting = [];
        for (const w of waiting) (quiet || watermark >= w.seen + LOG_WINDOW_MS || now - w.at >= MAX_WAIT_MS ? queue.push(w.o) : still.push(w));
        waiting = still;
      }
      if (!queue.length) {
        await new Promise<void>((resolve) => {
          const due = waiting.length ? Math.min(lastArrival + quietMs, waiting[0].at + MAX_WAIT_MS) : undefined;
          const timer = due !== undefined ? setTimeout(() => done(), Math.max(1, due - Date.now())) : undefined;
          const done = () => {
            if (timer) clearTimeout(timer);
            signal.removeEventListener('abort', done);
            wake = undefined;
            resolve();
          };
          wake = done;
          signal.addEventListener('abort', done);
        });
        continue;
      }
      const batch = queue.splice(0);
      const events = await this.apply(batch);
      while (pumps.length < this.followed.length) {
        const f = this.followed[pumps.length];
        for (const o of f.held.splice(0)) arrive(o, Date.now());
        pumps.push(pump(f));
      }
      if (events.length) await emit(events);
    }
    await Promise.all(this.followed.map((f) => f.batches.return?.()).map((p) => p?.catch(() => undefined)));
    await Promise.all(pumps);
  }

  /** Takes a batch of records in and updates the hunt; returns what changed. */
  async apply(observations: Observation[]): Promise<LiveEvent[]> {
    const started = performance.now();
    const { store } = this.ctx;
    const at = new Date().toISOString();
    const ids = [...new Set(observations.map((o) => o.id))];
    const known = new Set((await store.records(ids)).map((r) => r.id));
    for (const o of observations) this.ctx.sources.held.add(o.source);
    this.ctx.warnings.length = 0;
    await store.ingest(observations, { handOver: true });
    const fresh = ids.filter((id) => !known.has(id));
    const events: LiveEvent[] = this.ctx.warnings.splice(0).map((message) => ({ kind: 'warning' as const, message, at }));
    const touched = new Set<string>();
    for (const es of (await store.mentionedBy(fresh)).values()) for (const e of es) touched.add(e);
    const batch: Batch = { fresh, brought: await store.records(ids), touched };
    const deltas = new Map<number, Delta>();
    try {
      for (const n of this.nodes) {
        try {
          deltas.set(n.id, await this.update(n, batch, deltas));
        } catch (e) {
          throw located(e, n.origin);
        }
      }
      for (const d of this.disps) {
        if (!deltas.get(d.node.id)?.changed) continue;
        const rows = await this.dispRows(d, this.values.get(d.node.id)!, { delta: deltas.get(d.node.id)!, touched });
        if (rows.added.length || rows.changed.length) events.push({ kind: 'disp', variable: d.variable, columns: d.columns, ...rows, at });
      }
      for (const v of this.variables) if (deltas.get(v.id)?.changed) events.push(...(await this.count(v, at)));
    } catch (e) {
      events.push({ kind: 'error', error: report(e), at });
    }
    events.push(...this.ctx.warnings.splice(0).map((message) => ({ kind: 'warning' as const, message, at })));
    if (fresh.length) this.stats.batches++;
    this.stats.records += fresh.length;
    this.stats.updateMs += performance.now() - started;
    return events;
  }

  /** The variables' counts now (what the hunt ends with). */
  async summaries(): Promise<VariableSummary[]> {
    return Promise.all(this.variables.map((v) => summarize(this.ctx.store, v, this.values.get(v.id)!)));
  }

  /** A variable's value now. */
  value(node: IRNode): EntitySet | undefined {
    return this.values.get(node.id);
  }

  /** The session's later blocks read the node's value as it is now. */
  private setValue(node: IRNode, set: EntitySet): void {
    this.values.set(node.id, set);
    this.idSets.set(node.id, new Set(set.ids));
    this.ctx.evaluator.settle(node, set);
  }

  private async count(v: VariableNode, at: string): Promise<LiveEvent[]> {
    const s = await summarize(this.ctx.store, v, this.values.get(v.id)!);
    const key = `${s.entities}/${s.records}/${s.rows ?? ''}`;
    if (this.counts.get(v.name) === key) return [];
    this.counts.set(v.name, key);
    return [{ kind: 'variable', ...s, at }];
  }

  private async update(node: IRNode, batch: Batch, deltas: ReadonlyMap<number, Delta>): Promise<Delta> {
    const deps = [...new Set(dependencies(node))];
    const depChanged = deps.some((d) => deltas.get(d.id)?.changed);
    const depRemoved = deps.some((d) => deltas.get(d.id)?.removed);
    const prev = this.values.get(node.id)!;
    const mode = this.modes.get(node.id)!;
    if (mode.update === 'fixed') return UNCHANGED;
    if (mode.update === 'recomputes' || depRemoved) {
      // Walks and variable-reading nodes see the whole graph: any new record may change them.
      const graphWide = readsVariables(node) || node.kind === 'track' || (node.kind === 'find' && !!node.depth);
      if (!depChanged && !(graphWide && batch.fresh.length) && !this.touches(node, batch)) return UNCHANGED;
      return this.recompute(node);
    }
    switch (node.kind) {
      case 'source':
        return this.updateSource(node, prev, batch);
      case 'filter':
        return hasTable(this.values.get(node.input.id)!) ? (depChanged || this.touches(node, batch) ? this.recompute(node) : UNCHANGED) : this.updateFilter(node, prev, batch, deltas);
      case 'find':
        return this.updateFind(node, prev, batch, deltas);
      default:
        // merge, project, transform, variable: cheap from their inputs.
        if (!depChanged) return UNCHANGED;
        return this.recompute(node);
    }
  }

  /** Whether the batch touched an entity the node holds. */
  private touches(node: IRNode, batch: Batch): boolean {
    const inputs = dependencies(node).map((d) => this.idSets.get(d.id)!);
    for (const t of batch.touched) if (this.idSets.get(node.id)!.has(t) || inputs.some((s) => s.has(t))) return true;
    return false;
  }

  private async recompute(node: IRNode): Promise<Delta> {
    const deps = [...new Set(dependencies(node))];
    const next = await this.ctx.evaluator.compute(node, new Map(deps.map((d) => [d.id, this.values.get(d.id)!])));
    const before = this.idSets.get(node.id)!;
    this.setValue(node, next);
    const added = next.ids.filter((id) => !before.has(id));
    const after = this.idSets.get(node.id)!;
    let removed = false;
    for (const id of before) if (!after.has(id)) { removed = true; break; }
    return { changed: true, added, removed };
  }

  private changedOnly(node: IRNode, batch: Batch): Delta {
    const ids = this.idSets.get(node.id)!;
    for (const t of batch.touched) if (ids.has(t)) return { changed: true, added: [], removed: false };
    return UNCHANGED;
  }

  /** GET: the entities the batch's records in scope mention, and those whose references reach a touched entity, checked against the WHERE. */
  private async updateSource(n: SourceNode, prev: EntitySet, batch: Batch): Promise<Delta> {
    if (n.limit !== undefined && prev.ids.length >= n.limit) return this.changedOnly(n, batch);
    const { store } = this.ctx;
    const { records: matchedBefore, ...scope } = prev.scope ?? {};
    const inScope = batch.brought.filter((r) => within(r, scope)).map((r) => r.id);
    const prevIds = this.idSets.get(n.id)!;
    const candidates = new Set<string>();
    for (const es of (await store.mentionedBy(inScope, n.entityType)).values()) for (const e of es) if (!prevIds.has(e)) candidates.add(e);
    const reached = (await this.reachedThroughRefs(n.where, batch.touched)).filter((id) => !prevIds.has(id) && !candidates.has(id));
    if (reached.length) {
      const typed = (await store.entities(reached)).filter((e) => e.type === n.entityType).map((e) => e.id);
      const withRecords = await store.recordsOf(typed, scope);
      for (const id of typed) if (withRecords.has(id)) candidates.add(id);
    }
    if (!candidates.size) return this.changedOnly(n, batch);
    const matched = n.prefetch ? undefined : new Set<string>();
    let added = n.where ? await filterEntities(store, [...candidates], n.where, noRefs, { scope }, matched) : [...candidates];
    if (n.limit !== undefined) added = added.slice(0, n.limit - prev.ids.length);
    if (n.prefetch && added.length) await this.prefetch(n.entityType, added, scope.sources ?? []);
    const records = matchedBefore || matched?.size ? new Set([...(matchedBefore ?? []), ...(matched ?? [])]) : undefined;
    this.setValue(n, { ...prev, ids: [...prev.ids, ...added], scope: records ? { ...scope, records } : scope });
    return added.length ? { changed: true, added, removed: false } : this.changedOnly(n, batch);
  }

  /** A WHERE on the entity set: new input entities, and input entities the batch touched, checked. */
  private async updateFilter(n: FilterNode, prev: EntitySet, batch: Batch, deltas: ReadonlyMap<number, Delta>): Promise<Delta> {
    const input = this.values.get(n.input.id)!;
    const inIds = this.idSets.get(n.input.id)!;
    const prevIds = this.idSets.get(n.id)!;
    const touchedInput = [...batch.touched, ...(await this.reachedThroughRefs(n.where, batch.touched))].filter((t) => inIds.has(t));
    const candidates = [...new Set([...(deltas.get(n.input.id)?.added ?? []), ...touchedInput])].filter((id) => !prevIds.has(id));
    const added = candidates.length ? await filterEntities(this.ctx.store, candidates, n.where, noRefs, input) : [];
    const inputChanged = deltas.get(n.input.id)?.changed;
    if (!added.length && !inputChanged) return this.changedOnly(n, batch);
    this.setValue(n, { ...input, ids: [...prev.ids, ...added] });
    return added.length ? { changed: true, added, removed: false } : this.changedOnly(n, batch);
  }

  /** A one-hop FIND: traversed from new input entities and from input entities the batch touched (new edges start there). */
  private async updateFind(n: FindNode, prev: EntitySet, batch: Batch, deltas: ReadonlyMap<number, Delta>): Promise<Delta> {
    const { store } = this.ctx;
    const input = this.values.get(n.input.id)!;
    const inIds = this.idSets.get(n.input.id)!;
    const prevIds = this.idSets.get(n.id)!;
    const starts = [...new Set([...(deltas.get(n.input.id)?.added ?? []), ...[...batch.touched].filter((t) => inIds.has(t))])];
    const touchedFound = [...batch.touched].filter((t) => prevIds.has(t));
    if (!starts.length && !touchedFound.length) return UNCHANGED;
    const found = starts.length ? await findRelated(store, n.entityType, n.relation, n.reversed, { type: input.type, ids: starts }, input.scope) : [];
    let added = [...new Set(found)].filter((id) => !prevIds.has(id));
    const { records: witnessed, ...base } = prev.scope ?? {};
    const scope0: RecordScope = { ...base, sources: [...this.ctx.sources.held] };
    if (n.where && added.length) added = await filterEntities(store, added, n.where, noRefs, { scope: scope0 });
    let scope = scope0;
    if (!n.prefetch) {
      const more = await witnesses(store, input, [...added, ...touchedFound], scope0);
      scope = { ...scope0, records: new Set([...(witnessed ?? []), ...more]) };
    }
    if (added.length) {
      const withRecords = await store.recordsOf(added, scope);
      added = added.filter((id) => withRecords.has(id));
    }
    if (n.prefetch && added.length && input.scope?.sources) await this.prefetch(n.entityType, added, input.scope.sources);
    this.setValue(n, { ...prev, ids: [...prev.ids, ...added], scope });
    return { changed: added.length > 0 || touchedFound.length > 0, added, removed: false };
  }

  /** Entities whose WHERE paths (`parent_ref.name`) go through a reference to a touched entity. */
  private async reachedThroughRefs(where: IRWhere | undefined, touched: ReadonlySet<string>): Promise<string[]> {
    const out = new Set<string>();
    for (const attribute of centeredAttributes(where)) {
      const refs = parsePath(attribute).filter((s) => s.isRef).map((s) => s.name);
      let frontier = [...touched];
      for (let i = refs.length - 1; i >= 0 && frontier.length; i--) {
        const next = new Set<string>();
        for (const ids of (await this.ctx.store.neighbors(frontier, refs[i], 'in')).values()) for (const id of ids) next.add(id);
        frontier = [...next];
        for (const id of frontier) out.add(id);
      }
    }
    return [...out];
  }

  private async prefetch(entityType: string, ids: readonly string[], sources: readonly string[]): Promise<void> {
    if (!this.ctx.sources.takesQueries(sources)) return;
    const query = prefetchQuery(entityType, await this.ctx.store.entities(ids));
    if (query) await this.ctx.sources.prefetch(sources, query);
  }

  /**
   * A DISP's rows to show: with `change` (a batch), only rows of entities it added or touched (and entities whose
   * references reach a touched one), or, for rows that are not one per entity, the rows not shown before.
   */
  private async dispRows(d: DispState, set: EntitySet, change: { delta: Delta; touched: ReadonlySet<string> } | undefined): Promise<{ added: Cell[][]; changed: Cell[][] }> {
    const { store } = this.ctx;
    const perEntity = !set.table && !set.transform;
    let ids = set.ids;
    if (perEntity && change) {
      const held = this.idSets.get(d.node.id)!;
      const shown = new Set<string>(change.delta.added);
      for (const t of change.touched) if (held.has(t)) shown.add(t);
      const refs = (await store.edgeNames(set.type)).filter((e) => e.endsWith('_ref'));
      if (refs.length) {
        for (const ids2 of (await Promise.all(refs.map((r) => store.neighbors([...change.touched], r, 'in')))).flatMap((m) => [...m.values()])) {
          for (const id of ids2) if (held.has(id)) shown.add(id);
        }
      }
      ids = set.ids.filter((id) => shown.has(id));
      if (!ids.length) return { added: [], changed: [] };
    }
    const table = await tableOf(store, { ...set, ids });
    for (const c of table.columns) if (!d.columns.includes(c)) d.columns.push(c);
    const at = table.columns.map((c) => d.columns.indexOf(c));
    const widen = (r: Cell[]) => {
      const out: Cell[] = d.columns.map(() => null);
      r.forEach((v, i) => (out[at[i]] = v));
      return out;
    };
    const added: Cell[][] = [];
    const changed: Cell[][] = [];
    table.rows.forEach((r, i) => {
      const row = widen(r);
      const text = stableStringify(row);
      if (perEntity) {
        const id = table.rowIds![i];
        const before = d.shown.get(id);
        if (before === text) return;
        d.shown.set(id, text);
        (before === undefined ? added : changed).push(row);
        return;
      }
      if (d.shown.has(text)) return;
      d.shown.set(text, '');
      added.push(row);
    });
    return { added, changed };
  }
}

function within(r: RecordNode, scope: RecordScope): boolean {
  if (scope.sources && !r.sources.some((s) => scope.sources!.includes(s))) return false;
  if (scope.start !== undefined && (r.firstObserved === undefined || r.firstObserved < scope.start)) return false;
  if (scope.stop !== undefined && (r.firstObserved === undefined || r.firstObserved >= scope.stop)) return false;
  return true;
}

function centeredAttributes(w: IRWhere | undefined): string[] {
  if (!w) return [];
  if (w.kind !== 'comparison') return [...centeredAttributes(w.left), ...centeredAttributes(w.right)];
  return w.entityType ? [] : [w.attribute];
}

/** As the one-shot FIND: the records that mention a found entity together with an input entity, else all of its records. */
async function witnesses(store: GraphStore, input: EntitySet, found: readonly string[], scope: RecordScope): Promise<Set<string>> {
  const out = new Set<string>();
  if (!found.length) return out;
  const inputRecords = new Set([...(await store.recordsOf(input.ids, input.scope)).values()].flat());
  for (const [, rs] of await store.recordsOf(found, scope)) {
    const shared = rs.filter((r) => inputRecords.has(r));
    for (const r of shared.length ? shared : rs) out.add(r);
  }
  return out;
}
