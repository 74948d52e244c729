import type { AttrValue, Observation } from '../src/model/observation';
import type { Direction, EntityNode, GraphStore, IngestOptions, IngestStats, RecordNode, RecordScope } from './graph-store';
import { ProcessInstances } from './process-instances';
import { IdCache, learnProcesses, resolveObservations } from './resolve';

/**
 * What the store keeps per entity, found with one lookup while loading. `out` and `in` map a neighbour to the
 * refs that witnessed the edge between them (usually one), the same array on both ends.
 */
interface EntityEntry {
  type: string;
  attrs: Record<string, AttrValue>;
  variants?: Record<string, AttrValue[]>;
  records: string[];
  out?: Map<string, string[]>;
  in?: Map<string, string[]>;
}

/** A record mentioning up to this many entities finds an edge's ends among them with a search. */
const SEARCHED_ENTITIES = 16;

/** A record and the entities it mentions, each once, in the order it first mentions them. */
interface RecordEntry {
  node: RecordNode;
  entities: string[];
}

export interface MemoryStoreOptions {
  /** Longest silence between two sightings of one process without a GUID (default one hour). */
  processGapMs?: number;
}

export function inScope(r: RecordNode, scope: RecordScope | undefined): boolean {
  if (!scope) return true;
  if (scope.records && !scope.records.has(r.id)) return false;
  if (scope.sources && !r.sources.some((s) => scope.sources!.includes(s))) return false;
  if (scope.start !== undefined && (r.firstObserved === undefined || r.firstObserved < scope.start)) return false;
  if (scope.stop !== undefined && (r.firstObserved === undefined || r.firstObserved >= scope.stop)) return false;
  return true;
}

/**
 * The embedded store: entities and their relation edges in adjacency maps, records in an index that links each
 * record to the entities it mentions and back (a mention is the densest edge kind, and hunts only ever read it
 * in bulk).
 */
export class MemoryStore implements GraphStore {
  readonly backend = 'memory';
  private readonly recordById = new Map<string, RecordEntry>();
  private readonly byType = new Map<string, Set<string>>();
  private readonly entries = new Map<string, EntityEntry>();
  private readonly attrNames = new Map<string, Set<string>>();
  private readonly edgeNamesByType = new Map<string, Set<string>>();
  private readonly sources = new Set<string>();
  private readonly processes: ProcessInstances;
  private readonly ids = new IdCache();

  constructor(options: MemoryStoreOptions = {}) {
    this.processes = new ProcessInstances(options.processGapMs ?? 3_600_000);
  }

  async ingest(observations: readonly Observation[], options: IngestOptions = {}): Promise<IngestStats> {
    const before = { entities: this.entityCount, edges: this.edgeCount };
    let records = 0;
    let current: RecordEntry | undefined;
    // The entries of current.entities, so that an edge of a small record finds its ends without a lookup in the whole store.
    let mentioned: EntityEntry[] = [];
    const entryOf = (id: string) => {
      const entities = current!.entities;
      const i = entities.length <= SEARCHED_ENTITIES ? entities.indexOf(id) : -1;
      return i < 0 ? this.entries.get(id) : mentioned[i];
    };
    resolveObservations(observations, this.processes, this.ids, {
      record: (record) => {
        const [source] = record.sources;
        this.sources.add(source);
        const known = this.recordById.get(record.id)?.node;
        if (known) {
          if (!known.sources.includes(source)) known.sources.push(source);
          return false;
        }
        records++;
        current = { node: record, entities: [] };
        mentioned = [];
        this.recordById.set(record.id, current);
        return true;
      },
      entity: (id, type, attrs) => {
        const entry = this.mergeEntity(id, type, attrs);
        if (!entry) return;
        const rs = entry.records;
        if (rs[rs.length - 1] !== current!.node.id) {
          rs.push(current!.node.id);
          current!.entities.push(id);
          mentioned.push(entry);
        }
      },
      edge: (from, to, name) => this.addEdge(entryOf(from), entryOf(to), from, to, name),
    }, options.handOver ? (i) => delete (observations as Observation[])[i] : undefined);
    return { records, entities: this.entityCount - before.entities, edges: this.edgeCount - before.edges };
  }

  learnProcesses(observations: readonly Observation[]): void {
    learnProcesses(observations, this.processes, this.ids);
  }

  get entityCount(): number {
    return this.entries.size;
  }

  private edgeCount = 0;

