import { sessionGraph } from '../../src/cli/session-graph';
import { fixtureSession } from '../hunt';

function components(ids: readonly string[], edges: readonly { source: string; target: string }[]): number {
  const up = new Map(ids.map((id) => [id, id]));
  const top = (id: string): string => (up.get(id) === id ? id : top(up.get(id)!));
  for (const e of edges) up.set(top(e.source), top(e.target));
  return new Set(ids.map(top)).size;
}

/** schtask_create: powershell.exe 6432 loads its modules and writes a registry value through Sysmon events 7 and 13. */
describe('the view graph draws the relations events witness', () => {
  it('TRACK FORWARD from powershell is one connected graph, its modules and registry keys hanging from it', async () => {
    const { session, run } = fixtureSession();
    const r = await run(`ps = GET process FROM file://event-logs/schtask_create.json WHERE pid = 6432
impact = TRACK FORWARD ps`);
    expect(r.errors).toEqual([]);
    const g = await sessionGraph(session, ['impact']);
    const label = new Map(g.nodes.map((n) => [n.id, n.label]));
    expect(components(g.nodes.map((n) => n.id), g.edges)).toBe(1);
    expect(g.edges.length).toBeGreaterThanOrEqual(g.nodes.length - 1);
    const said = g.edges.map((e) => `${label.get(e.source)} ${e.relation} ${g.nodes.find((n) => n.id === e.target)!.type}`);
    expect(said).toEqual(expect.arrayContaining(['powershell.exe [6432] loaded file', 'powershell.exe [6432] written windows-registry-key']));
    expect(g.edges.filter((e) => e.relation === 'loaded').length).toBeGreaterThan(25);
  });
});
