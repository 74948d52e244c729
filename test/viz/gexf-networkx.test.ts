/** The GEXF export as networkx 2.8 (Debian's python3-networkx) reads it: a reader that knows only GEXF 1.1draft and 1.2draft. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { toGexf } from '../../viz/exporters';
import { describeWithPart } from '../optional-part';
import { PYTHON, pythonMissing } from '../python';
import { schtaskGraph } from './schtask-graph';

const READ_BACK = `import json, sys, networkx
g = networkx.read_gexf(sys.argv[1])
print(json.dumps({"directed": g.is_directed(), "nodes": g.number_of_nodes(), "edges": g.number_of_edges(),
                  "node": g.nodes[sys.argv[2]], "edge": g.edges[sys.argv[3], sys.argv[4]]}))`;

describeWithPart('GEXF read back by networkx', pythonMissing(['networkx'], 'apt-get install -y python3-networkx'), () => {
  let tmp: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kestrel-gexf-'));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('networkx.read_gexf reads the schtask graph: every node and edge, typed attributes, quoted command lines as written', async () => {
    const { graph } = await schtaskGraph();
    const file = path.join(tmp, 'schtask.gexf');
    fs.writeFileSync(file, toGexf(graph));
    const schtasks = graph.nodes.find((n) => n.attrs.pid === 8920)!;
    const edge = graph.edges.find((e) => e.target === schtasks.id && e.relation === 'created')!;
    const r = spawnSync(PYTHON, ['-c', READ_BACK, file, schtasks.id, edge.source, edge.target], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const read = JSON.parse(r.stdout);
    expect(read).toMatchObject({ directed: true, nodes: graph.nodes.length, edges: graph.edges.length });
    expect(read.node).toMatchObject({
      label: 'schtasks.exe [8920]',
      type: 'process',
      time: schtasks.time,
      recordCount: schtasks.recordCount,
      command_line: schtasks.attrs.command_line,
    });
    expect(schtasks.attrs.command_line).toContain('"C:\\Windows\\system32\\cmd.exe /C');
    expect(read.edge.label).toBe('created');
  });
});