  private addEdge(source: EntityEntry | undefined, target: EntityEntry | undefined, from: string, to: string, name: string): void {
    if (!source || !target) return;
    const names = source.out?.get(to);
    if (names === undefined) {
      const created = [name];
      (source.out ??= new Map()).set(to, created);
      (target.in ??= new Map()).set(from, created);
    } else {
      if (names.includes(name)) return;
      names.push(name);
    }
    this.edgeCount++;
    this.index(this.edgeNamesByType, source.type, name);
  }

  /** Returns undefined when the id is already taken by an entity of another type (a broken source). */
  private mergeEntity(id: string, type: string, from: Record<string, AttrValue>): EntityEntry | undefined {
    let entry = this.entries.get(id);
    if (entry && entry.type !== type) return undefined;
    if (!entry) {
      entry = { type, attrs: Object.create(null) as Record<string, AttrValue>, records: [] };
      this.entries.set(id, entry);
      this.index(this.byType, type, id);
    }
    const attrs = entry.attrs;
    for (const k in from) {
      const v = from[k];
      if (v === null || v === undefined) continue;
      if (!(k in attrs)) this.index(this.attrNames, type, k);
      else if (attrs[k] !== v && typeof v !== 'object') this.addVariant(entry, k, attrs[k]);
      attrs[k] = v;
    }
    return entry;
  }

  private addVariant(entry: EntityEntry, key: string, previous: AttrValue): void {
    entry.variants ??= Object.create(null) as Record<string, AttrValue[]>;
    const list = (entry.variants[key] ??= []);
    if (!list.includes(previous)) list.push(previous);
  }

  private index(map: Map<string, Set<string>>, key: string, value: string): void {
    let s = map.get(key);
    if (!s) map.set(key, (s = new Set()));
    s.add(value);
  }

  async hasSource(source: string): Promise<boolean> {
    return this.sources.has(source);
  }

  async entityIds(type: string, scope?: RecordScope): Promise<string[]> {
    const ofType = this.byType.get(type);
    if (!ofType) return [];
    if (!scope) return [...ofType];
    const found = new Set<string>();
    for (const { node, entities } of this.recordById.values()) {
      if (!inScope(node, scope)) continue;
      for (const id of entities) if (ofType.has(id)) found.add(id);
    }
    return [...found];
  }

  async entities(ids: readonly string[]): Promise<EntityNode[]> {
    const out: EntityNode[] = [];
    for (const id of ids) {
      const a = this.entries.get(id);
      if (a) out.push({ id, type: a.type, attrs: a.attrs, variants: a.variants });
    }
    return out;
  }

  async neighbors(ids: readonly string[], edge: string, direction: Direction): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    for (const id of ids) {
      const entry = this.entries.get(id);
      const adjacent = direction === 'out' ? entry?.out : entry?.in;
      if (!adjacent) continue;
      const found: string[] = [];
      for (const [other, names] of adjacent) if (names.includes(edge)) found.push(other);
      if (found.length) out.set(id, found);
    }
    return out;
  }

  async recordsOf(ids: readonly string[], scope?: RecordScope): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    for (const id of ids) {
      const rs = this.entries.get(id)?.records;
      if (!rs) continue;
      const kept = scope ? rs.filter((r) => inScope(this.record(r), scope)) : rs;
      if (kept.length) out.set(id, kept);
    }
    return out;
  }

  async records(ids: readonly string[]): Promise<RecordNode[]> {
    return ids.filter((id) => this.recordById.has(id)).map((id) => this.record(id));
  }

  private record(id: string): RecordNode {
    return this.recordById.get(id)!.node;
  }

  async mentionedBy(recordIds: readonly string[], type?: string): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    const ofType = type === undefined ? undefined : this.byType.get(type);
    for (const r of recordIds) {
      const es = this.recordById.get(r)?.entities;
      if (!es) continue;
      out.set(r, ofType ? es.filter((e) => ofType.has(e)) : type === undefined ? es : []);
    }
    return out;
  }

  async attributeNames(type: string): Promise<string[]> {
    return [...(this.attrNames.get(type) ?? [])];
  }

  async edgeNames(type: string): Promise<string[]> {
    return [...(this.edgeNamesByType.get(type) ?? [])];
  }

  async setAttributes(updates: ReadonlyMap<string, Readonly<Record<string, AttrValue>>>): Promise<void> {
    for (const [id, attrs] of updates) {
      const entry = this.entries.get(id);
      if (!entry) continue;
      for (const [k, v] of Object.entries(attrs)) {
        if (!(k in entry.attrs)) this.index(this.attrNames, entry.type, k);
        entry.attrs[k] = v;
      }
    }
  }

  async entityTypes(): Promise<string[]> {
    return [...this.byType.keys()];
  }
}
