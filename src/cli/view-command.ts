import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeAtomically } from '../engine/table-files/io';
import type { Session } from '../engine/session';
import { renderViewHtml } from '../../viz/view/render-view-html';
import { FIRST_SCREEN } from '../../viz/view/first-screen';
import type { ViewGraph } from '../../viz/view-graph';
import { besideHuntflow, huntGraph } from './hunt-graph';

/**
 * `kestrel view HUNT.hf [VAR…]`: runs the hunt and writes its provenance view, one offline HTML page, next to
 * the huntflow (or to `-o`). The huntflow's text is in the page, one click away.
 */
export async function viewHunt(session: Session, file: string, names: readonly string[], out?: string) {
  const run = await huntGraph(session, file, names);
  if (!('graph' in run)) return { result: run };
  const target = out ?? besideHuntflow(file, '.html');
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const html = renderViewHtml(run.graph, { title: run.graph.title, query: run.source });
  await writeAtomically(target, () => Buffer.from(html, 'utf8'));
  return { result: run.result, file: target, nodes: run.graph.nodes.length, edges: run.graph.edges.length, notes: run.graph.notes, notices: viewNotices(run.graph) };
}

/** What the page says about what it does not draw, said on the command line too. */
export function viewNotices(g: ViewGraph): string[] {
  const out: string[] = [];
  if (g.notes.truncated > 0) out.push(`${g.notes.truncated} more entities were not drawn: the graph reached its size bound`);
  if (g.nodes.length > FIRST_SCREEN) {
    out.push(`${g.nodes.length} entities are more than the ${FIRST_SCREEN} the page draws at first: it opens aggregated, alike siblings grouped and subtrees collapsed (open them in the page)`);
  }
  return out;
}
