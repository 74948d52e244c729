import * as path from 'node:path';
import { KestrelError } from '../model/errors';
import type { BlockResult, Session } from '../engine/session';
import { readHuntflow } from './read-huntflow';
import { sessionGraph } from './session-graph';
import type { ViewGraph } from '../../viz/view-graph';

export interface HuntGraph {
  source: string;
  result: BlockResult;
  graph: ViewGraph;
}

/**
 * Runs a huntflow and builds the graph behind the chosen variables (all the hunt assigned, when none are
 * named). Throws E_HUNTFLOW_NOT_FOUND for an unreadable file and E_UNDEFINED_VARIABLE for a name the hunt
 * did not assign; a hunt that fails returns its result with the errors and no graph to draw.
 */
export async function huntGraph(session: Session, file: string, names: readonly string[]): Promise<HuntGraph | BlockResult> {
  const { source, warnings } = readHuntflow(file);
  const result = await session.execute(source, file);
  result.warnings.unshift(...warnings);
  if (result.errors.length) return result;
  const known = session.variableNames();
  const chosen = names.length ? [...names] : known;
  const unknown = chosen.find((n) => !known.includes(n));
  if (unknown !== undefined) {
    throw new KestrelError('E_UNDEFINED_VARIABLE', `the hunt has no variable ${unknown}`, { file, hint: `its variables are ${known.join(', ') || '(none)'}` });
  }
  const graph = await sessionGraph(session, chosen, { title: `${path.basename(file)}: ${chosen.join(', ')}` });
  return { source, result, graph };
}

/** Where a command writes next to the huntflow when no `-o` is given: `hunt.hf` → `hunt` + suffix. */
export function besideHuntflow(file: string, suffix: string): string {
  return path.join(path.dirname(file), path.basename(file, path.extname(file)) + suffix);
}
