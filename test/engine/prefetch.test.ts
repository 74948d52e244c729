/**
 * Prefetch (reference 1.6): with it, the entities a GET or FIND returns bring every record of the data source
 * that mentions them; without it, only the records that matched (GET) or that link them to the input (FIND).
 * Switchable per command and per entity type, with Kestrel's defaults.
 */
import * as path from 'node:path';
import { defaultConnectors } from '../../connectors/registry';
import { MemoryStore } from '../../graph/memory-store';
import { DEFAULT_PREFETCH, type PrefetchSettings } from '../../src/ir/compile';
import { Session } from '../../src/engine/session';
import { counts, FIXTURES } from '../hunt';

const HUNT = `
  conns = GET network-traffic FROM file://doctored-1k.json WHERE [network-traffic:src_ref.value = '127.0.0.1']
  procs = FIND process CREATED conns
  local = GET process FROM file://doctored-1k.json WHERE [network-traffic:src_ref.value = '127.0.0.1']`;

async function run(prefetch?: PrefetchSettings) {
  const session = new Session({ store: new MemoryStore(), connectors: defaultConnectors(), prefetch });
  const r = await session.execute(HUNT, path.join(FIXTURES, 'hunt.hf'));
  if (r.errors.length) throw new Error(JSON.stringify(r.errors));
  return { counts: counts(r), explained: r };
}

describe('prefetch', () => {
  it('is on for GET and FIND by default and off for file, user-account and x-oca-asset', () => {
    expect(DEFAULT_PREFETCH).toEqual({ get: true, find: true, excludedEntities: ['file', 'user-account', 'x-oca-asset'] });
  });

  it('on: the processes that created local connections bring all their records (Kestrel C14: 471)', async () => {
    const { counts: c } = await run();
    expect(c.procs).toEqual([8, 471]);
    expect(c.local[1]).toBeGreaterThan(c.local[0]);
  });

  it('off for FIND: only the records shared with the connections (203, one per connection record)', async () => {
    const { counts: c } = await run({ ...DEFAULT_PREFETCH, find: false });
    expect(c.procs).toEqual([8, 203]);
  });

  it('off for GET: an extended WHERE keeps only the records it matched', async () => {
    const on = (await run()).counts.local;
    const off = (await run({ ...DEFAULT_PREFETCH, get: false })).counts.local;
    expect(off[0]).toBe(on[0]);
    expect(off[1]).toBeLessThan(on[1]);
  });

  it('an excluded entity type is never prefetched, whatever the command switch says', async () => {
    const { counts: c } = await run({ get: true, find: true, excludedEntities: ['process'] });
    expect(c.procs).toEqual([8, 203]);
  });

  it('EXPLAIN says when a step runs without prefetch', async () => {
    const session = new Session({ store: new MemoryStore(), connectors: defaultConnectors() });
    const r = await session.execute(`
      p = GET process FROM file://doctored-1k.json WHERE name = 'wmic.exe'
      f = FIND file LOADED BY p
      EXPLAIN f`, path.join(FIXTURES, 'hunt.hf'));
    const o = r.outputs[0];
    if (o.kind !== 'explain') throw new Error('no EXPLAIN output');
    const details = o.data.dag.map((n) => n.detail);
    expect(details.find((d) => d.startsWith('FIND file'))).toContain('(no prefetch)');
    expect(details.find((d) => d.startsWith('GET process'))).not.toContain('(no prefetch)');
  });
});
