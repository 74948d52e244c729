/** `kestrel run` in text mode: every output as a table, in order, then the execution summary. */
import { fixture, huntflowDir, kestrel } from './run-cli';

const dir = huntflowDir();
afterAll(dir.cleanup);

describe('kestrel run', () => {
  it('prints the tables in order, then the [SUMMARY] table, and exits 0', async () => {
    const hf = dir.write('ok.hf', [
      `procs = GET process FROM file://${fixture('doctored-1k.json')} WHERE name = 'cmd.exe'`,
      'DISP procs ATTR pid, name SORT BY pid ASC LIMIT 3',
      'INFO procs',
      'kids = FIND process CREATED BY procs',
    ].join('\n'));
    const { code, stdout, stderr } = await kestrel(['run', hf]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const lines = stdout.split('\n');
    // pid 6792 ran two cmd.exe processes (two command lines): two rows
    expect(lines.slice(0, 5)).toEqual(['DISP procs (3 rows)', 'pid   name', '6792  cmd.exe', '6792  cmd.exe', '7216  cmd.exe']);
    expect(stdout.indexOf('INFO procs')).toBeGreaterThan(stdout.indexOf('7216  cmd.exe'));
    expect(stdout).toMatch(/^Number of Entities +9$/m);
    expect(stdout).toMatch(/^Number of Records +14$/m);
    const summary = lines.findIndex((l) => l.startsWith('[SUMMARY]'));
    expect(summary).toBeGreaterThan(lines.indexOf('INFO procs'));
    expect(lines[summary]).toMatch(/^\[SUMMARY\] block executed in \d+\.\d\d seconds$/);
    expect(lines.slice(summary + 1).filter(Boolean).map((l) => l.split(/\s{2,}/))).toEqual([
      ['VARIABLE', 'TYPE', '#(ENTITIES)', '#(RECORDS)'],
      ['procs', 'process', '9', '14'],
      ['kids', 'process', '7', '7'],
    ]);
  });

  it('prints EXPLAIN as the dataflow and the native query', async () => {
    const hf = dir.write('explain.hf', `p = GET process FROM file://${fixture('doctored-1k.json')} WHERE pid = 1380\nEXPLAIN p`);
    const { code, stdout } = await kestrel(['run', hf]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^EXPLAIN p\ndataflow:\n {2}#\d+ source +GET process FROM file:\/\/\S+doctored-1k\.json\n/);
    expect(stdout).toContain('native queries:');
    expect(stdout).toContain('    stix-pattern: [process:pid = 1380]');
  });

  it('prints one row per entity, and merges identical rows with --collapse', async () => {
    const hf = dir.write('collapse.hf', `w = GET process FROM file://${fixture('doctored-1k.json')} WHERE name = 'WMIC.exe'\nDISP w ATTR name`);
    expect((await kestrel(['run', hf])).stdout).toMatch(/^DISP w \(7 rows\)\nname\n(WMIC\.exe\n){7}\n/);
    expect((await kestrel(['run', hf, '--collapse'])).stdout).toMatch(/^DISP w \(1 row\)\nname\nWMIC\.exe\n\n/);
  });

  it('says when a DISP has no rows', async () => {
    const hf = dir.write('empty.hf', 'p = NEW process ["a.exe"]\nDISP p WHERE name = "b.exe"');
    const { stdout } = await kestrel(['run', hf]);
    expect(stdout).toMatch(/^DISP p \(0 rows\)\n\(no rows\)\n\n\[SUMMARY\]/);
  });
});
