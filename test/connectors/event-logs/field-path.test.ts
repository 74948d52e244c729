/** A mapping's field getter: nested, flat dotted or mixed documents, and never a value from Object.prototype. */
import { fieldGetter } from '../../../connectors/event-logs/field-path';

describe('a field getter', () => {
  it('finds a value nested, under a flat dotted key, or both mixed', () => {
    const get = fieldGetter('winlog.event_data.Image');
    expect(get({ winlog: { event_data: { Image: 'a.exe' } } })).toBe('a.exe');
    expect(get({ 'winlog.event_data.Image': 'b.exe' })).toBe('b.exe');
    expect(get({ winlog: { 'event_data.Image': 'c.exe' } })).toBe('c.exe');
    expect(get({ 'winlog.event_data': { Image: 'd.exe' } })).toBe('d.exe');
    expect(get({ winlog: { event_data: {} }, 'winlog.event_data.Image': 'e.exe' })).toBe('e.exe');
    expect(get({ winlog: 'flat text' })).toBeUndefined();
  });

  it('reads a field named as an Object.prototype property only when the document has it', () => {
    expect(fieldGetter('constructor')({})).toBeUndefined();
    expect(fieldGetter('process.toString')({ process: {} })).toBeUndefined();
    expect(fieldGetter('process.toString')({ process: { toString: 'x' } })).toBe('x');
    expect(fieldGetter('process.name')(JSON.parse('{"process": {"__proto__": {"name": "p.exe"}}}'))).toBeUndefined();
  });
});
