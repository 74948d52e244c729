import type { GraphStore } from '../../graph/graph-store';
import type { VariableNode } from '../ir/nodes';
import type { EntitySet } from './entity-set';
import { recordsOfSet } from './records';

export interface VariableSummary {
  name: string;
  type: string;
  entities: number;
  records: number;
  /** Rows of a variable that holds a table (GROUP, JOIN). */
  rows?: number;
}

/** A variable's line of the summary; its type as the hunt named it (`user` for Kestrel 2's name of user-account). */
export async function summarize(store: GraphStore, v: VariableNode, set: EntitySet): Promise<VariableSummary> {
  const summary = { name: v.name, type: v.shownType, entities: set.ids.length, records: (await recordsOfSet(store, set)).length };
  return set.table ? { ...summary, rows: set.table.rows.length } : summary;
}
