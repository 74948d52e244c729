import { columnOf, runSample, summary } from '../sample-run';

describe('sample: forward tracking on Sysmon logs (OTRF psh_lsass_memory_dump_comsvcs)', () => {
  it('finds the LSASS dumper, walks up to its PowerShell, and forward to the dump file, the DLL and the user', async () => {
    const r = await runSample(__dirname);
    expect(summary(r)).toMatchObject({ dumper: [1, 53], launchers: [1, 36], shell: [1, 36], accessed: [1, 2] });
    expect(columnOf(r, 'dumper', 'pid')).toEqual([4824]);
    expect(columnOf(r, 'launchers', 'name')).toEqual(['powershell.exe']);
    expect(columnOf(r, 'launchers', 'x_depth')).toEqual([1]);
    expect(columnOf(r, 'impact', 'entity')).toEqual([
      'powershell.exe [6100]', 'rundll32.exe [4824]', 'lsass-comsvcs.dmp', 'comsvcs.dll', 'wardog',
    ]);
    expect(columnOf(r, 'impact', 'relation')).toEqual(['start', 'created by', 'created by', 'loaded by', 'owned']);
    expect(columnOf(r, 'impact', 'depth')).toEqual([0, 1, 2, 2, 2]);
    expect(columnOf(r, 'accessed', 'name')).toEqual(['lsass.exe']);
    expect(columnOf(r, 'accessed', 'pid')).toEqual([756]);
  });
});
