import type { GraphStore } from '../../graph/graph-store';
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

export async function summarize(store: GraphStore, name: string, set: EntitySet): Promise<VariableSummary> {
  const summary = { name, type: set.type, entities: set.ids.length, records: (await recordsOfSet(store, set)).length };
  return set.table ? { ...summary, rows: set.table.rows.length } : summary;
}
