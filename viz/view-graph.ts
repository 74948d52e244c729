import type { AttrValue } from '../src/model/observation';

/**
 * The graph behind a finding, as every exporter and the provenance view read it: entities keyed by their
 * stable id (a pid is only an attribute), the relations between them, the hunt's variables that hold each
 * entity, and what the picture cannot show. Built from a store by `buildViewGraph`; exporters are pure
 * functions of it.
 */
export interface ViewNode {
  /** The entity's stable id (`process--…`). */
  id: string;
  /** Entity type (`process`, `file`, `network-traffic`, …). */
  type: string;
  /** What a person calls it: a process by name and pid, an address by value, a file by name. */
  label: string;
  /** The entity's attributes as stored (attacker-controlled strings included: escape them). */
  attrs: Record<string, AttrValue>;
  /** Variables of the hunt that hold this entity (highlighted in the view). */
  variables: string[];
  /** Hops from the nearest entity of a chosen variable, when the view walked to reach it. */
  depth?: number;
  /** Start time in epoch ms: `created`, else when first observed (one clock, the events' own), for ordering siblings. */
  time?: number;
  /** Ids of the records that mention the entity (first ones; `recordCount` has the total). */
  records: string[];
  recordCount: number;
}

export interface ViewEdge {
  /** Stable: `${source}|${relation}|${target}`. */
  id: string;
  source: string;
  target: string;
  /** The reference or FIND word that relates them, read "source RELATION target": a parent `created` its child. */
  relation: string;
  /** The reference in the data behind it and the end that holds it (a child's `parent_ref`: the target); none when events witness it. */
  ref?: { name: string; heldBy: 'source' | 'target' };
}

/** What the picture leaves out or cannot know, said in the view and in exports that have room for it. */
export interface ViewNotes {
  /** Entities not drawn because the graph reached its size bound. */
  truncated: number;
  /** Edges that close a cycle (bad data). */
  cycles: { source: string; target: string }[];
  /** Processes drawn as roots that are only the earliest ancestor seen in the data. */
  inferredRoots: string[];
}

/** What the view's details panel says of a record: when it was observed, where it was read, the event it reports. */
export interface RecordFact {
  /** Epoch ms, on the clock of `ViewNode.time`. */
  time?: number;
  /** The data source it was read from (the first, when several hold it). */
  source?: string;
  /** The event the record reports: its action and code (`process_creation 1`), when the record is an event. */
  event?: string;
}

export interface ViewGraph {
  /** Title for documents (the huntflow's name, the variables). */
  title: string;
  nodes: ViewNode[];
  edges: ViewEdge[];
  notes: ViewNotes;
  /**
   * Entities the drawn ones reference that are not drawn, with the edges to them, for exports that keep references
   * whole: the addresses of each drawn connection (`src_ref`, `dst_ref`; a STIX network-traffic must name one).
   * Graphs built by hand may leave it out.
   */
  referenced?: { nodes: ViewNode[]; edges: ViewEdge[] };
  /** Facts of the records the nodes list (`ViewNode.records`), by record id, for the view. Graphs built by hand may leave it out. */
  recordFacts?: Record<string, RecordFact>;
}
