import { column, entities, hunt } from '../hunt';

describe('record attributes on entities', () => {
  it('filter and sort on when an entity was first and last observed, and how often', async () => {
    const r = await hunt(`
      p = GET process FROM file://doctored-1k.json WHERE pid > 0
      late = p WHERE first_observed > '2019-11-16T13:20:00Z'
      early = p WHERE first_observed < '2019-11-16T12:56:00Z' AND last_observed > '2019-11-16T13:30:00Z'
      busy = p WHERE number_observed >= 100
      DISP p ATTR pid, first_observed SORT BY first_observed DESC LIMIT 3
      DISP busy ATTR name, number_observed SORT BY number_observed DESC`);
    expect(entities(r, 'late')).toBe(9);
    expect(entities(r, 'early')).toBeGreaterThan(0);
    const firsts = column(r, 'first_observed', 0) as string[];
    expect(firsts).toEqual([...firsts].sort().reverse());
    expect(firsts[0]).toBe('2019-11-16T13:29:17.224Z');
    const counts = column(r, 'number_observed', 1) as number[];
    expect(counts.every((n) => n >= 100)).toBe(true);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(column(r, 'name', 1)[0]).toBe('svchost.exe');
  });
});
