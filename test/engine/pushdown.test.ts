import type { Connector } from '../../connectors/connector';
import { MemoryStore } from '../../graph/memory-store';
import { Session } from '../../src/engine/session';
import type { Observation } from '../../src/model/observation';
import type { QueryFilter, SourceQuery } from '../../src/model/source-query';

/** A source that answers queries on attributes of processes, like a server would. */
function processServer(): { connector: Connector; queries: SourceQuery[] } {
  const procs = [
    { guid: 'g1', pid: 10, name: 'explorer.exe', parent: undefined, t: '2024-01-01T00:00:00.000Z' },
    { guid: 'g2', pid: 20, name: 'cmd.exe', parent: 'g1', t: '2024-01-01T00:00:01.000Z' },
    { guid: 'g3', pid: 30, name: 'whoami.exe', parent: 'g2', t: '2024-01-01T00:00:02.000Z' },
    { guid: 'g4', pid: 40, name: 'notepad.exe', parent: 'g1', t: '2024-01-01T00:00:03.000Z' },
  ];
  const observation = (p: (typeof procs)[number]): Observation => {
    const parent = procs.find((q) => q.guid === p.parent);
    return {
      id: `observed-data--${p.guid}`,
      source: 'test://server',
      firstObserved: p.t,
      lastObserved: p.t,
      numberObserved: 1,
      objects: [
        { key: '0', type: 'process', attrs: { x_unique_id: p.guid, pid: p.pid, name: p.name }, refs: parent ? { parent_ref: '1' } : {} },
        ...(parent ? [{ key: '1', type: 'process', attrs: { x_unique_id: parent.guid, pid: parent.pid, name: parent.name }, refs: {} }] : []),
      ],
    };
  };
  const matches = (f: QueryFilter, o: Observation): boolean => {
    if (f.kind !== 'comparison') return f.kind === 'and' ? matches(f.left, o) && matches(f.right, o) : matches(f.left, o) || matches(f.right, o);
    const values = Array.isArray(f.value) ? f.value : [f.value];
    return o.objects.some((x) => values.includes(x.attrs[f.attribute] as string));
  };
  const queries: SourceQuery[] = [];
  const connector: Connector = {
    name: 'test-server',
    canRead: (uri) => (uri === 'test://server' ? { ok: true } : { ok: false, reason: 'reads test://server' }),
    locate: () => 'test://server',
    nativeQuery: (_uri, q) => ({ language: 'test', statement: JSON.stringify(q.where), parameters: [q.start, q.stop] }),
    async *read(_uri, _ctx, q) {
      queries.push(q!);
      yield* procs.map(observation).filter((o) => !q?.where || matches(q.where, o));
    },
  };
  return { connector, queries };
}

function session(connector: Connector): Session {
  return new Session({ store: new MemoryStore(), connectors: [connector], now: () => Date.parse('2024-01-02T00:00:00Z') });
}

describe('query pushdown', () => {
  it('sends the WHERE and the time range, then prefetches the matched entities by identity', async () => {
    const { connector, queries } = processServer();
    const r = await session(connector).execute(
      "p = GET process FROM test://server WHERE name = 'cmd.exe' START 2024-01-01T00:00:00Z STOP 2024-01-01T01:00:00Z\nc = FIND process CREATED BY p",
      '/tmp/hunt.hf',
    );
    expect(r.errors).toEqual([]);
    expect(queries[0]).toEqual({
      entityType: 'process',
      where: { kind: 'comparison', entityType: 'process', attribute: 'name', op: '=', value: 'cmd.exe' },
      start: Date.parse('2024-01-01T00:00:00Z'),
      stop: Date.parse('2024-01-01T01:00:00Z'),
    });
    expect(queries[1]).toEqual({
      entityType: 'process',
      where: {
        kind: 'or',
        left: { kind: 'comparison', entityType: 'process', attribute: 'x_unique_id', op: 'IN', value: ['g2'] },
        right: { kind: 'comparison', entityType: 'process', attribute: 'pid', op: 'IN', value: [20] },
      },
    });
    // whoami.exe came with the prefetch of cmd.exe (its creation record names cmd.exe as parent)
    expect(r.variables.map((v) => [v.name, v.entities])).toEqual([['p', 1], ['c', 1]]);
  });

  it('asks again for a different WHERE, never twice for the same one', async () => {
    const { connector, queries } = processServer();
    const s = session(connector);
    await s.execute("a = GET process FROM test://server WHERE name = 'notepad.exe' LAST 1 DAYS", '/tmp/hunt.hf');
    await s.execute("b = GET process FROM test://server WHERE name = 'notepad.exe' LAST 1 DAYS", '/tmp/hunt.hf');
    const asked = queries.map((q) => JSON.stringify(q.where));
    expect(asked.filter((q) => q.includes('notepad.exe'))).toHaveLength(1);
    await s.execute("c = GET process FROM test://server WHERE name = 'whoami.exe' LAST 1 DAYS", '/tmp/hunt.hf');
    expect(queries.some((q) => JSON.stringify(q.where).includes('whoami.exe'))).toBe(true);
  });

  it('resolves references to values before sending', async () => {
    const { connector, queries } = processServer();
    const s = session(connector);
    await s.execute("a = GET process FROM test://server WHERE name IN ('cmd.exe', 'notepad.exe') LAST 1 DAYS", '/tmp/hunt.hf');
    const r = await s.execute('b = GET process FROM test://server WHERE pid = a.pid LAST 1 DAYS', '/tmp/hunt.hf');
    expect(r.errors).toEqual([]);
    const last = queries.find((q) => q.where?.kind === 'comparison' && q.where.attribute === 'pid');
    expect(last?.where).toEqual({ kind: 'comparison', entityType: 'process', attribute: 'pid', op: 'IN', value: [20, 40] });
  });

  it('EXPLAIN shows the native query with its parameters, and sends nothing', async () => {
    const { connector, queries } = processServer();
    const r = await session(connector).execute(
      "p = GET process FROM test://server WHERE name = 'cmd.exe' START 2024-01-01T00:00:00Z STOP 2024-01-01T01:00:00Z\nEXPLAIN p",
      '/tmp/hunt.hf',
    );
    const out = r.outputs.find((o) => o.kind === 'explain');
    expect(out?.kind === 'explain' && out.data.queries.map((q) => [q.language, q.statement, q.parameters])).toEqual([
      ['stix-pattern', "[process:name = 'cmd.exe'] START t'2024-01-01T00:00:00.000Z' STOP t'2024-01-01T01:00:00.000Z'", undefined],
      ['test', '{"kind":"comparison","entityType":"process","attribute":"name","op":"=","value":"cmd.exe"}', [1704067200000, 1704070800000]],
    ]);
    expect(queries.length).toBeGreaterThan(0); // p itself ran (EXPLAIN follows it in the block), EXPLAIN added nothing
    expect(queries.filter((q) => JSON.stringify(q.where).includes('cmd.exe'))).toHaveLength(1);
  });
});
