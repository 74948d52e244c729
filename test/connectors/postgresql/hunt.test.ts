import * as path from 'node:path';
import { column, hunt } from '../../hunt';
import type { NativeQuery } from '../../../src/model/source-query';
import { DIR } from '../event-logs/helpers';
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

  test('START and STOP copied from the created a file hunt shows select the same process from the table', async () => {
    const shown = await hunt(`tasks = GET process FROM file://${path.join(DIR, 'schtask_create.json')} WHERE name = 'schtasks.exe'
DISP tasks ATTR created`);
    const [created] = column(shown, 'created') as string[];
    expect(created).toBe('2020-12-19T12:00:22.190Z');
    const stop = new Date(Date.parse(created) + 1).toISOString();
    const r = await hunt(`tasks = GET process FROM '${cluster().uri}' WHERE name = 'schtasks.exe' START t'${created}' STOP t'${stop}'
DISP tasks ATTR created`);
    expect(column(r, 'created')).toEqual([created]);
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
