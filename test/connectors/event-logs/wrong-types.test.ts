import * as path from 'node:path';
import { DIR, eventOf, readAll, refOf } from './helpers';

const FILE = path.join(DIR, 'wrong-types.json');

describe('event-logs: a field of the wrong type', () => {
  it('keeps every record, leaves the attribute out and warns once per field with file:line', async () => {
    const warnings: string[] = [];
    const obs = await readAll(FILE, warnings);
    expect(obs).toHaveLength(6);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(new RegExp(`^${FILE.replace(/[.\\/]/g, '\\$&')}:2: ProcessId holds an object where pid needs an integer`));
    expect(warnings[1]).toMatch(/wrong-types\.json:4: Image holds a list where name needs text/);
    const actor = refOf(obs[1], eventOf(obs[1]), 'process_ref')!;
    expect(actor.attrs.pid).toBeUndefined();
    expect(typeof actor.attrs.x_unique_id).toBe('string');
    expect(refOf(obs[0], eventOf(obs[0]), 'process_ref')!.attrs.pid).toEqual(expect.any(Number));
  });
});
