/**
 * A scan of a large file after the first passes over, unparsed, the lines that cannot hold what the GET selects
 * (docs/DECISIONS.md 48): only where the value's text must be in the line, whatever its case.
 */
import { rawFilter } from '../../../connectors/event-logs/raw-filter';
import type { QueryFilter, QueryOp, QueryScalar, SourceQuery } from '../../../src/model/source-query';

const cmp = (attribute: string, op: QueryOp, value: QueryScalar | QueryScalar[], entityType = 'process'): QueryFilter =>
  ({ kind: 'comparison', entityType, attribute, op, value });
const get = (where: QueryFilter, entityType = 'process'): SourceQuery => ({ entityType, where });

const SYSMON_1 = JSON.stringify({ winlog: { event_id: 1, event_data: { Image: 'C:\\Windows\\System32\\SCHTASKS.EXE', CommandLine: 'schtasks /create /tn Evil' } }, process: { name: 'SCHTASKS.EXE' } });
const SYSMON_3 = JSON.stringify({ winlog: { event_id: 3 }, process: { name: 'svchost.exe' }, destination: { port: 135 } });

describe('the raw-text test of a scan after the first', () => {
  it('passes over a line without the value, in any case, and keeps one with it', () => {
    const test = rawFilter(get(cmp('name', '=', 'schtasks.exe')))!;
    expect(test(SYSMON_1)).toBe(true);
    expect(test(SYSMON_3)).toBe(false);
    const some = rawFilter(get(cmp('name', 'IN', ['cmd.exe', 'svchost.exe'])))!;
    expect([some(SYSMON_1), some(SYSMON_3)]).toEqual([false, true]);
  });

  it('searches a LIKE pattern for its longest literal part', () => {
    const test = rawFilter(get(cmp('command_line', 'LIKE', '%/create /tn%')))!;
    expect(test).toBeUndefined();
    const create = rawFilter(get(cmp('command_line', 'LIKE', '%create%Evil')))!;
    expect([create(SYSMON_1), create(SYSMON_3)]).toEqual([true, false]);
    expect(rawFilter(get(cmp('command_line', 'LIKE', '%a_b%')))).toBeUndefined();
  });

  it('combines AND by either side it can judge, OR only when it can judge both', () => {
    const name = cmp('name', '=', 'schtasks.exe');
    const pid = cmp('pid', '=', 4660);
    expect(rawFilter(get({ kind: 'and', left: pid, right: name }))!(SYSMON_3)).toBe(false);
    expect(rawFilter(get({ kind: 'or', left: pid, right: name }))).toBeUndefined();
    const either = rawFilter(get({ kind: 'or', left: name, right: cmp('name', '=', 'svchost.exe') }))!;
    expect([either(SYSMON_1), either(SYSMON_3)]).toEqual([true, true]);
  });

  it.each([
    ['a number (a pid may be written in hex)', cmp('pid', '=', 4660)],
    ['a negation', cmp('name', '!=', 'cmd.exe')],
    ['a path through a reference', cmp('parent_ref.name', '=', 'cmd.exe')],
    ['a value JSON writes escaped (a backslash)', cmp('command_line', '=', 'C:\\x.exe')],
    ['a value winlogbeat writes escaped (&)', cmp('command_line', '=', 'a & b')],
    ['a value with a slash (JSON may write \\/)', cmp('command_line', '=', 'a/b')],
    ['an attribute a mapping rewrites (a time)', cmp('created', '=', '2020-01-01T00:00:00Z')],
    ['an attribute of another entity type', cmp('name', '=', 'cmd.exe', 'file')],
    ['an event action (the event kind names it, not the document)', cmp('action', '=', 'process_creation', 'x-oca-event'), 'x-oca-event'],
  ])('judges nothing by %s', (_why, where, entityType = 'process') => {
    expect(rawFilter(get(where, entityType))).toBeUndefined();
  });

  it('judges an event by what only its document says (its provider)', () => {
    const test = rawFilter(get(cmp('provider', '=', 'Microsoft-Windows-Sysmon', 'x-oca-event'), 'x-oca-event'))!;
    expect([test('{"winlog":{"provider_name":"Microsoft-Windows-Sysmon"}}'), test('{"winlog":{"provider_name":"Microsoft-Windows-Security-Auditing"}}')]).toEqual([true, false]);
  });
});
