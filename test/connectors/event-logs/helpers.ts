import * as path from 'node:path';
import { eventLogConnector } from '../../../connectors/event-logs';
import type { Observation, ObservedObject } from '../../../src/model/observation';

export const DIR = path.join(__dirname, '..', '..', 'fixtures', 'event-logs');

export async function readAll(uri: string, warnings: string[] = []): Promise<Observation[]> {
  const out: Observation[] = [];
  for await (const o of eventLogConnector.read(uri, { baseDir: DIR, onWarning: (m) => warnings.push(m) })) out.push(o);
  return out;
}

export function countTypes(obs: Observation[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of obs) for (const x of o.objects) counts[x.type] = (counts[x.type] ?? 0) + 1;
  return counts;
}

/** The x-oca-event of a record. */
export function eventOf(o: Observation): ObservedObject {
  return o.objects.find((x) => x.type === 'x-oca-event')!;
}

/** The object an x-oca-event ref (or any object's ref) points to. */
export function refOf(o: Observation, from: ObservedObject, ref: string): ObservedObject | undefined {
  const key = from.refs[ref];
  return typeof key === 'string' ? o.objects.find((x) => x.key === key) : undefined;
}

export function byCode(obs: Observation[], code: number): Observation[] {
  return obs.filter((o) => eventOf(o).attrs.code === code);
}
