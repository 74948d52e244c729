import { getHeapStatistics } from 'node:v8';
import type { ErrorReport } from '../engine/session';

/** Why a block did not finish: the user interrupted it. */
export class Interrupted extends Error {
  constructor() {
    super('interrupted');
  }
}

/**
 * The error a block that did not finish shows: interrupted (E_INTERRUPTED), its thread out of heap
 * (E_OUT_OF_MEMORY), or a bug. `unit` names it as the user knows it: a cell, a block, the hunt.
 */
export function stoppedBlock(e: unknown, unit: string): ErrorReport {
  if (e instanceof Interrupted) {
    return {
      code: 'E_INTERRUPTED',
      message: `the ${unit} was interrupted: it changed nothing, and the variables of the ${unit}s before it are kept`,
      hint: `narrow the query (WHERE, START … STOP, LIMIT) and run the ${unit} again`,
    };
  }
  if ((e as NodeJS.ErrnoException)?.code === 'ERR_WORKER_OUT_OF_MEMORY') return outOfMemory(unit);
  return { code: 'E_INTERNAL', message: `internal error: ${(e as Error)?.message ?? String(e)}` };
}

/** E_OUT_OF_MEMORY: the thread that ran the block needed more than the JavaScript heap holds. */
export function outOfMemory(unit: string): ErrorReport & { hint: string } {
  const limitMb = Math.round(getHeapStatistics().heap_size_limit / 2 ** 20);
  return {
    code: 'E_OUT_OF_MEMORY',
    message: `the ${unit} ran out of memory: it needed more than the JavaScript heap holds (${limitMb} MB)`,
    hint: 'read less (a WHERE or START … STOP on each GET), keep the graph in Neo4j (--backend neo4j), or give Node a larger heap: NODE_OPTIONS=--max-old-space-size=MB',
  };
}
