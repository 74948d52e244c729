import { parse } from 'csv-parse/sync';
import { toCsvEdges, toCsvNodes, toCytoscapeJson, toDot, toGexf, toGraphml, toMermaid, toStixBundle } from '../../viz/exporters';
import type { ViewGraph, ViewNode } from '../../viz/view-graph';
import { xmlProblems } from './xml-well-formed';

/** What attackers put in command lines and file names, and what breaks each format. */
const PAYLOADS = [
  '<script>alert(1)</script>',
  `"quotes" 'single'`,
  ']]>',
  '</graph>',
  '--> <!--',
  'line1\nline2\r\nline3',
  'tab\there',
  'nul\u0000byte',
  'esc\u001b[31mred',
  `=cmd|' /C calc'!A0`,
  '+SUM(1)',
  '@import',
  'Ünïcödé 漢字 😀 \u202eevil',
  'back\\slash \\N \\G \\',
  '%%{init: {"theme":"dark"}}%%',
  '#quot; &amp; & [x] (y) {z} |w| `v` ;',
  'lone \ud800 surrogate',
];
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

function hostileGraph(): ViewGraph {
  const nodes: ViewNode[] = PAYLOADS.map((p, i) => ({
    id: i === 0 ? 'process--"><script>' : `process--${i}`,
    type: i === 1 ? 'x-evil"<type>' : 'process',
    label: p,
    attrs: { command_line: p, name: p, pid: i, [`attr ${p}`]: p, id: 'collides', hashes: { 'SHA-256': p }, list: [p, i] },
    variables: i % 2 ? ['evil'] : [],
    records: [`observed-data--${i}`],
    recordCount: 1,
  }));
  const edges = nodes.slice(1).map((n, i) => ({ id: `${nodes[i].id}|created|${n.id}`, source: nodes[i].id, target: n.id, relation: i === 2 ? `x_${PAYLOADS[0]}_ref` : 'created' }));
  return { title: PAYLOADS[4] + PAYLOADS[5], nodes, edges, notes: { truncated: 0, cycles: [], inferredRoots: [] } };
}

const g = hostileGraph();

describe('every exporter escapes attacker-controlled strings', () => {
  it('Cytoscape JSON parses back to the same strings', () => {
    const out = JSON.parse(toCytoscapeJson(g));
    expect(out.elements.nodes.map((n: { data: { label: string } }) => n.data.label)).toEqual(PAYLOADS);
    expect(out.elements.nodes[0].data.id).toBe(g.nodes[0].id);
    expect(out.elements.nodes[3].data.command_line).toBe(PAYLOADS[3]);
    expect(out.elements.nodes[3].data['attr.id']).toBe('collides');
    expect(out.data.title).toBe(g.title);
  });

  it('STIX parses back to the same strings, with relationship types in STIX\'s alphabet', () => {
    const bundle = JSON.parse(toStixBundle(g));
    const observables = bundle.objects.filter((o: { type: string }) => o.type !== 'relationship');
    expect(observables.map((o: { command_line: string }) => o.command_line)).toEqual(PAYLOADS);
    for (const r of bundle.objects.filter((o: { type: string }) => o.type === 'relationship')) expect(r.relationship_type).toMatch(/^[a-z0-9-]+$/);
  });

  it.each([['GraphML', toGraphml], ['GEXF', toGexf]])('%s is well-formed XML with the payloads escaped', (_name, exporter) => {
    const xml = exporter(g);
    expect(xmlProblems(xml)).toEqual([]);
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain(']]>');
    expect(xml).not.toContain('<!--');
    expect(xml.match(/<\/graph>/g)).toHaveLength(1);
    expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(xml).toContain('esc\\u001b[31mred');
    expect(xml).toContain('line1&#10;line2&#13;&#10;line3');
    expect(xml).toContain('lone \\ud800 surrogate');
    expect(xml).toContain('漢字 😀');
  });

  it('CSV round-trips through a CSV parser, formulas neutralised, NUL bytes dropped', () => {
    const rows: Record<string, string>[] = parse(toCsvNodes(g), { columns: true, relax_column_count: false });
    // a lone surrogate has no UTF-8 form: written out, it is U+FFFD
    const expected = PAYLOADS.map((p) => (/^[=+\-@\t\r]/.test(p) ? `'${p}` : p).replace(/\ud800/, '\ufffd').replace(/\0/g, ''));
    expect(rows.map((r) => r.label)).toEqual(expected);
    expect(rows.map((r) => r[`attr ${PAYLOADS[9]}`])).toEqual(PAYLOADS.map((_p, i) => (i === 9 ? expected[9] : '')));
    expect(rows.map((r) => r.id)).toEqual(g.nodes.map((n) => n.id));
    expect(rows[9].label).toBe(`'=cmd|' /C calc'!A0`);
    expect(rows[7].label).toBe('nulbyte');
    const edges: Record<string, string>[] = parse(toCsvEdges(g), { columns: true });
    expect(edges.map((e) => e.relation)).toEqual(g.edges.map((e) => e.relation));
  });

  it('DOT: every string stays one quoted string on its line; no raw control characters', () => {
    const dot = toDot(g);
    const lines = dot.trimEnd().split('\n');
    expect(lines).toHaveLength(4 + g.nodes.length + g.edges.length + 1);
    for (const line of lines) {
      const structure = line.replace(/"(?:[^"\\]|\\.)*"/g, 'S');
      expect(structure).toMatch(/^(digraph S \{|\s+(graph|node|edge) \[.*\];|\s+S \[(\w+=S(, )?)+\];|\s+S -> S \[label=S\];|\})$/);
    }
    expect(dot).not.toMatch(CONTROL);
    expect(dot).toContain('label="\\"quotes\\" \'single\'"');
    expect(dot).toContain('label="back\\\\slash \\\\N \\\\G \\\\"');
    expect(dot).toContain('label="line1\\nline2\\nline3"');
  });

  it('Mermaid: sanitised ids, labels without raw quotes, brackets, markup or directives', () => {
    const mmd = toMermaid(g);
    expect(mmd).not.toMatch(CONTROL);
    expect(mmd).not.toContain('%%{');
    const body = mmd.trimEnd().split('\n').slice(1);
    for (const line of body) {
      if (line.startsWith('  %%') || line.startsWith('  class')) continue;
      const m = /^ {2}(n_\w+)(?:\["([^"]*)"\]|\("([^"]*)"\)|\{\{"([^"]*)"\}\}| -->\|"([^"]*)"\| (n_\w+))$/.exec(line);
      expect(m).not.toBeNull();
      const label = m![2] ?? m![3] ?? m![4] ?? m![5];
      expect(label.replace(/#\d+;/g, '')).not.toMatch(/["'<>[\](){}|`%;#]/);
    }
    expect(mmd).toContain('#60;script#62;alert#40;1#41;#60;/script#62;');
  });
});
