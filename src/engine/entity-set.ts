import type { Transform } from '../lang/ast';
import type { RecordScope } from '../../graph/graph-store';

/** The value of every IR node: entities of one type, in order, and which of their records count. */
export interface EntitySet {
  readonly type: string;
  readonly ids: readonly string[];
  /** Records outside the scope do not count for this set (a GET's sources and time window). */
  readonly scope?: RecordScope;
  /** Columns chosen with ATTR. */
  readonly columns?: readonly string[];
  readonly transform?: Transform;
}
