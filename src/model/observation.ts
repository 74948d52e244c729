/**
 * What a connector yields: one record (a STIX observed-data, a log event) and the objects it mentions,
 * before identity resolution. Refs point at other objects of the same record by their local key.
 */
export type AttrValue = string | number | boolean | null | AttrValue[] | { [key: string]: AttrValue };

export interface ObservedObject {
  /** Key of the object inside its record ("0", "1", or a STIX 2.1 id). */
  key: string;
  type: string;
  /** Attributes other than references; nested objects (hashes, extensions) stay nested. */
  attrs: Record<string, AttrValue>;
  /** `*_ref` name to one local key, `*_refs` name to several. */
  refs: Record<string, string | string[]>;
}

export interface Observation {
  /** Stable record id (the observed-data id, or one derived from the source and position). */
  id: string;
  /** The data source URI the record came from. */
  source: string;
  /** ISO-8601 UTC. */
  firstObserved?: string;
  lastObserved?: string;
  /**
   * When the log wrote the record (ECS `event.created`, OTRF `@timestamp`), where `firstObserved` is when the
   * event happened: sensors on one host disagree on event time (Sysmon's UtcTime against the Security log),
   * while the log time correlates them. Process sightings are timed by it when present.
   */
  loggedAt?: string;
  numberObserved: number;
  objects: ObservedObject[];
}
