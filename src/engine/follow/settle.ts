import { processGuid } from '../../model/identity';
import type { Observation } from '../../model/observation';

/**
 * A record that sees a process only by its pid (a Security 4688, an event without a GUID) waits before it is taken
 * in, so that the Sysmon record of the same process, with its GUID, can come first: a pid sighting joins the
 * GUID's process only if the store knows the GUID by then (graph/process-instances.ts), as it always does in a
 * one-shot load, which learns every GUID before resolving any pid. Other records go at once. It waits until the
 * log has moved LOG_WINDOW_MS past it (in log time), or the sources have been quiet for `graceMs` (default
 * QUIET_MS), or MAX_WAIT_MS at most.
 */
export const LOG_WINDOW_MS = 5000;
export const QUIET_MS = 1000;
export const MAX_WAIT_MS = 10_000;

/** Whether the record sees a process by pid without its GUID. */
export function seesPidOnly(o: Observation): boolean {
  for (const x of o.objects) {
    if (x.type === 'process' && x.attrs.pid !== undefined && x.attrs.pid !== null && processGuid(x.attrs) === undefined) return true;
  }
  return false;
}

/** When the log saw the record (its log time, else its event time), epoch ms. */
export function sighting(o: Observation): number {
  const t = Date.parse(o.loggedAt ?? o.firstObserved ?? '');
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
}

/**
 * A followed source's first read, split: what is taken in now, and the pid sightings at its end (within
 * LOG_WINDOW_MS of its newest record), whose GUID records may not be written yet; they wait as new records do.
 */
export function splitInitial(observations: Observation[]): { now: Observation[]; later: Observation[] } {
  let newest = Number.NEGATIVE_INFINITY;
  for (const o of observations) newest = Math.max(newest, sighting(o));
  if (newest === Number.NEGATIVE_INFINITY) return { now: observations, later: [] };
  const now: Observation[] = [];
  const later: Observation[] = [];
  for (const o of observations) (sighting(o) >= newest - LOG_WINDOW_MS && seesPidOnly(o) ? later : now).push(o);
  return { now, later };
}
