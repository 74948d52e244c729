import { columnOf, runSample, shown, summary } from '../sample-run';

describe('sample: from a Sigma hit on OTRF schtask_create back to its root', () => {
  it('flags schtasks.exe and its cmd.exe with the rules that hit them, and walks up to PowerShell', async () => {
    const r = await runSample(__dirname);
    expect(summary(r)).toEqual({ hits: [2, 79], task: [1, 57], ancestors: [2, 38], root: [1, 57] });
    expect(columnOf(r, 'hits', 'pid')).toEqual([8920, 460]);
    const titles = (columnOf(r, 'hits', 'x_sigma')[0] as { level: string; title: string; id: string }[]).map((h) => `${h.level}: ${h.title}`);
    expect(titles).toEqual(['high: Schtasks Creation Or Modification With SYSTEM Privileges', 'low: Scheduled Task Creation Via Schtasks.EXE']);
    expect(columnOf(r, 'task', 'pid')).toEqual([8920]);
    expect(String(columnOf(r, 'task', 'command_line')[0])).toContain('/ru system /S WORKSTATION6');
    expect(columnOf(r, 'ancestors', 'name')).toEqual(['cmd.exe', 'powershell.exe']);
    expect(columnOf(r, 'ancestors', 'x_depth')).toEqual([1, 2]);
    const root = shown(r, 'root');
    expect(root.rows.map((row) => [row[root.columns.indexOf('depth')], row[root.columns.indexOf('entity')]])).toEqual([
      [0, 'schtasks.exe [8920]'], [1, 'cmd.exe [460]'], [2, 'powershell.exe [6432]'],
    ]);
  });

  it('EXPLAIN shows the rule compiled for Sysmon 1 and Security 4688, matched in memory, beside the STIX pattern', async () => {
    const r = await runSample(__dirname);
    const explained = r.outputs.find((o) => o.kind === 'explain');
    if (explained?.kind !== 'explain') throw new Error('no EXPLAIN');
    expect(explained.data.dag[0].detail).toContain("WHERE SIGMA 'rules/proc_creation_win_schtasks_system.yml'");
    expect(explained.data.queries.map((q) => q.language)).toEqual(['stix-pattern', 'sigma, in memory over the events as logged']);
    const sigma = explained.data.queries[1].statement;
    expect(sigma).toContain('(high) on Sysmon 1: (all of selection_* (selection_root{Image|endswith: "\\\\schtasks.exe"');
    expect(sigma).toContain('(high) on Security 4688: (all of selection_* (selection_root{NewProcessName|endswith:');
  });
});
