/** Evaluation is lazy (only what is pulled is computed) and each node is computed once and shared. */
import { MemoryStore } from '../../graph/memory-store';
import { DataSources } from '../../src/engine/data-sources';
import { Evaluator } from '../../src/engine/evaluate';
import { compile } from '../../src/ir/compile';
import type { VariableNode } from '../../src/ir/nodes';
import { parse } from '../../src/lang/parse';
import { countingConnector, countingSession, HUNT_FILE } from './counting-session';

const BLOCK = `
a = GET process FROM file://doctored-1k.json WHERE name = 'cmd.exe'
b = GET ipv4-addr FROM file://test_bundle.json WHERE value = '10.0.0.91'
c = a WHERE pid > 10000
d = GET process FROM file://doctored-1k.json WHERE name = 'svchost.exe'`;

function setup() {
  const store = new MemoryStore();
  const connector = countingConnector();
  const evaluator = new Evaluator(store, new DataSources(store, [connector]));
  const parsed = parse(BLOCK, HUNT_FILE);
  if (!parsed.ok) throw new Error(parsed.diagnostic.message);
  const block = compile(parsed.huntflow, {
    symbols: new Map(), now: Date.now(), seenAttributes: new Map(), timeOffsets: { startMs: -300_000, stopMs: 300_000 },
  });
  const v = (name: string): VariableNode => block.symbols.get(name)!;
  return { store, reads: connector.reads, evaluator, v };
}

describe('the evaluator', () => {
  it('reads nothing when a block compiles', () => {
    const { reads, evaluator } = setup();
    expect(reads).toEqual([]);
    expect(evaluator.done.size).toBe(0);
  });

  it('computes only what a pulled node depends on', async () => {
    const { reads, evaluator, v } = setup();
    const c = await evaluator.value(v('c'));
    expect(c.ids).toHaveLength(4);
    expect(reads).toEqual(['file://doctored-1k.json']);
    expect(evaluator.done.has(v('a').id)).toBe(true);
    expect(evaluator.done.has(v('c').id)).toBe(true);
    expect(evaluator.done.has(v('b').id)).toBe(false);
    expect(evaluator.done.has(v('d').id)).toBe(false);
  });

  it('reads a source once for every statement that uses it', async () => {
    const { reads, evaluator, v } = setup();
    await Promise.all([evaluator.value(v('a')), evaluator.value(v('c')), evaluator.value(v('d'))]);
    expect(reads).toEqual(['file://doctored-1k.json']);
    await evaluator.value(v('b'));
    expect(reads).toEqual(['file://doctored-1k.json', 'file://test_bundle.json']);
  });

  it('computes a node once and replays its value to later pulls', async () => {
    const { store, evaluator, v } = setup();
    const entityIds = jest.spyOn(store, 'entityIds');
    const first = await evaluator.value(v('c'));
    expect(entityIds).toHaveBeenCalledTimes(1);
    expect(await evaluator.value(v('a'))).toBe(evaluator.done.get(v('a').id));
    expect(await evaluator.value(v('c'))).toBe(first);
    expect(entityIds).toHaveBeenCalledTimes(1);
  });
});

describe('a session', () => {
  it('never reads the source of a value nothing pulls: an overwritten x with a missing file', async () => {
    const { run, reads } = countingSession();
    const r = await run(`
      x = GET process FROM file://no-such-file.json WHERE name = 'cmd.exe'
      x = GET process FROM file://doctored-1k.json WHERE name = 'cmd.exe'`);
    expect(r.errors).toEqual([]);
    expect(r.variables).toEqual([{ name: 'x', type: 'process', entities: 9, records: 14 }]);
    expect(reads).toEqual(['file://doctored-1k.json']);
  });

  it('reads a source once across several GETs and blocks', async () => {
    const { run, reads } = countingSession();
    const first = await run(`
      p = GET process FROM file://doctored-1k.json WHERE name = 'cmd.exe'
      f = GET file FROM file://doctored-1k.json WHERE name = 'cmd.exe'
      i = GET ipv4-addr FROM file://doctored-1k.json WHERE value = '127.0.0.1'`);
    const second = await run(`
      s = GET process WHERE name = 'svchost.exe'
      u = GET user-account FROM file://doctored-1k.json WHERE user_id = 'SYSTEM'`);
    expect([...first.errors, ...second.errors]).toEqual([]);
    expect(second.variables.map((v) => [v.name, v.entities])).toEqual([['s', 5], ['u', 1]]);
    expect(reads).toEqual(['file://doctored-1k.json']);
  });

  it('reads a file once however its URI is spelt', async () => {
    const { run, reads } = countingSession();
    const r = await run(`
      a = GET process FROM file://test_bundle_4.json WHERE name = 'compattelrunner.exe'
      b = GET process FROM test_bundle_4.json WHERE name = 'compattelrunner.exe'
      c = GET process FROM file://./test_bundle_4.json WHERE name = 'compattelrunner.exe'`);
    expect(r.errors).toEqual([]);
    expect(r.variables.map((v) => v.entities)).toEqual([2, 2, 2]);
    expect(reads).toEqual(['file://test_bundle_4.json']);
  });
});
