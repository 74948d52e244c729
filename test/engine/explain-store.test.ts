import { defaultConnectors } from '../../connectors/registry';
import { MemoryStore } from '../../graph/memory-store';
import { Neo4jStore } from '../../graph/neo4j/neo4j-store';
import type { Direction } from '../../graph/graph-store';
import { Session } from '../../src/engine/session';
import { FIXTURES } from '../hunt';
import * as path from 'node:path';

/** The embedded store with a database store's EXPLAIN hook, to see what the engine asks of it. */
function explainingStore() {
  return Object.assign(new MemoryStore(), {
    traversalQuery: (edge: string, direction: Direction, maxHops?: number | null) => ({
      language: 'test', statement: `${edge} ${direction}${maxHops === undefined ? '' : ` ${maxHops ?? '*'}`}`, parameters: {},
    }),
  });
}

const HUNT = `tasks = GET process FROM file://event-logs/schtask_create.json WHERE name = 'schtasks.exe'
parents = FIND process CREATED tasks
kids = FIND process CREATED BY tasks DEPTH 1..3
conns = FIND network-traffic CREATED BY tasks
targets = FIND x-oca-event target_process_ref tasks
EXPLAIN parents
EXPLAIN kids
EXPLAIN conns
EXPLAIN targets`;

describe('EXPLAIN on a database store', () => {
  it("shows the store's traversal for each FIND: one per witnessing reference, or the walk", async () => {
    const session = new Session({ store: explainingStore(), connectors: defaultConnectors() });
    const r = await session.execute(HUNT, path.join(FIXTURES, 'hunt.hf'));
    expect(r.errors).toEqual([]);
    const stores = r.outputs.map((o) => (o.kind === 'explain' ? o.data.queries.filter((q) => q.language === 'test').map((q) => q.statement) : []));
    expect(stores).toEqual([['parent_ref out'], ['parent_ref in 3'], ['opened_connection_refs out'], ['target_process_ref in']]);
  });

  it('Neo4j sends the traversal as Cypher with the input ids as a parameter', () => {
    const q = Neo4jStore.prototype.traversalQuery.call(undefined, 'parent_ref', 'in', 3);
    expect(q.language).toBe('cypher');
    expect(q.statement).toContain('$start');
    expect(q.statement).toMatch(/\*1\.\.3/);
    const one = Neo4jStore.prototype.traversalQuery.call(undefined, 'opened_connection_refs', 'out');
    expect(one.statement).toContain('UNWIND $ids');
    expect(Object.keys(one.parameters)).toEqual(['ids']);
  });
});
