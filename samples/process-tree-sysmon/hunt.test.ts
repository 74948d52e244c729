import { columnOf, runSample, summary } from '../sample-run';

describe('sample: process tree on Sysmon and Security logs (OTRF cmd_mshta_vbscript_execute_psh)', () => {
  it('walks PowerShell back to mshta.exe and cmd.exe, and forward to its console host', async () => {
    const r = await runSample(__dirname);
    // Sysmon 1 and Security 4688 report each process of the chain: one entity each
    expect(summary(r)).toEqual({ ps: [2, 734], mshta: [1, 162], shell: [1, 22], children: [1, 62] });
    expect(columnOf(r, 'ps', 'pid')).toEqual([7652, 9572]);
    expect(columnOf(r, 'ps', 'command_line')[1]).toContain('-noexit -command Get-Service sysmon');
    expect(columnOf(r, 'mshta', 'pid')).toEqual([10980]); // 0x2ae4 in the Security log
    expect(String(columnOf(r, 'mshta', 'command_line')[0])).toMatch(/^mshta {2}vbscript:Execute\("CreateObject\(""Wscript\.Shell""\)\.Run ""powershell/);
    expect(columnOf(r, 'shell', 'name')).toEqual(['cmd.exe']);
    expect(columnOf(r, 'shell', 'pid')).toEqual([5888]);
    expect(columnOf(r, 'children', 'name')).toEqual(['conhost.exe']);
    expect(columnOf(r, 'children', 'pid')).toEqual([10164]);
  });
});
