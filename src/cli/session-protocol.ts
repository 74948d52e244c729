import type { BlockResult, ErrorReport } from '../engine/session';
import type { Vocabulary } from './completion';
import type { StoreOptions } from './open-store';

/** How the worker opens its session: as `kestrel run` would, on the store the options name. */
export interface WorkerSettings extends StoreOptions {
  collapse?: boolean;
  /** Post how far long reads have come. */
  progress?: boolean;
}

/**
 * The provenance view a reply carries: of the processes the block assigned (a notebook cell), or of every variable so
 * far (serve), when the block assigned or applied something.
 */
export type ViewScope = 'block' | 'session';

/** A block for the session's worker to run. */
export interface RunRequest {
  code: string;
  file: string;
  /** Replays after an interrupt only restore state: no vocabulary, no view. */
  quiet: boolean;
  view?: ViewScope;
}

/** What a block did, with what completion needs next and the provenance view when one was asked for. */
export interface RunReply {
  result: BlockResult;
  vocabulary?: Vocabulary;
  view?: string;
}

/** What the worker posts: that its session is open (or why not), a block's reply, or how far a read has come. */
export type WorkerMessage =
  | { kind: 'ready'; error?: ErrorReport }
  | { kind: 'reply'; reply: RunReply }
  | { kind: 'progress'; source: string; records: number; done: boolean };
