import type { AttrValue, Observation } from '../src/model/observation';
import type { Edge } from './cycle-edges';

export interface EntityNode {
  id: string;
  type: string;
  /** Merged attributes (latest non-null wins); references are edges, not attributes. */
  attrs: Record<string, AttrValue>;
  /** Earlier values of attributes whose records disagreed (a WHERE matches any value ever observed). */
  variants?: Record<string, AttrValue[]>;
}

export interface RecordNode {
  id: string;
  /** Every source the record was read from, in load order (a copy of a file holds the same records). */
  sources: string[];
  /** Milliseconds since the epoch. */
  firstObserved?: number;
  lastObserved?: number;
  numberObserved: number;
}

/** Which records count: from these sources, first observed in [start, stop), and only these records when given. */
export interface RecordScope {
  sources?: readonly string[];
  start?: number;
  stop?: number;
  records?: ReadonlySet<string>;
}

export interface IngestOptions {
  /**
   * The caller hands the array over and will not read it again: the store may empty each slot once it has
   * taken the record in, so that memory holds a large load once rather than twice.
   */
  handOver?: boolean;
  /**
   * What reading the observations' sources warned of: a store that keeps sources between sessions keeps these
   * with them (`sourceWarnings`), since a later hunt does not read a stored source again.
   */
  warnings?: readonly string[];
}

export interface IngestStats {
  records: number;
  entities: number;
  edges: number;
}

export type Direction = 'out' | 'in';

export interface WalkOptions {
  /** up = ancestors (follow parent_ref out), down = descendants (parent_ref in). */
  direction: 'up' | 'down';
  /** Default 1; nodes shallower than this are walked through but not returned. */
  minDepth?: number;
  /** Undefined = to the end. */
  maxDepth?: number;
  /** Default 100_000: stop expanding when this many nodes (start nodes not counted) were found. */
  maxNodes?: number;
  /** Told each level's processes before their parents (children) are looked up: a source read by query brings their records. */
  beforeLevel?: (processes: readonly string[]) => Promise<void>;
}

export interface WalkNode {
  id: string;
  depth: number;
  /** The node it was reached from (depth - 1); '' for a start node. */
  from: string;
}

export interface WalkResult {
  /**
   * Each process once, at its smallest depth; ordered by depth, then under each parent siblings by `created` (absent
   * last), then id. A start that is an ancestor (descendant) of another start is returned at that depth, as a one-hop
   * FIND returns it, but not walked again.
   */
  nodes: WalkNode[];
  /** Neighbours one level beyond maxDepth that were not returned (how much more there is). */
  cutByDepth: number;
  /** Nodes found but neither returned nor expanded because the walk reached maxNodes. */
  cutBySize: number;
  /** Edges (in the walk's direction) that lead back to a node already reached on the walk and close a cycle, each once. */
  cycles: Edge[];
  /**
   * For 'up': the topmost processes reached from each start (no parent edge in the data); `inferred` unless the
   * root is a real OS root (pid 0 or 4, or System/systemd/init/launchd), else it is only the earliest ancestor
   * seen in the data. For 'down': [].
   */
  roots: { id: string; inferred: boolean }[];
}

/**
 * The property graph behind a session: entity nodes keyed by identity, record nodes linked to the entities
 * they mention, and typed edges named after the references that witnessed them (parent_ref, src_ref, ...).
 * Set-oriented so that a database backend answers each call with one query.
 */
export interface GraphStore {
  readonly backend: string;
  ingest(observations: readonly Observation[], options?: IngestOptions): Promise<IngestStats>;
  /**
   * Learns which processes records show (creation events, GUIDs with their pids and times) without ingesting
   * them: a source read by query tells the store about records it leaves out, so that the records it brings
   * later resolve to the processes a whole read would give (docs/DECISIONS.md 46).
   */
  learnProcesses?(observations: readonly Observation[]): void;
  hasSource(source: string): Promise<boolean>;
  /** A store that keeps sources between sessions: the warnings given when `source` was read (see IngestOptions). */
  sourceWarnings?(source: string): Promise<string[]>;
  /**
   * Entities of a type, in first-seen order; with a scope, only those mentioned by a record in it, in the order
   * the scope's records first mention them (as a store holding only those records would list them).
   */
  entityIds(type: string, scope?: RecordScope): Promise<string[]>;
  entities(ids: readonly string[]): Promise<EntityNode[]>;
  /** For each id, the entities one `edge` away in the direction. */
  neighbors(ids: readonly string[], edge: string, direction: Direction): Promise<Map<string, string[]>>;
  /** For each id, the records that mention it (within the scope). */
  recordsOf(ids: readonly string[], scope?: RecordScope): Promise<Map<string, string[]>>;
  records(ids: readonly string[]): Promise<RecordNode[]>;
  /** For each record, the entities it mentions (of one type, when given). */
  mentionedBy(recordIds: readonly string[], type?: string): Promise<Map<string, string[]>>;
  /** Attribute names and edge names seen on entities of a type. */
  attributeNames(type: string): Promise<string[]>;
  edgeNames(type: string): Promise<string[]>;
  entityTypes(): Promise<string[]>;
  /** Adds or replaces attributes of existing entities (what an analytics computed); unknown ids are ignored. */
  setAttributes(updates: ReadonlyMap<string, Readonly<Record<string, AttrValue>>>): Promise<void>;
  /**
   * A store that can walk process trees in fewer round trips (Neo4j: one variable-length MATCH) answers
   * `walkProcessTree` (graph/provenance.ts) itself, with the same result as the level-by-level walk.
   */
  walkProcessTree?(start: readonly string[], options: WalkOptions): Promise<WalkResult>;
  /**
   * A database store's own query for following `edge` from a set of entities (`maxHops`: a walk of that many
   * hops, `null` without bound), with the input's ids as a named parameter: what EXPLAIN shows.
   */
  traversalQuery?(edge: string, direction: Direction, maxHops?: number | null): StoreQuery;
}

/** A query as a database store sends it: the statement and its named parameters. */
export interface StoreQuery {
  language: string;
  statement: string;
  parameters: Record<string, unknown>;
}
