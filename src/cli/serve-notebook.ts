import * as path from 'node:path';
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
}

/** The blocks of one explorer, numbered as they arrive, kept with their output so that a reloaded page shows them. */
export interface Notebook {
  /** Runs a block after the ones before it; the answer carries the view of every variable so far. */
  run(source: string): Promise<NotebookBlock & { view?: string }>;
  /** Every block that finished, oldest first, and the latest view. */
  history(): { blocks: readonly NotebookBlock[]; view?: string };
}

/**
 * Block n runs as the file `<block n>` of `baseDir`: relative data paths resolve there, and an error in that file
 * (raised while block n runs, or later, when another block reads one of its variables) is said to be in block n.
 */
export function notebook(runner: BlockRunner, baseDir: string): Notebook {
  const blocks: NotebookBlock[] = [];
  const numbers = new Map<string, number>();
  let view: string | undefined;
  return {
    async run(source) {
      const block = numbers.size + 1;
      const file = path.join(baseDir, `<block ${block}>`);
      numbers.set(file, block);
      let reply: RunReply;
      try {
        reply = await runner.run(source, file, 'session');
      } catch (e) {
        reply = { result: errorResult(stoppedBlock(e, 'block')) };
      }
      const done = { block, source, ok: reply.result.errors.length === 0, html: blockHtml(reply.result, (f) => numbers.get(f)) };
      // The runner finishes blocks in the order they came: the list stays in block order.
      blocks.push(done);
      view = reply.view ?? view;
      return { ...done, view: reply.view };
    },
    history: () => ({ blocks, view }),
  };
}
