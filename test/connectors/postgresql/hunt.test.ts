import { column, hunt } from '../../hunt';
import type { NativeQuery } from '../../../src/model/source-query';
import { describeWithPostgres, useEventsCluster } from './cluster';

describeWithPostgres('a huntflow reading PostgreSQL through the engine', () => {
  const { cluster } = useEventsCluster();

  test("GET process FROM postgresql://… WHERE name = 'schtasks.exe' finds the real scheduled-task process", async () => {
    const r = await hunt(`
tasks = GET process FROM '${cluster().uri}' WHERE name = 'schtasks.exe'
DISP tasks ATTR name, command_line`);
    expect(new Set(column(r, 'name'))).toEqual(new Set(['schtasks.exe']));
    expect(column(r, 'command_line')).toContain(
      'schtasks  /create /F /tn \\Microsoft\\Windows\\SoftwareProtectionPlatform\\EventCacheManager /tr "C:\\Windows\\system32\\cmd.exe /C C:\\Windows\\System32\\notepad.exe" /sc ONSTART /ru system /S WORKSTATION6',
    );
  });

  test('FIND walks from the process to its parent, read from the same table', async () => {
    const r = await hunt(`
tasks = GET process FROM '${cluster().uri}' WHERE name = 'schtasks.exe'
parents = FIND process CREATED tasks
DISP parents ATTR name`);
    expect(column(r, 'name')).toContain('cmd.exe');
  });

  test('EXPLAIN shows the parameterised SQL the GET sends', async () => {
    const r = await hunt(`
tasks = GET process FROM '${cluster().uri}' WHERE name = 'schtasks.exe'
EXPLAIN tasks`);
    const explain = r.outputs.find((o) => o.kind === 'explain') as { data: { queries: NativeQuery[] } } | undefined;
    expect(explain?.data.queries.find((q) => q.language === 'sql')).toMatchObject({
      statement: 'SELECT id, doc FROM "events" WHERE ("process.name" = $1 OR "process.parent.name" = $2) ORDER BY "@timestamp", id',
      parameters: ['schtasks.exe', 'schtasks.exe'],
    });
  });
});
