import * as path from 'node:path';
import { DIR, eventOf, readAll, refOf } from './helpers';

describe('event-logs: channels and modules match whatever their case', () => {
  it('maps OTRF Security 4688 logged under "Channel": "security" and a lower-case Sysmon channel', async () => {
    const obs = await readAll(path.join(DIR, 'lowercase-channels.json'));
    expect(obs.map((o) => eventOf(o).attrs.action)).toEqual(['process_creation', 'process_creation', 'process_creation', 'process_creation']);
    const created = obs.slice(0, 3).map((o) => refOf(o, eventOf(o), 'process_ref')!.attrs);
    for (const p of created) expect(p).toEqual(expect.objectContaining({ pid: expect.any(Number), name: expect.any(String), created: expect.any(String) }));
    expect(refOf(obs[3], eventOf(obs[3]), 'parent_process_ref')).toBeDefined();
    expect(eventOf(obs[0]).attrs.module).toBe('security');
  });

  it('maps ECS events whose event.module is "Security" or "Sysmon"', async () => {
    const obs = await readAll(path.join(DIR, 'capitalised-modules.ecs.ndjson'));
    expect(obs.map((o) => eventOf(o).attrs.action)).toEqual(['process_creation', 'process_creation', 'process_creation']);
    for (const o of obs) expect(refOf(o, eventOf(o), 'parent_process_ref')).toBeDefined();
  });
});
