import type { Session } from '../engine/session';
import { buildViewGraph, type BuildViewOptions } from '../../viz/build-view-graph';
import type { ViewGraph } from '../../viz/view-graph';

/** The graph behind some of a session's variables, as the view and the exporters draw it. */
export async function sessionGraph(session: Session, names: readonly string[], options?: BuildViewOptions): Promise<ViewGraph> {
  const variables = await Promise.all(names.map(async (name) => ({ name, ids: (await session.entitiesOf(name))?.ids ?? [] })));
  await session.readAround(variables.flatMap((v) => v.ids));
  return buildViewGraph(session.store, variables, options);
}
