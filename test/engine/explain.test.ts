/** EXPLAIN shows the DAG behind a variable and the STIX pattern each source node sends, without reading data. */
import { hunt } from '../hunt';
import { countingSession, outputOf } from './counting-session';

describe('EXPLAIN', () => {
  it('shows the STIX pattern with START/STOP as t-timestamps', async () => {
    const r = await hunt(`
      a = GET process FROM file://doctored-1k.json WHERE name = 'cmd.exe' AND pid > 100 START t'2019-11-16T12:00:00Z' STOP t'2019-11-16T14:00:00.5Z'
      EXPLAIN a`);
    const { data } = outputOf(r, 'explain');
    expect(data.queries).toEqual([{
      node: data.dag[0].id,
      dataSources: ['file://doctored-1k.json'],
      language: 'stix-pattern',
      statement: "[process:name = 'cmd.exe' AND process:pid > 100] START t'2019-11-16T12:00:00.000Z' STOP t'2019-11-16T14:00:00.500Z'",
    }]);
    expect(data.dag.map((n) => [n.kind, n.detail])).toEqual([
      ['source', 'GET process FROM file://doctored-1k.json'],
      ['variable', 'a (version 1, process)'],
    ]);
    expect(data.dag[1].inputs).toEqual([data.dag[0].id]);
  });

  it('resolves LAST n unit against the session clock', async () => {
    const now = Date.parse('2020-06-30T19:30:00Z');
    const { run } = countingSession({ now: () => now });
    const r = await run(`c = GET network-traffic FROM file://test_bundle.json WHERE [network-traffic:dst_port = 22] LAST 2 MINUTES
EXPLAIN c`);
    expect(outputOf(r, 'explain').data.queries[0].statement)
      .toBe("[network-traffic:dst_port = 22] START t'2020-06-30T19:28:00.000Z' STOP t'2020-06-30T19:30:00.000Z'");
  });

  it('shows every variable a node reads as an input, references and inferred time windows included', async () => {
    const r = await hunt(`
      a = GET process FROM file://doctored-1k.json WHERE name = 'cmd.exe'
      b = FIND process CREATED BY a
      c = GET process FROM file://doctored-1k.json WHERE pid = b.pid AND command_line IS NOT NULL
      d = b WHERE name = a.name
      EXPLAIN c
      EXPLAIN d`);
    const c = outputOf(r, 'explain', 0).data;
    const byDetail = (dag: typeof c.dag, detail: string) => dag.find((n) => n.detail === detail)!;
    const bNode = byDetail(c.dag, 'b (version 1, process)');
    const find = byDetail(c.dag, 'FIND process CREATED BY');
    expect(find.inputs).toEqual([byDetail(c.dag, 'a (version 1, process)').id]);
    expect(c.queries.map((q) => q.statement)).toEqual([
      "[process:name = 'cmd.exe']",
      '[process:pid = <b.pid at run time> AND process:command_line IS NOT NULL] START/STOP inferred at run time from b (-300s, +300s)',
    ]);
    expect(c.dag.find((n) => n.id === c.queries[1].node)!.inputs).toEqual([bNode.id]);
    // inputs come before the nodes that read them
    expect(c.dag.map((n) => n.kind)).toEqual(['source', 'variable', 'find', 'variable', 'source', 'variable']);

    const d = outputOf(r, 'explain', 1).data;
    const filter = d.dag.find((n) => n.kind === 'filter')!;
    expect(filter.detail).toBe('WHERE process:name = <a.name at run time>');
    expect(filter.inputs).toEqual([byDetail(d.dag, 'b (version 1, process)').id, byDetail(d.dag, 'a (version 1, process)').id]);
  });

  it('reads no data', async () => {
    const { run, reads } = countingSession();
    // the first x is never pulled: only EXPLAIN looks at it
    const r = await run(`
      x = GET process FROM file://doctored-1k.json WHERE name = 'cmd.exe'
      EXPLAIN x
      x = NEW process ["cmd.exe"]`);
    expect(r.errors).toEqual([]);
    expect(outputOf(r, 'explain').data.queries.map((q) => q.statement)).toEqual(["[process:name = 'cmd.exe']"]);
    expect(reads).toEqual([]);
  });
});
