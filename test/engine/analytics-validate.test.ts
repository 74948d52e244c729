import { validateAnalyticsOutput, type AnalyticsInput } from '../../src/engine/analytics';
import { isKestrelError } from '../../src/model/errors';

const inputs: AnalyticsInput[] = [
  { variable: 'procs', entityType: 'process', rows: [{ id: 'p1', pid: 4 }, { id: 'p2', pid: 1380 }] },
  { variable: 'ips', entityType: 'ipv4-addr', rows: [{ id: 'i1', value: '10.0.0.1' }] },
];

function problem(raw: unknown): string {
  try {
    validateAnalyticsOutput(raw, inputs, 'analytics js://t');
  } catch (e) {
    if (isKestrelError(e) && e.code === 'E_ANALYTICS_BAD_OUTPUT') return e.message;
    throw e;
  }
  throw new Error('expected E_ANALYTICS_BAD_OUTPUT');
}

describe('validateAnalyticsOutput', () => {
  it('keeps scalars, null, flat lists and dotted or custom names, and fills missing lists', () => {
    const out = validateAnalyticsOutput(
      {
        updates: [
          [{ id: 'p2', x_score: 0.5, x_tags: ['a', 1, true, null], 'x_geo.country': 'US', name: 'svchost.exe', x_none: null }],
          null,
        ],
        display: { columns: ['a', 'b'], rows: [[1, ['x']], [null, 'y']] },
      },
      inputs,
    );
    expect(out).toEqual({
      updates: [[{ id: 'p2', x_score: 0.5, x_tags: ['a', 1, true, null], 'x_geo.country': 'US', name: 'svchost.exe', x_none: null }], []],
      display: { kind: 'table', columns: ['a', 'b'], rows: [[1, ['x']], [null, 'y']] },
    });
    expect(validateAnalyticsOutput({}, inputs)).toEqual({ updates: [[], []] });
    expect(validateAnalyticsOutput(null, inputs)).toEqual({ updates: [[], []] });
    expect(validateAnalyticsOutput({ display: { html: '<b>hi</b>' } }, inputs)).toEqual({ updates: [[], []], display: { kind: 'html', html: '<b>hi</b>' } });
  });

  it('checks ids against the input the list belongs to', () => {
    // i1 is an entity of input 1, not of input 0.
    expect(problem({ updates: [[{ id: 'i1', x: 1 }], []] })).toContain('updates[0][0].id "i1" is not an entity of input 0 (procs)');
    expect(problem({ updates: [[{ x: 1 }], []] })).toContain('updates[0][0] has no id');
    expect(problem({ updates: [[{ id: 'p1', id2: 1 }], [{ id: 'i1', type: 'x' }]] })).toContain('updates[1][0] sets "type"');
  });

  it('rejects names and values outside the contract', () => {
    expect(problem({ updates: [[{ id: 'p1', '1x': 1 }], []] })).toContain('attribute name "1x"');
    expect(problem({ updates: [[{ id: 'p1', x: [[1]] }], []] })).toContain('updates[0][0].x [0] is an array');
    expect(problem({ updates: [[{ id: 'p1', x: Infinity }], []] })).toContain('Infinity (not a JSON number)');
    expect(problem({ updates: [[{ id: 'p1', x: new Date(0) }], []] })).toContain('x is a Date');
    expect(problem({ updates: {} })).toContain('updates is an object, not an array with one list of rows per input');
    expect(problem({ display: { html: 3 } })).toContain('display.html is 3, not a string');
    expect(problem({ display: { columns: [1], rows: [] } })).toContain('display.columns is not an array of strings');
  });

  it('names at most five problems', () => {
    const many = problem({ updates: [[1, 2, 3, 4, 5, 6, 7].map((n) => ({ id: `nope${n}` })), []] });
    expect(many.match(/is not an entity/g)).toHaveLength(5);
    expect(many.endsWith('; and more')).toBe(true);
  });
});
