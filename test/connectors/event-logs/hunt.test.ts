import * as path from 'node:path';
import { column, entities, hunt } from '../../hunt';
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
});
