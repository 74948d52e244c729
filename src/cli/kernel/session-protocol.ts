import type { BlockResult } from '../../engine/session';
import type { Vocabulary } from '../completion';

/** The kernel asks the session's worker to run a cell. */
export interface RunRequest {
  code: string;
  file: string;
  /** Replays after an interrupt only restore state: no vocabulary, no view. */
  quiet: boolean;
}

/** What a cell did, with what completion needs next and the provenance view when the cell assigned processes. */
export interface RunReply {
  result: BlockResult;
  vocabulary?: Vocabulary;
  view?: string;
}
