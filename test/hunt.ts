import * as path from 'node:path';
import { defaultConnectors } from '../connectors/registry';
import { MemoryStore } from '../graph/memory-store';
import { Session, type BlockResult, type Output } from '../src/engine/session';

export const FIXTURES = path.join(__dirname, 'fixtures');

/** A session over the embedded store whose huntflows resolve data paths against test/fixtures. */
export function fixtureSession(now?: () => number): { session: Session; run: (hf: string) => Promise<BlockResult> } {
  const session = new Session({ store: new MemoryStore(), connectors: defaultConnectors(), now });
  return { session, run: (hf) => session.execute(hf, path.join(FIXTURES, 'hunt.hf')) };
}

/** Runs one block and fails the test with the error report if it did not succeed. */
export async function hunt(hf: string): Promise<BlockResult> {
  const r = await fixtureSession().run(hf);
  if (r.errors.length) throw new Error(JSON.stringify(r.errors, null, 2));
  return r;
}

export function counts(r: BlockResult): Record<string, [number, number]> {
  return Object.fromEntries(r.variables.map((v) => [v.name, [v.entities, v.records]]));
}

export function entities(r: BlockResult, name: string): number {
  const v = r.variables.find((x) => x.name === name);
  if (!v) throw new Error(`no variable ${name} in ${JSON.stringify(r.variables)}`);
  return v.entities;
}

export function disp(r: BlockResult, i = 0): Extract<Output, { kind: 'disp' }> {
  const o = r.outputs.filter((x) => x.kind === 'disp')[i];
  if (!o || o.kind !== 'disp') throw new Error(`no DISP output #${i}`);
  return o;
}

export function column(r: BlockResult, name: string, i = 0): unknown[] {
  const d = disp(r, i);
  const c = d.columns.indexOf(name);
  if (c < 0) throw new Error(`no column ${name} in ${d.columns.join(', ')}`);
  return d.rows.map((row) => row[c]);
}
