import type { Connector, FollowBatch, ReadContext } from '../../connectors/connector';
import type { GraphStore } from '../../graph/graph-store';
import { isKestrelError, KestrelError } from '../model/errors';
import type { Observation } from '../model/observation';
import type { NativeQuery, SourceQuery } from '../model/source-query';
import { stableStringify } from '../model/stable-id';
import { splitInitial } from './follow/settle';
import { recordFilter } from './record-filter';

/** Records left out of a read by query are shown to the store in batches small enough to die young. */
const LEARN_BATCH = 256;

/** A data source written as one bare word, as Kestrel 1.x's `FROM host101`. */
const BARE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Told how far the read of a data source has come; `done` once it is complete or failed. */
export type ProgressListener = (source: string, records: number, done: boolean) => void;

/** How a source that takes queries was reached, to ask it again for prefetch. */
interface QueriedSource {
  uri: string;
  baseDir: string;
}

/** `kestrel run --follow`: sources whose connector can follow them keep being read after their first read. */
export interface FollowSettings {
  signal: AbortSignal;
  pollMs?: number;
}

/** A source being followed: its later batches, for the live hunt to ingest (src/engine/follow). */
export interface FollowedSource {
  uri: string;
  location: string;
  batches: AsyncIterator<FollowBatch>;
  /** Records of the first read held back for the live hunt to take in (src/engine/follow/settle.ts). */
  held: Observation[];
}

/**
 * Loads data sources into the store. A file is read once per session, and not at all when the store already
 * holds it (its warnings are then the ones the store kept from its read); a source that filters at the source
 * (a server) is asked once per distinct query, and so is a large local file in the embedded store (only the
 * records a GET or a prefetch needs enter the store, until a GET without WHERE reads it whole). A read completes
 * before anything is ingested, so a read that fails leaves the store as it was.
 */
export class DataSources {
  private readonly loaded = new Map<string, Promise<string[]>>();
  /**
   * Every source whose records this session put in the store or found there (NEW and LOAD add theirs): what the
   * session's answers are drawn from, whatever else a persistent store holds.
   */
  readonly held = new Set<string>();
  /** Canonical source names read through a connector that takes queries, for prefetch. */
  private readonly queried = new Map<string, QueriedSource>();
  /** What connectors keep about sources for the session (ReadContext.kept). */
  private readonly kept = new Map<string, unknown>();
  /** Large files read by query so far, not yet whole (docs/DECISIONS.md 46), by canonical name. */
  private readonly partial = new Map<string, QueriedSource>();
  /** Sources read with `follow` whose later batches are still to come (follow mode only). */
  readonly followed: FollowedSource[] = [];

  constructor(
    private readonly store: GraphStore,
    private readonly connectors: readonly Connector[],
    private readonly onWarning: (message: string) => void = () => undefined,
    private readonly onProgress?: ProgressListener,
    private readonly follow?: FollowSettings,
  ) {}

  /** Returns the canonical source names the URI's records carry; each source (and query) is read once however it is spelt. */
  load(uri: string, baseDir: string, query?: SourceQuery, followable = true): Promise<string[]> {
    const ctx: ReadContext = { baseDir, onWarning: this.onWarning, readsWhole: this.store.backend !== 'memory' || !!this.follow, kept: this.kept };
    const connector = this.connectorFor(uri, ctx);
    const location = connector.locate(uri, ctx);
    // A file read whole answers every later query from the store.
    const native = query && !(connector.filtersFiles && this.loaded.has(location)) ? connector.nativeQuery?.(uri, query, ctx) : undefined;
    const key = native ? `${location}\u0000${stableStringify(native)}` : location;
    let p = this.loaded.get(key);
    if (!p) {
      p = this.read(connector, uri, { ...ctx, onProgress: this.onProgress && ((n) => this.onProgress!(location, n, false)) }, native ? query : undefined, followable)
        .catch((e: unknown) => Promise.reject(this.profileHint(uri, e)));
      this.loaded.set(key, p);
      p.then(
        (sources) => {
          if (native) for (const s of sources) this.queried.set(s, { uri, baseDir });
        },
        () => this.loaded.delete(key),
      );
    }
    return p;
  }

  /** The query each URI's connector would send, for EXPLAIN; files, read whole, have none. */
  nativeQuery(uri: string, baseDir: string, query: SourceQuery): NativeQuery | undefined {
    const connector = this.connectorFor(uri, { baseDir });
    return connector.nativeQuery?.(uri, query, { baseDir });
  }

  /** Asks every source among `sources` that takes queries for what `query` selects (prefetch). */
  async prefetch(sources: readonly string[], query: SourceQuery): Promise<void> {
    await Promise.all(sources.flatMap((s) => {
      const q = this.queried.get(s);
      // Followed too (in follow mode): the entities' later records come as the GET's own do.
      return q ? [this.load(q.uri, q.baseDir, query)] : [];
    }));
  }

