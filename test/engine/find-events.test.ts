/** FIND through x-oca-event records (second-degree relations, #295): what events witness, unioned with direct refs. */
import { column, counts, hunt } from '../hunt';

const SCHTASK = 'file://event-logs/schtask_create.json';
const LSASS = 'file://event-logs/psh_lsass_memory_dump_comsvcs.json';

describe('process CREATED file (Sysmon 11)', () => {
  it.each([
    ['OTRF', SCHTASK],
    ['ECS', 'ecs://event-logs/schtask_create.ecs.ndjson'],
  ])('finds the capture file dumpcap.exe created, and dumpcap.exe back from it (%s)', async (_format, source) => {
    const r = await hunt(`
      dumpcap = GET process FROM ${source} WHERE name = 'dumpcap.exe'
      created = FIND file CREATED BY dumpcap
      creators = FIND process CREATED created
      DISP created ATTR name, parent_directory_ref.path
      DISP creators ATTR pid, name`);
    expect(r.outputs[0]).toMatchObject({
      rows: [['wireshark_Ethernet15IGV0.pcapng', 'C:\\Users\\pgustavo\\AppData\\Local\\Temp']],
    });
    expect(r.outputs[1]).toMatchObject({ rows: [[6328, 'dumpcap.exe']] });
    expect(counts(r).created).toEqual([1, 1]);
  });

  it('finds the memory dump rundll32.exe wrote with comsvcs.dll', async () => {
    const r = await hunt(`
      rundll32 = GET process FROM ${LSASS} WHERE name = 'rundll32.exe'
      dumps = FIND file CREATED BY rundll32
      DISP dumps ATTR name`);
    expect(column(r, 'name')).toEqual(['lsass-comsvcs.dmp']);
  });
});

describe('process LOADED file', () => {
  it('gives the binary (binary_ref) and the modules of Sysmon 7 image loads', async () => {
    const r = await hunt(`
      rundll32 = GET process FROM ${LSASS} WHERE name = 'rundll32.exe'
      loaded = FIND file LOADED BY rundll32
      DISP loaded ATTR name`);
    const names = column(r, 'name');
    expect(names).toHaveLength(29);
    expect(names[0]).toBe('rundll32.exe');
    expect(names).toEqual(expect.arrayContaining(['comsvcs.dll', 'ntdll.dll', 'dbghelp.dll']));
  });

  it('gives the modules a powershell.exe loaded', async () => {
    const r = await hunt(`
      ps = GET process FROM ${SCHTASK} WHERE name = 'powershell.exe'
      loaded = FIND file LOADED BY ps
      loaders = FIND process LOADED loaded
      DISP loaded ATTR name
      DISP loaders ATTR name`);
    expect(column(r, 'name', 0)).toContain('System.Dynamic.ni.dll');
    expect(new Set(column(r, 'name', 1))).toEqual(new Set(['powershell.exe']));
  });
});

describe('process WRITTEN windows-registry-key (Sysmon 13)', () => {
  it('finds the keys powershell.exe set, and the processes that set one of them', async () => {
    const r = await hunt(`
      ps = GET process FROM ${SCHTASK} WHERE pid = 6432
      keys = FIND windows-registry-key WRITTEN BY ps
      writers = FIND process WRITTEN keys
      DISP keys ATTR key
      DISP writers ATTR pid, name SORT BY pid ASC`);
    expect(column(r, 'key', 0)).toEqual([
      'HKLM\\System\\CurrentControlSet\\Services\\bam\\State\\UserSettings\\S-1-5-21-3786818125-2382361537-3207726629-1104\\\\Device\\HarddiskVolume2\\Windows\\System32\\cmd.exe',
    ]);
    expect(column(r, 'pid', 1)).toEqual([460, 6432]);
  });
});

describe('process CREATED network-traffic through events', () => {
  it('finds the reverse shell of the shellshock trace (SysFlow connect)', async () => {
    const r = await hunt(`
      procs = GET process FROM sysflow://sysflow/shellshock.sf WHERE pid > 0
      conns = FIND network-traffic CREATED BY procs
      shells = FIND process CREATED conns
      DISP conns ATTR src_ref.value, dst_ref.value, dst_port
      DISP shells ATTR name SORT BY name ASC`);
    expect(r.outputs[0]).toMatchObject({ rows: [['172.17.0.3', '172.17.0.1', 4444]] });
    expect(column(r, 'name', 1)).toEqual(['bash', 'cat']);
  });
});

describe('WRITTEN, READ and DELETED on SysFlow file flows', () => {
  it('finds what the shellshock payload wrote and read, and who wrote the dropped script', async () => {
    const r = await hunt(`
      procs = GET process FROM sysflow://sysflow/cron.sf WHERE pid > 0
      written = FIND file WRITTEN BY procs
      read = FIND file READ BY procs
      dropped = written WHERE name = 'rsync'
      writers = FIND process WRITTEN dropped
      DISP written ATTR name, parent_directory_ref.path SORT BY name ASC
      DISP read ATTR name SORT BY name ASC
      DISP writers ATTR name`);
    expect(r.outputs[0]).toMatchObject({ rows: [['access_log', '/var/log/httpd'], ['rsync', '/var/www/html/test']] });
    expect(column(r, 'name', 1)).toEqual(['nsswitch.conf', 'vulnerable']);
    expect(column(r, 'name', 2)).toEqual(['bash-vulnerable']);
  });

  it('finds the files deleted (unlink) in the apache trace and their deleters', async () => {
    const r = await hunt(`
      procs = GET process FROM sysflow://sysflow/apache.sf WHERE pid > 0
      deleted = FIND file DELETED BY procs
      deleters = FIND process DELETED deleted
      DISP deleters ATTR name SORT BY name ASC`);
    expect(counts(r).deleted[0]).toBe(2);
    expect(column(r, 'name')).toEqual(['httpd', 'rm']);
  });
});

describe('relations events do not witness', () => {
  it('finds nothing where the data has no such event', async () => {
    const r = await hunt(`
      dumpcap = GET process FROM ${SCHTASK} WHERE name = 'dumpcap.exe'
      deleted = FIND file DELETED BY dumpcap
      read = FIND file READ BY dumpcap`);
    expect(counts(r)).toMatchObject({ deleted: [0, 0], read: [0, 0] });
  });
});
