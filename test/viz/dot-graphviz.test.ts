import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { sessionGraph } from '../../src/cli/session-graph';
import { toDot } from '../../viz/exporters';
import { fixtureSession } from '../hunt';
import { describeWithPart } from '../optional-part';

const DOT = '/usr/bin/dot';

/** schtask_create: TRACK FORWARD from powershell.exe 6432, which loads ~40 modules and writes registry values (Sysmon 7, 13). */
describeWithPart('the DOT export rendered by graphviz', fs.existsSync(DOT) ? undefined : `${DOT} is missing: apt-get install -y graphviz`, () => {
  it('TRACK FORWARD draws one connected picture, leaves folded, not a strip', async () => {
    const { session, run } = fixtureSession();
    const r = await run(`ps = GET process FROM file://event-logs/schtask_create.json WHERE pid = 6432
impact = TRACK FORWARD ps`);
    expect(r.errors).toEqual([]);
    const g = await sessionGraph(session, ['impact']);
    const roots = g.nodes.filter((n) => !g.edges.some((e) => e.target === n.id)).length;
    expect(g.edges.length).toBeGreaterThanOrEqual(g.nodes.length - roots);
    const dot = toDot(g);
    expect(dot).toMatch(/label="\d+ modules loaded"/);
    const svg = execFileSync(DOT, ['-Tsvg'], { input: dot, encoding: 'utf8' });
    const [, width, height] = /<svg width="(\d+)pt" height="(\d+)pt"/.exec(svg)!.map(Number);
    console.log(`TRACK FORWARD from powershell.exe 6432: ${g.nodes.length} entities, ${g.edges.length} relations; DOT drawn ${width} x ${height} pt`);
    expect(width).toBeLessThan(4000);
    expect(width / height).toBeLessThan(6);
  });
});
