import type { GraphStore } from '../../graph/graph-store';
import { buildViewGraph, type BuildViewOptions } from '../../viz/build-view-graph';
import type { ViewGraph } from '../../viz/view-graph';
import { fixtureSession } from '../hunt';

/**
 * schtask_create (Mordor): schtasks.exe 8920, started by cmd.exe 460 under powershell.exe 6432, connects to
 * 172.18.39.6 on ports 135 and 49671; pgustavo owns the processes.
 */
export const SCHTASK_HUNT = `procs = GET process FROM file://event-logs/schtask_create.json WHERE name = 'schtasks.exe'
conns = FIND network-traffic CREATED BY procs
ips = FIND ipv4-addr ACCEPTED conns
users = FIND user-account OWNED procs`;

export const SCHTASK_VARIABLES = ['procs', 'conns', 'ips', 'users'];

/** The store after the hunt, and the view graph of the chosen variables. */
export async function schtaskGraph(
  variables: readonly string[] = SCHTASK_VARIABLES, options?: BuildViewOptions,
): Promise<{ store: GraphStore; graph: ViewGraph; ids: Record<string, string[]> }> {
  const { session, run } = fixtureSession();
  const r = await run(SCHTASK_HUNT);
  if (r.errors.length) throw new Error(JSON.stringify(r.errors));
  const ids: Record<string, string[]> = {};
  for (const name of SCHTASK_VARIABLES) ids[name] = (await session.entitiesOf(name))!.ids;
  const graph = await buildViewGraph(session.store, variables.map((name) => ({ name, ids: ids[name] })), options);
  return { store: session.store, graph, ids };
}
