/**
 * A load interrupted after some batches and run again (in a new process, as the error hint advises) must leave
 * what an uninterrupted load leaves. The planner is driven as Neo4jStore drives it; what the store's reads
 * would answer comes from the rows the committed batches carried, applied with the MERGE semantics of the
 * statements in graph/neo4j/cypher.ts (ON CREATE for sequence numbers, SET for merged state). This tests the
 * plan, not Neo4j: test/stores/neo4j-store.test.ts runs the same against a server.
 */
import * as path from 'node:path';
import { stixBundleConnector } from '../../connectors/stix-bundle';
import type { Batch, Sequences, TypeState } from '../../graph/neo4j/batches';
import type { EdgeRow, EntityRow, RecordRow } from '../../graph/neo4j/cypher';
import { parseMap, type EntityState } from '../../graph/neo4j/entity-merge';
import { planLoad, type LoadPlan, type StoredGraph } from '../../graph/neo4j/load-plan';
import { ProcessInstances } from '../../graph/process-instances';
import { IdCache } from '../../graph/resolve';
import type { AttrValue, Observation } from '../../src/model/observation';

class AppliedRows implements StoredGraph {
  readonly entityRows = new Map<string, EntityRow>();
  readonly recordRows = new Map<string, RecordRow & { sources: string[] }>();
  readonly mentions = new Map<string, number>();
  readonly edgeRows = new Map<string, EdgeRow & { name: string }>();
  readonly typeRows = new Map<string, { seq: number | null; attributes: string[]; edges: string[] }>();
  readonly loaded = new Set<string>();

  apply(batch: Batch): void {
    for (const t of batch.types) {
      const known = this.typeRows.get(t.name) ?? { seq: t.seq, attributes: [], edges: [] };
      known.attributes.push(...t.attributes.filter((n) => !known.attributes.includes(n)));
      known.edges.push(...t.edges.filter((n) => !known.edges.includes(n)));
      this.typeRows.set(t.name, known);
    }
    for (const rows of batch.entities.values()) {
      for (const row of rows) {
        const known = this.entityRows.get(row.id);
        this.entityRows.set(row.id, known ? { ...row, type: known.type, seq: known.seq } : row);
      }
    }
    for (const r of batch.records) if (!this.recordRows.has(r.id)) this.recordRows.set(r.id, { ...r, sources: [r.source] });
    for (const m of batch.mentions) if (!this.mentions.has(`${m.record} ${m.entity}`)) this.mentions.set(`${m.record} ${m.entity}`, m.pos);
    for (const [name, rows] of batch.edges) {
      for (const e of rows) if (!this.edgeRows.has(`${e.from} ${e.to} ${name}`)) this.edgeRows.set(`${e.from} ${e.to} ${name}`, { ...e, name });
    }
  }

  /** Commits the plan's first `upTo` batches, and what follows the batches only when all of them are. */
  commit(plan: LoadPlan & { batches: Batch[] }, upTo = plan.batches.length): void {
    plan.batches.slice(0, upTo).forEach((b) => this.apply(b));
    if (upTo < plan.batches.length) return;
    for (const { id, source } of plan.alsoIn) {
      const r = this.recordRows.get(id)!;
      if (!r.sources.includes(source)) r.sources.push(source);
    }
    for (const s of plan.sources) this.loaded.add(s);
  }

  async records(ids: readonly string[]) {
    return new Map(ids.flatMap((id): [string, string[]][] => (this.recordRows.has(id) ? [[id, [...this.recordRows.get(id)!.sources]]] : [])));
  }

  async entities(ids: readonly string[]) {
    return new Map(ids.flatMap((id) => {
      const row = this.entityRows.get(id);
      if (!row) return [];
      const state: EntityState = { type: row.type, attrs: parseMap<AttrValue>(row.attrs), seq: null };
      if (row.variants !== null) state.variants = parseMap<AttrValue[]>(row.variants);
      return [[id, state] as const];
    }));
  }

  async edges(pairs: readonly { from: string; to: string }[]) {
    const wanted = new Set(pairs.map((p) => `${p.from} ${p.to}`));
    return [...this.edgeRows.values()].filter((e) => wanted.has(`${e.from} ${e.to}`));
  }

  async types() {
    return new Map<string, TypeState>([...this.typeRows].map(([name, t]) => [name, { seq: null, attributes: new Set(t.attributes), edges: new Set(t.edges) }]));
  }

  async counts(): Promise<Sequences> {
    return { entities: this.entityRows.size, records: this.recordRows.size, types: this.typeRows.size, edges: this.edgeRows.size };
  }

  snapshot() {
    return {
      entities: [...this.entityRows.values()].sort((a, b) => a.seq! - b.seq!),
      records: [...this.recordRows.values()].sort((a, b) => a.seq - b.seq),
      mentions: [...this.mentions].sort(),
      edges: [...this.edgeRows.values()].sort((a, b) => a.seq - b.seq || a.name.localeCompare(b.name)),
      types: [...this.typeRows].sort((a, b) => a[1].seq! - b[1].seq!),
      loaded: [...this.loaded],
    };
  }
}

/** A load in a process of its own: identities resolved afresh, as a re-run after a crash resolves them. */
async function load(rows: AppliedRows, observations: readonly Observation[]): Promise<LoadPlan & { batches: Batch[] }> {
  const plan = await planLoad(observations, rows, new ProcessInstances(3_600_000), new IdCache(), 100);
  return { ...plan, batches: [...plan.batches] };
}

let bundle: Observation[];
beforeAll(async () => {
  bundle = [];
  for await (const o of stixBundleConnector.read('doctored-1k.json', { baseDir: path.join(__dirname, '..', 'fixtures') })) bundle.push(o);
});

describe('an interrupted Neo4j load, run again', () => {
  let whole: ReturnType<AppliedRows['snapshot']>;
  beforeAll(async () => {
    const rows = new AppliedRows();
    rows.commit(await load(rows, bundle));
    whole = rows.snapshot();
  });

  it.each([1, 4, 9])('converges to the uninterrupted load after %i committed batches (processes without GUID included)', async (committed) => {
    const rows = new AppliedRows();
    rows.commit(await load(rows, bundle), committed);
    expect(rows.loaded.size).toBe(0);
    const rerun = await load(rows, bundle);
    expect(rerun.batches).toHaveLength(10 - committed);
    rows.commit(rerun);
    expect(rows.snapshot()).toEqual(whole);
    expect(whole.entities.filter((e) => e.type === 'process')).toHaveLength(new Set(whole.entities.filter((e) => e.type === 'process').map((e) => e.id)).size);
  });

  it('loads nothing when run again after it completed', async () => {
    const rows = new AppliedRows();
    rows.commit(await load(rows, bundle));
    const again = await load(rows, bundle);
    expect(again.batches).toEqual([]);
    rows.commit(again);
    expect(rows.snapshot()).toEqual(whole);
  });

  it('adds a copy under another name as a second source of the same records', async () => {
    const rows = new AppliedRows();
    rows.commit(await load(rows, bundle));
    const copy = bundle.map((o) => ({ ...o, source: 'file:///copy.json' }));
    const plan = await load(rows, copy);
    expect(plan.batches).toEqual([]);
    rows.commit(plan);
    expect(rows.recordRows.get(bundle[0].id)!.sources).toEqual([bundle[0].source, 'file:///copy.json']);
    expect(rows.loaded).toEqual(new Set([bundle[0].source, 'file:///copy.json']));
  });
});
