import type { LiveEvent } from '../engine/follow/live-hunt';
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
  /** Follow the block until the host says "stop". */
  follow?: boolean;
}

/** What the host posts: a block to run, or "stop" (stop following the block being followed). */
export type HostMessage = RunRequest | 'stop';

/** What a followed block did while it was followed. */
export interface FollowSummary {
  /** The sources it followed (none: it ran once). */
  followed: string[];
  /** New records taken in, and the updates they came in. */
  records: number;
  batches: number;
}

/** What a block did, with what completion needs next and the provenance view when one was asked for. */
export interface RunReply {
  result: BlockResult;
  vocabulary?: Vocabulary;
  view?: string;
  /** A followed block's, once it stopped. */
  follow?: FollowSummary;
}

/**
 * What the worker posts: that its session is open (or why not), a block's reply, how far a read has come; for a
 * followed block, its first run once its sources are followed, then what each update brought (with the view, now
 * and then), then its reply once stopped.
 */
export type WorkerMessage =
  | { kind: 'ready'; error?: ErrorReport }
  | { kind: 'reply'; reply: RunReply }
  | { kind: 'following'; reply: RunReply; followed: string[] }
  | { kind: 'live'; events: LiveEvent[]; view?: string }
  | { kind: 'progress'; source: string; records: number; done: boolean };
