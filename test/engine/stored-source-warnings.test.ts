/**
 * A store that keeps sources between sessions (Neo4j) is not read again by a later hunt: the warnings its read
 * gave are kept with it (IngestOptions.warnings) and told again (GraphStore.sourceWarnings). The store here is
 * the embedded one keeping warnings as Neo4jStore does (test/stores/neo4j-store.test.ts runs it on a server).
 */
import * as path from 'node:path';
import { defaultConnectors } from '../../connectors/registry';
import type { IngestOptions, IngestStats } from '../../graph/graph-store';
import { MemoryStore } from '../../graph/memory-store';
import { Session } from '../../src/engine/session';
import type { Observation } from '../../src/model/observation';

class KeepingStore extends MemoryStore {
  readonly kept = new Map<string, string[]>();
  readonly loads: string[][] = [];

  override async ingest(observations: readonly Observation[], options?: IngestOptions): Promise<IngestStats> {
    const sources = [...new Set(observations.map((o) => o.source))];
    this.loads.push(sources);
    for (const s of sources) this.kept.set(s, [...(options?.warnings ?? [])]);
    return super.ingest(observations, options);
  }

  async sourceWarnings(source: string): Promise<string[]> {
    return this.kept.get(source) ?? [];
  }
}

const BAD = path.join(__dirname, '..', 'fixtures', 'event-logs', 'bad.jsonl');
const HUNT = `p = GET process FROM file://${BAD} WHERE pid > 0\nDISP p ATTR pid, name`;

it('tells the warnings of a stored source to a hunt that does not read it again', async () => {
  const store = new KeepingStore();
  const hunt = () => new Session({ store, connectors: defaultConnectors() }).execute(HUNT, path.join(__dirname, 'hunt.hf'));
  const first = await hunt();
  expect(first.warnings.length).toBeGreaterThan(0);
  const second = await hunt();
  expect(store.loads).toHaveLength(1);
  expect(second.warnings).toEqual(first.warnings);
  expect(second.outputs).toEqual(first.outputs);
});
