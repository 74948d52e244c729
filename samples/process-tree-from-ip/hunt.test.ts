import * as fs from 'node:fs';
import { columnOf, runSample, savedFiles, summary } from '../sample-run';

describe('sample: process tree from an IP on Carbon Black data', () => {
  it('goes from 192.168.0.7 to the processes that connected to it, their parents and grandparents', async () => {
    const r = await runSample(__dirname);
    expect(summary(r)).toEqual({
      ip: [1, 16],
      ipnt: [1, 16],
      p: [13, 18],
      browsers: [7, 7],
      parents: [2, 7],
      grandparents: [1, 1],
      parentnt: [1, 16],
      dwm: [1, 2],
      dwmparent: [1, 2],
    });
    expect(columnOf(r, 'ipnt', 'dst_ref.value')).toEqual(['192.168.0.7']);
    expect(new Set(columnOf(r, 'p', 'name'))).toEqual(new Set(['svctest.exe', 'teamviewer.exe', 'dwm.exe', 'firefox.exe']));
    // six content processes and the browser process 9124 that started them
    expect(columnOf(r, 'parents', 'pid')).toEqual([1136, 9124]);
    expect(columnOf(r, 'parents', 'parent_ref.pid')).toEqual([null, 1136]);
    expect(columnOf(r, 'grandparents', 'pid')).toEqual([1136]);
    expect(columnOf(r, 'dwmparent', 'name')).toEqual(['svc.exe']);
    // the browsers with the ancestry that connects them, as a view and as GraphML
    const saved = savedFiles(r);
    expect(saved.get('browsers.graphml')).toMatchObject({ rows: 8, edges: 7 });
    expect(fs.readFileSync(saved.get('browsers.graphml')!.file, 'utf8')).toContain('firefox.exe [9124]');
    expect(fs.readFileSync(saved.get('browsers.html')!.file, 'utf8')).toContain('firefox.exe [9124]');
  });
});

describe('sample: the same tree climbed in one multi-hop FIND (tree.hf)', () => {
  it('finds the parents and grandparents of hunt.hf at once, with their distance', async () => {
    const stepwise = await runSample(__dirname);
    const r = await runSample(__dirname, 'tree.hf');
    const ancestry = columnOf(r, 'ancestry', 'pid');
    expect(new Set(ancestry)).toEqual(new Set([...columnOf(stepwise, 'parents', 'pid'), ...columnOf(stepwise, 'grandparents', 'pid')]));
    // 9124 is itself a browser that started the six content processes; 1136 started it
    expect(ancestry).toEqual([1136, 9124]);
    expect(columnOf(r, 'ancestry', 'x_depth')).toEqual([1, 1]);
    expect(columnOf(r, 'ancestry', 'parent_ref.pid')).toEqual([null, 1136]);
    expect(r.warnings.some((w) => /1 root is only the earliest ancestor seen in the data/.test(w))).toBe(true);
  });
});
