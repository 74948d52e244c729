/** A problem found in a huntflow, as data. The engine turns it into a thrown KestrelError. */
export interface Diagnostic {
  /** Stable code, e.g. E_SYNTAX. */
  code: string;
  message: string;
  file?: string;
  /** 1-based. */
  line?: number;
  column?: number;
  /** The offending source line with a caret under the column. */
  excerpt?: string;
  /** What the parser expected at the position, as people read it. */
  expected?: string[];
  /** A fix, e.g. "did you mean FIND?". */
  hint?: string;
}
