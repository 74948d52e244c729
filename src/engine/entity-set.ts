import type { Transform } from '../lang/ast';
import type { AttrValue } from '../model/observation';
import type { RecordScope } from '../../graph/graph-store';

/** Rows that are not entities: a GROUP result, or a JOIN's left entities with the right's columns. */
export interface Table {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly AttrValue[])[];
  /** The entity each row stands for (JOIN); absent when rows are groups. */
  readonly rowIds?: readonly string[];
}

/** The value of every IR node: entities of one type, in order, and which of their records count. */
export interface EntitySet {
  readonly type: string;
  readonly ids: readonly string[];
  /** Records outside the scope do not count for this set (a GET's sources and time window). */
  readonly scope?: RecordScope;
  /** Columns chosen with ATTR. */
  readonly columns?: readonly string[];
  readonly transform?: Transform;
  /** Hops from the FIND's input, for a FIND with DEPTH (shown as the `x_depth` column). */
  readonly depths?: ReadonlyMap<string, number>;
  /** Set when the variable holds rows rather than (only) entities. */
  readonly table?: Table;
}
