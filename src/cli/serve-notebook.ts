import * as path from 'node:path';
import { NOTHING_FOLLOWED } from './follow-output';
import { escapeText } from './kernel/html';
import { LiveBlock } from './live-block';
import { blockHtml } from './serve-block-html';
import { errorResult } from './session-answer';
import type { BlockRunner } from './session-host';
import type { RunReply } from './session-protocol';
import { stoppedBlock } from './stopped-block';

/** A block as the explorer's page shows it: its number, its source, and what it output as HTML. */
export interface NotebookBlock {
  block: number;
  source: string;
  ok: boolean;
  html: string;
  /** It was run followed (a re-run follows it again). */
  follow?: boolean;
}

/** A block's answer: with the view of every variable so far when it changed; `following` while it is followed. */
export type NotebookAnswer = NotebookBlock & { view?: string; following?: boolean };

/** What a page watching the followed block hears: its HTML as it grows (with the view, when drawn again), then the block as it ended. */
export type LiveUpdate = { block: number; html: string; view?: string } | { done: NotebookAnswer };

/** The blocks of one explorer, numbered as they arrive, kept with their output so that a reloaded page shows them. */
export interface Notebook {
  /**
   * Runs a block after the ones before it; the answer carries the view of every variable so far. A followed block
   * answers once its sources are followed (or, when none can be, once it ran); it goes on until `stop`.
   */
  run(source: string, follow?: boolean): Promise<NotebookAnswer>;
  /** Every block that finished, oldest first, the latest view, and the block being followed. */
  history(): { blocks: readonly NotebookBlock[]; view?: string; following?: NotebookBlock };
  /** Tells `listener` how the followed block grows until it ends; undefined when no block is followed. Returns how to stop listening. */
  watch(listener: (u: LiveUpdate) => void): (() => void) | undefined;
  /** Stops following the followed block: resolves with it as it ended, or undefined when none was followed. */
  stop(): Promise<NotebookAnswer> | undefined;
}

interface Following {
  block: NotebookBlock;
  watchers: Set<(u: LiveUpdate) => void>;
  ended: Promise<NotebookAnswer>;
}

/**
 * Block n runs as the file `<block n>` of `baseDir`: relative data paths resolve there, and an error in that file
 * (raised while block n runs, or later, when another block reads one of its variables) is said to be in block n.
 */
export function notebook(runner: BlockRunner, baseDir: string): Notebook {
  const blocks: NotebookBlock[] = [];
  const numbers = new Map<string, number>();
  const blockOf = (f: string) => numbers.get(f);
  let view: string | undefined;
  let following: Following | undefined;

  const finish = (block: number, source: string, reply: RunReply, follow: boolean, live?: LiveBlock): NotebookAnswer => {
    const f = reply.follow;
    const note = !f ? '' : f.followed.length ? `<p class="live">${escapeText(live!.stoppedLine(f))}</p>` : `<p class="note">${escapeText(NOTHING_FOLLOWED)}</p>`;
    const done = { block, source, ok: reply.result.errors.length === 0, html: [note, blockHtml(reply.result, blockOf)].filter(Boolean).join('\n'), ...(follow && { follow }) };
    // The runner finishes blocks in the order they came: the list stays in block order.
    blocks.push(done);
    view = reply.view ?? view;
    return { ...done, view: reply.view };
  };

  return {
    run(source, follow = false) {
      const block = numbers.size + 1;
      const file = path.join(baseDir, `<block ${block}>`);
      numbers.set(file, block);
      if (!follow) return runner.run(source, file, 'session').catch(stopped).then((reply) => finish(block, source, reply, false));
      return new Promise<NotebookAnswer>((answer) => {
        let live: LiveBlock | undefined;
        let first = '';
        let state: Following | undefined;
        // What came so far on top, then what the block found when it started.
        const html = () => `${live!.html()}\n<p class="live">when it started:</p>\n${first}`;
        const ended = runner.run(source, file, 'session', {
          following: (reply, followed) => {
            live = new LiveBlock(followed);
            first = blockHtml(reply.result, blockOf);
            state = { block: { block, source, ok: true, html: html(), follow: true }, watchers: new Set(), ended };
            following = state;
            view = reply.view ?? view;
            answer({ ...state.block, view: reply.view, following: true });
          },
          update: (events, drawn) => {
            live!.take(events);
            state!.block.html = html();
            view = drawn ?? view;
            for (const w of state!.watchers) w({ block, html: state!.block.html, ...(drawn && { view: drawn }) });
          },
        }).catch(stopped).then((reply) => {
          const done = finish(block, source, reply, true, live);
          following = undefined;
          for (const w of state?.watchers ?? []) w({ done });
          answer(done);
          return done;
        });
      });
    },
    history: () => ({ blocks, view, ...(following && { following: following.block }) }),
    watch(listener) {
      const f = following;
      if (!f) return undefined;
      f.watchers.add(listener);
      return () => f.watchers.delete(listener);
    },
    stop() {
      if (!following) return undefined;
      runner.interrupt();
      return following.ended;
    },
  };
}

function stopped(e: unknown): RunReply {
  return { result: errorResult(stoppedBlock(e, 'block')) };
}
