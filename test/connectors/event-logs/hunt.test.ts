import * as path from 'node:path';
import { column, counts, disp, entities, hunt } from '../../hunt';
import { DIR } from './helpers';

const OTRF = `file://${path.join(DIR, 'schtask_create.json')}`;

describe('event-logs end to end', () => {
  it('finds schtasks.exe and its real parent, cmd.exe', async () => {
    const r = await hunt(`
      tasks = GET process FROM ${OTRF} WHERE name = 'schtasks.exe'
      parents = FIND process CREATED tasks
      DISP parents ATTR name, pid, command_line`);
    expect(entities(r, 'tasks')).toBe(1);
    expect(column(r, 'name')).toEqual(['cmd.exe']);
    expect(column(r, 'pid')).toEqual([460]);
  });

  it('reads ECS NDJSON through a relative ecs:// URI', async () => {
    const r = await hunt(`
      p = GET process FROM ecs://event-logs/schtask_create.ecs.ndjson WHERE name = 'dumpcap.exe'
      DISP p ATTR name, pid, x_unique_id`);
    expect(column(r, 'pid')).toEqual([6328]);
    expect(column(r, 'x_unique_id')).toEqual(['{67e11d8c-eb43-5fdd-1b97-000000000700}']);
  });

  it('shows each program on a reused Sysmon GUID with its own image and command line', async () => {
    const r = await hunt(`
      p = GET process FROM file://${path.join(DIR, 'guid-reuse.jsonl')} WHERE pid = 8444
      DISP p ATTR name, binary_ref.name, command_line`);
    expect(disp(r).rows.map(([name, binary, cmd]) => [name, binary, String(cmd).split(' ')[0]])).toEqual([
      ['cscript.exe', 'cscript.exe', '"C:\\windows\\system32\\cscript.exe"'],
      ['cmd.exe', 'cmd.exe', '"C:\\Windows\\system32\\cmd.exe"'],
    ]);
  });
});

describe('START and STOP read the time a hunter reads', () => {
  const second = (iso: string, delta: number) => new Date(Date.parse(iso) + delta * 1000).toISOString();

  it.each([OTRF, `ecs://${path.join(DIR, 'schtask_create.ecs.ndjson')}`])(
    'a window copied from DISP created or first_observed finds the process (%s)',
    async (source) => {
      const shown = await hunt(`
        tasks = GET process FROM ${source} WHERE name = 'schtasks.exe'
        DISP tasks ATTR created, first_observed`);
      const [[created, first]] = disp(shown).rows as string[][];
      expect(created).toBe('2020-12-19T12:00:22.190Z');
      for (const t of [created, first]) {
        const r = await hunt(`
          tasks = GET process FROM ${source} WHERE name = 'schtasks.exe' START t'${second(t, -1)}' STOP t'${second(t, 1)}'
          DISP tasks ATTR created`);
        expect(counts(r).tasks[0]).toBe(1);
        expect(column(r, 'created')).toEqual([created]);
      }
    },
  );

  it('gives a Sysmon record the event time (UtcTime), which is what created shows', async () => {
    const r = await hunt(`
      tasks = GET process FROM ${OTRF} WHERE name = 'schtasks.exe' START t'2020-12-19T12:00:22.190Z' STOP t'2020-12-19T12:00:22.191Z'
      DISP TIMESTAMPED(tasks) ATTR first_observed, created`);
    expect(disp(r).rows).toEqual([['2020-12-19T12:00:22.190Z', '2020-12-19T12:00:22.190Z']]);
  });
});
