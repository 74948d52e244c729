import type { AttrValue, Observation } from '../src/model/observation';

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
  source: string;
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

export interface IngestStats {
  records: number;
  entities: number;
  edges: number;
}

export type Direction = 'out' | 'in';

/**
 * The property graph behind a session: entity nodes keyed by identity, record nodes linked to the entities
 * they mention, and typed edges named after the references that witnessed them (parent_ref, src_ref, ...).
 * Set-oriented so that a database backend answers each call with one query.
 */
export interface GraphStore {
  readonly backend: string;
  ingest(observations: readonly Observation[]): Promise<IngestStats>;
  hasSource(source: string): Promise<boolean>;
  /** Entities of a type, in first-seen order; with a scope, only those mentioned by a record in it. */
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
}