  /** Whether any of the sources is a large file read by query so far, not whole. */
  readPartly(sources: readonly string[] | undefined): boolean {
    return !!sources?.some((s) => this.partial.has(s));
  }

  /** The large files read by query so far, not whole: what FIND, TRACK, the view and exports prefetch their entities from. */
  partlyRead(): string[] {
    return [...this.partial.keys()];
  }

  /** Whether any of the sources takes queries (so prefetch has something to ask). */
  takesQueries(sources: readonly string[] | undefined): boolean {
    return !!sources?.some((s) => this.queried.has(s));
  }

  /**
   * Kestrel 1.x read a bare `FROM host101` as `stixshifter://host101`: when no file has that name but such a
   * profile exists, the hint says to write the profile's URI.
   */
  private profileHint(uri: string, e: unknown): unknown {
    const profile = `stixshifter://${uri}`;
    if (isKestrelError(e) && e.code === 'E_DATA_SOURCE' && BARE_NAME.test(uri) && this.connectors.some((c) => c.canRead(profile).ok)) {
      e.hint = `no file is named ${uri}, but a data-source profile is (Kestrel 1.x read a bare name as one): write FROM ${profile}`;
    }
    return e;
  }

  private connectorFor(uri: string, ctx: ReadContext): Connector {
    const reasons: string[] = [];
    const connector = this.connectors.find((c) => {
      const can = c.canRead(uri, ctx);
      if (!can.ok) reasons.push(`${c.name}: ${can.reason}`);
      return can.ok;
    });
    if (!connector) throw new KestrelError('E_DATA_SOURCE', `no connector can read "${uri}"`, { hint: reasons.join('; ') });
    return connector;
  }

  private async read(connector: Connector, uri: string, ctx: ReadContext, query?: SourceQuery, followable = true): Promise<string[]> {
    const observations: Observation[] = [];
    const location = connector.locate(uri, ctx);
    if (this.follow && followable && connector.follow) return this.readFollowed(connector, uri, ctx, query);
    // A persistent store (Neo4j) may hold a file from an earlier `kestrel load` or hunt: it is not read again.
    if (!query && !this.partial.has(location) && (await this.store.hasSource(location))) {
      for (const w of (await this.store.sourceWarnings?.(location)) ?? []) ctx.onWarning?.(w);
      this.held.add(location);
      return [location];
    }
    const warnings: string[] = [];
    const keep = query && connector.filtersFiles ? recordFilter(query) : undefined;
    if (keep) this.partial.set(location, { uri, baseDir: ctx.baseDir });
    try {
      // The records left out still tell the store which processes exist, so those kept resolve as in a whole read.
      let left: Observation[] = [];
      for await (const o of connector.read(uri, { ...ctx, onWarning: (w) => { warnings.push(w); ctx.onWarning?.(w); } }, query)) {
        if (!keep || keep(o)) observations.push(o);
        else if (left.push(o) === LEARN_BATCH) {
          this.store.learnProcesses?.(left);
          left = [];
        }
      }
      this.store.learnProcesses?.(left);
    } finally {
      this.onProgress?.(location, observations.length, true);
    }
    const sources = [...new Set(observations.map((o) => o.source))];
    await this.store.ingest(observations, { handOver: true, warnings });
    if (!keep) this.partial.delete(location);
    for (const s of sources) this.held.add(s);
    return sources.length ? sources : [location];
  }

  /** The first read of a followed source: its batches up to the one that caught up; the rest is the live hunt's. */
  private async readFollowed(connector: Connector, uri: string, ctx: ReadContext, query?: SourceQuery): Promise<string[]> {
    const location = connector.locate(uri, ctx);
    const observations: Observation[] = [];
    const warnings: string[] = [];
    const batches = connector.follow!(uri, { ...ctx, ...this.follow!, onWarning: (w) => { warnings.push(w); ctx.onWarning?.(w); } }, query)[Symbol.asyncIterator]();
    try {
      for (;;) {
        const next = await batches.next();
        if (next.done) break;
        observations.push(...next.value.observations);
        if (next.value.caughtUp) break;
      }
    } catch (e) {
      await batches.return?.();
      throw e;
    } finally {
      this.onProgress?.(location, observations.length, true);
    }
    const sources = [...new Set(observations.map((o) => o.source))];
    const { now, later } = splitInitial(observations);
    await this.store.ingest(now, { handOver: true, warnings });
    for (const s of [location, ...sources]) this.held.add(s);
    this.followed.push({ uri, location, batches, held: later });
    return sources.length ? sources : [location];
  }
}
