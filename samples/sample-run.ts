import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultConnectors } from '../connectors/registry';
import type { GraphStore } from '../graph/graph-store';
import { MemoryStore } from '../graph/memory-store';
import { shippedAnalytics } from '../src/cli/open-session';
import { Session, type BlockResult, type Output } from '../src/engine/session';

/**
 * Runs a sample's hunt.hf (or another huntflow of the sample) as `kestrel run` does, failing on any error; on
 * a fresh embedded store unless given another (the store conformance suite runs every sample on each store).
 */
export async function runSample(folder: string, huntflow = 'hunt.hf', store: GraphStore = new MemoryStore()): Promise<BlockResult> {
  const file = path.join(folder, huntflow);
  const session = new Session({ store, connectors: defaultConnectors(), analytics: { profiles: shippedAnalytics() } });
  const result = await session.execute(fs.readFileSync(file, 'utf8'), file);
  if (result.errors.length) throw new Error(JSON.stringify(result.errors, null, 2));
  return result;
}

export function shown(r: BlockResult, variable: string): Extract<Output, { kind: 'disp' }> {
  const o = r.outputs.find((x) => x.kind === 'disp' && x.variable === variable);
  if (!o || o.kind !== 'disp') throw new Error(`no DISP of ${variable}`);
  return o;
}

export function columnOf(r: BlockResult, variable: string, column: string): unknown[] {
  const d = shown(r, variable);
  return d.rows.map((row) => row[d.columns.indexOf(column)]);
}

export function summary(r: BlockResult): Record<string, [number, number]> {
  return Object.fromEntries(r.variables.map((v) => [v.name, [v.entities, v.records]]));
}

/** The SAVE outputs of a run, by file name: a sample's view and GraphML export. */
export function savedFiles(r: BlockResult): Map<string, Extract<Output, { kind: 'save' }>> {
  const saves = r.outputs.filter((o): o is Extract<Output, { kind: 'save' }> => o.kind === 'save');
  return new Map(saves.map((o) => [path.basename(o.file), o]));
}
