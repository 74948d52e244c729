import * as path from 'node:path';
import type { ReadContext } from '../../../connectors/connector';
import { stixBundleConnector } from '../../../connectors/stix-bundle';
import type { Observation } from '../../../src/model/observation';

export const FIXTURES = path.resolve(__dirname, '../../fixtures');

export async function readAll(uri: string, ctx: ReadContext = { baseDir: FIXTURES }): Promise<Observation[]> {
  const out: Observation[] = [];
  for await (const observation of stixBundleConnector.read(uri, ctx)) out.push(observation);
  return out;
}

/** The thrown error, for asserting on its fields; fails the test if nothing is thrown. */
export async function readError(uri: string, ctx: ReadContext = { baseDir: FIXTURES }): Promise<Record<string, unknown>> {
  try {
    await readAll(uri, ctx);
  } catch (e) {
    return e as Record<string, unknown>;
  }
  throw new Error(`reading ${uri} did not fail`);
}

export function typeCounts(observations: Observation[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of observations) for (const object of o.objects) counts[object.type] = (counts[object.type] ?? 0) + 1;
  return counts;
}
