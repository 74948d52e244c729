/** The Sigma rule compiler: detection syntax, every value modifier, logsources, and refusals that name the construct. */
import { parseRule } from '../../src/sigma/parse-rule';
import { compileRule } from '../../src/sigma/compile-rule';
import { RuleSet } from '../../src/sigma/rule-set';

const SYSMON = 'Microsoft-Windows-Sysmon/Operational';

function rule(detection: string, logsource = 'category: process_creation\n    product: windows'): string {
  return `title: t\nid: 00000000-0000-0000-0000-000000000001\nlevel: high\nlogsource:\n    ${logsource}\ndetection:\n${detection}\n`;
}

/** Whether a rule's detection matches an OTRF-style Sysmon 1 event with these fields. */
function hits(detection: string, fields: Record<string, unknown>, logsource?: string): boolean {
  const set = RuleSet.of([parseRule(rule(detection, logsource))]);
  return set.match({ Channel: SYSMON, EventID: 1, ...fields }).length > 0;
}

function refusal(detection: string, logsource?: string): string {
  try {
    compileRule(parseRule(rule(detection, logsource)));
  } catch (e) {
    const err = e as { code: string; construct?: string };
    return `${err.code} ${err.construct ?? ''}`.trim();
  }
  return 'compiled';
}

describe('Sigma detection syntax', () => {
  it('ANDs the fields of a map and ORs the values of a list, case-insensitively', () => {
    const d = '    sel:\n        Image|endswith: [\\cmd.exe, \\powershell.exe]\n        CommandLine|contains: whoami\n    condition: sel';
    expect(hits(d, { Image: 'C:\\Windows\\System32\\CMD.EXE', CommandLine: 'cmd /c WHOAMI /all' })).toBe(true);
    expect(hits(d, { Image: 'C:\\Windows\\System32\\cmd.exe', CommandLine: 'dir' })).toBe(false);
  });

  it('ORs a list of maps', () => {
    const d = '    sel:\n        - Image: a.exe\n        - CommandLine: b\n    condition: sel';
    expect(hits(d, { Image: 'A.exe' })).toBe(true);
    expect(hits(d, { CommandLine: 'b' })).toBe(true);
    expect(hits(d, { Image: 'b' })).toBe(false);
  });

  it('reads wildcards and escapes as the specification does', () => {
    expect(hits("    sel:\n        Image: 'C:*\\x?.exe'\n    condition: sel", { Image: 'C:\\Windows\\x1.exe' })).toBe(true);
    expect(hits("    sel:\n        CommandLine: 'a\\*b'\n    condition: sel", { CommandLine: 'a*b' })).toBe(true);
    expect(hits("    sel:\n        CommandLine: 'a\\*b'\n    condition: sel", { CommandLine: 'axxb' })).toBe(false);
    expect(hits("    sel:\n        CommandLine: 'C:\\Windows\\'\n    condition: sel", { CommandLine: 'C:\\Windows\\' })).toBe(true);
  });

  it('evaluates and, or, not, parentheses, 1 of and all of with wildcards and them', () => {
    const d = '    selection_a:\n        Image: a\n    selection_b:\n        User: u\n    filter:\n        CommandLine: x\n';
    expect(hits(`${d}    condition: all of selection_* and not filter`, { Image: 'a', User: 'u' })).toBe(true);
    expect(hits(`${d}    condition: all of selection_* and not filter`, { Image: 'a', User: 'u', CommandLine: 'x' })).toBe(false);
    expect(hits(`${d}    condition: 1 of selection_* and not filter`, { User: 'u' })).toBe(true);
    expect(hits(`${d}    condition: (selection_a or filter) and selection_b`, { CommandLine: 'x', User: 'u' })).toBe(true);
    expect(hits(`${d}    condition: all of them`, { Image: 'a', User: 'u' })).toBe(false);
    expect(hits(`${d}    condition: 1 of them`, { CommandLine: 'x' })).toBe(true);
    expect(hits(`${d}    condition: not not selection_a`, { Image: 'a' })).toBe(true);
  });

  it('searches every value for keywords', () => {
    const d = '    keywords:\n        - mimikatz\n        - sekurlsa\n    condition: keywords';
    expect(hits(d, { CommandLine: 'run Mimikatz.exe' })).toBe(true);
    expect(hits(d, { CommandLine: 'notepad' })).toBe(false);
  });

  it('matches null against a missing field and empty string against an empty one', () => {
    expect(hits('    sel:\n        OriginalFileName: null\n    condition: sel', { Image: 'a' })).toBe(true);
    expect(hits('    sel:\n        OriginalFileName: null\n    condition: sel', { OriginalFileName: 'x' })).toBe(false);
    expect(hits("    sel:\n        OriginalFileName: ''\n    condition: sel", { OriginalFileName: '' })).toBe(true);
    expect(hits("    sel:\n        OriginalFileName: ''\n    condition: sel", {})).toBe(false);
  });

  it('compares numbers with text and keeps hexadecimal values as written', () => {
    expect(hits('    sel:\n        TerminalSessionId: 0\n    condition: sel', { TerminalSessionId: '0' })).toBe(true);
    expect(hits('    sel:\n        GrantedAccess: 0x1410\n    condition: sel', { GrantedAccess: '0x1410' })).toBe(true);
  });
});

describe('Sigma value modifiers', () => {
  const one = (mods: string, value: string, fields: Record<string, unknown>) => hits(`    sel:\n        CommandLine${mods}: ${value}\n    condition: sel`, fields);

  it('contains, startswith, endswith, all', () => {
    expect(one('|startswith', 'abc', { CommandLine: 'ABCdef' })).toBe(true);
    expect(one('|startswith', 'abc', { CommandLine: 'xabc' })).toBe(false);
    expect(one('|endswith', 'def', { CommandLine: 'abcDEF' })).toBe(true);
    expect(one('|contains|all', '[a1, b2]', { CommandLine: 'b2 a1' })).toBe(true);
    expect(one('|contains|all', '[a1, b2]', { CommandLine: 'a1' })).toBe(false);
    expect(one('|contains', '[a1, b2]', { CommandLine: 'a1' })).toBe(true);
  });

  it('cased matches case-sensitively', () => {
    expect(one('|contains|cased', 'Abc', { CommandLine: 'xAbc' })).toBe(true);
    expect(one('|contains|cased', 'Abc', { CommandLine: 'xabc' })).toBe(false);
  });

  it('re is case-sensitive, with i, m and s flags', () => {
    expect(one('|re', "'^a.c$'", { CommandLine: 'abc' })).toBe(true);
    expect(one('|re', "'^a.c$'", { CommandLine: 'ABC' })).toBe(false);
    expect(one('|re|i', "'^a.c$'", { CommandLine: 'ABC' })).toBe(true);
    expect(one('|re|m', "'^b$'", { CommandLine: 'a\nb' })).toBe(true);
    expect(one('|re|s', "'a.b'", { CommandLine: 'a\nb' })).toBe(true);
    expect(one('|re', "'a.b'", { CommandLine: 'a\nb' })).toBe(false);
  });

  it('windash tries -, /, en dash, em dash and horizontal bar', () => {
    for (const dash of ['-', '/', '\u2013', '\u2014', '\u2015']) expect(one('|windash|contains', "' -enc '", { CommandLine: `powershell ${dash}enc abc` })).toBe(true);
    expect(one('|windash|contains', "' -enc '", { CommandLine: 'powershell +enc abc' })).toBe(false);
  });

  it('base64 and base64offset find an encoded value', () => {
    const encoded = Buffer.from('xx whoami yy').toString('base64');
    expect(one('|base64offset|contains', 'whoami', { CommandLine: encoded })).toBe(true);
    for (const pad of ['', 'a', 'ab']) expect(one('|base64offset|contains', 'whoami', { CommandLine: Buffer.from(`${pad}whoami!`).toString('base64') })).toBe(true);
    expect(one('|base64', 'whoami', { CommandLine: Buffer.from('whoami').toString('base64') })).toBe(true);
    expect(one('|base64|contains', 'whoami', { CommandLine: 'whoami' })).toBe(false);
  });

  it('wide, utf16le, utf16be and utf16 encode before base64', () => {
    const b64 = (enc: Buffer) => enc.toString('base64');
    expect(one('|wide|base64offset|contains', 'ping', { CommandLine: `-e ${b64(Buffer.from('x ping y', 'utf16le'))}` })).toBe(true);
    expect(one('|utf16le|base64', 'ab', { CommandLine: b64(Buffer.from('ab', 'utf16le')) })).toBe(true);
    expect(one('|utf16be|base64', 'ab', { CommandLine: b64(Buffer.from([0, 0x61, 0, 0x62])) })).toBe(true);
    expect(one('|utf16|base64', 'ab', { CommandLine: b64(Buffer.from([0xff, 0xfe, 0x61, 0, 0x62, 0])) })).toBe(true);
  });

  it('cidr matches IPv4 and IPv6 networks', () => {
    const d = (ip: string) => hits("    sel:\n        DestinationIp|cidr: ['10.0.0.0/8', 'fe80::/10']\n    condition: sel", { DestinationIp: ip });
    expect(d('10.1.2.3')).toBe(true);
    expect(d('11.1.2.3')).toBe(false);
    expect(d('fe80::1')).toBe(true);
    expect(d('2001:db8::1')).toBe(false);
  });

  it('exists tests for a field', () => {
    expect(hits('    sel:\n        Hashes|exists: true\n    condition: sel', { Hashes: 'x' })).toBe(true);
    expect(hits('    sel:\n        Hashes|exists: true\n    condition: sel', {})).toBe(false);
    expect(hits('    sel:\n        Hashes|exists: false\n    condition: sel', {})).toBe(true);
  });

  it('lt, lte, gt and gte compare numbers', () => {
    expect(hits('    sel:\n        TerminalSessionId|gt: 1\n    condition: sel', { TerminalSessionId: '2' })).toBe(true);
    expect(hits('    sel:\n        TerminalSessionId|gte: 2\n    condition: sel', { TerminalSessionId: 2 })).toBe(true);
    expect(hits('    sel:\n        TerminalSessionId|lt: 2\n    condition: sel', { TerminalSessionId: 2 })).toBe(false);
    expect(hits('    sel:\n        TerminalSessionId|lte: 2\n    condition: sel', { TerminalSessionId: 'x' })).toBe(false);
  });

  it('fieldref compares with another field of the event', () => {
    expect(hits('    sel:\n        ParentImage|fieldref: Image\n    condition: sel', { Image: 'a.exe', ParentImage: 'A.EXE' })).toBe(true);
    expect(hits('    sel:\n        ParentImage|fieldref: Image\n    condition: sel', { Image: 'a.exe', ParentImage: 'b.exe' })).toBe(false);
    expect(hits('    sel:\n        CommandLine|fieldref|contains: Image\n    condition: sel', { Image: 'a.exe', CommandLine: 'run a.exe' })).toBe(true);
  });
});

describe('Sigma logsources', () => {
  const d = '    sel:\n        Image|endswith: \\whoami.exe\n    condition: sel';

  it('maps process_creation to Sysmon 1 and Security 4688 with its field names', () => {
    const set = RuleSet.of([parseRule(rule(d))]);
    expect(set.match({ Channel: SYSMON, EventID: 1, Image: 'C:\\whoami.exe' })).toHaveLength(1);
    expect(set.match({ Channel: 'Security', EventID: 4688, NewProcessName: 'C:\\whoami.exe' })).toHaveLength(1);
    expect(set.match({ Channel: SYSMON, EventID: 3, Image: 'C:\\whoami.exe' })).toHaveLength(0);
  });

  it('does not use Security 4688 for a rule reading a field 4688 lacks', () => {
    const compiled = compileRule(parseRule(rule('    sel:\n        OriginalFileName: whoami.exe\n    condition: sel')));
    expect(compiled.targets.map((t) => t.target.label)).toEqual(['Sysmon 1']);
    expect(compiled.skipped).toEqual([{ label: 'Security 4688', reason: 'the event has no OriginalFileName' }]);
  });

  it.each([
    ['network_connection', 3],
    ['registry_set', 13],
    ['registry_event', 14],
    ['file_event', 11],
    ['image_load', 7],
    ['process_access', 10],
    ['dns_query', 22],
  ])('maps %s to Sysmon %i', (category, id) => {
    const set = RuleSet.of([parseRule(rule('    sel:\n        Image: a\n    condition: sel', `category: ${category}\n    product: windows`))]);
    expect(set.match({ Channel: SYSMON, EventID: id, Image: 'a' })).toHaveLength(1);
    expect(set.match({ Channel: SYSMON, EventID: 1, Image: 'a' })).toHaveLength(0);
  });

  it('maps ps_script to PowerShell 4104 and services to channels', () => {
    const ps = RuleSet.of([parseRule(rule('    sel:\n        ScriptBlockText|contains: Invoke-Mimikatz\n    condition: sel', 'category: ps_script\n    product: windows'))]);
    expect(ps.match({ Channel: 'Microsoft-Windows-PowerShell/Operational', EventID: 4104, ScriptBlockText: 'Invoke-Mimikatz -x' })).toHaveLength(1);
    const sec = RuleSet.of([parseRule(rule('    sel:\n        EventID: 1102\n    condition: sel', 'service: security\n    product: windows'))]);
    expect(sec.match({ Channel: 'security', EventID: 1102 })).toHaveLength(1);
    expect(sec.match({ Channel: 'System', EventID: 1102 })).toHaveLength(0);
  });

  it('reads evtx JSON and ECS documents by the same Sigma names', () => {
    const set = RuleSet.of([parseRule(rule(d))]);
    const evtx = { Event: { System: { EventID: 1, Channel: SYSMON }, EventData: { Image: 'C:\\whoami.exe' } } };
    const ecs = { ecs: { version: '8' }, winlog: { channel: SYSMON, event_id: '1' }, process: { executable: 'C:\\whoami.exe' } };
    expect(set.match(evtx)).toHaveLength(1);
    expect(set.match(ecs)).toHaveLength(1);
  });
});

describe('Sigma refusals name the construct', () => {
  it.each([
    ['    sel:\n        Image: a\n    condition: sel | count() by User > 5', 'E_SIGMA_UNSUPPORTED aggregation'],
    ['    sel:\n        Image: a\n    sel2:\n        Image: b\n    condition: sel near sel2', 'E_SIGMA_UNSUPPORTED near'],
    ['    sel:\n        Image|expand: \'%Admins%\'\n    condition: sel', 'E_SIGMA_UNSUPPORTED modifier expand'],
    ['    sel:\n        Image|sortof: a\n    condition: sel', 'E_SIGMA_UNSUPPORTED modifier sortof'],
    ['    sel:\n        Image|re: \'\\Aabc\'\n    condition: sel', 'E_SIGMA_UNSUPPORTED modifier re'],
    ['    sel:\n        Image|base64: \'a*\'\n    condition: sel', 'E_SIGMA_UNSUPPORTED modifier base64'],
    ['    sel:\n        Image: a\n    timeframe: 5m\n    condition: sel', 'E_SIGMA_UNSUPPORTED timeframe'],
    ['    sel:\n        Image: a\n    condition: 2 of sel', 'E_SIGMA_UNSUPPORTED 2 of'],
    ['    sel:\n        Image: a\n    condition: sel and other', 'E_SIGMA_RULE'],
    ['    sel:\n        Image: a\n    condition: 1 of filter_*', 'E_SIGMA_RULE'],
  ])('%#: %s', (detection, expected) => {
    expect(refusal(detection)).toBe(expected);
  });

  it('refuses logsources that are no Windows event log', () => {
    expect(refusal('    sel:\n        Image: a\n    condition: sel', 'category: process_creation\n    product: linux')).toBe('E_SIGMA_UNSUPPORTED logsource product linux');
    expect(refusal('    sel:\n        Image: a\n    condition: sel', 'category: file_access\n    product: windows')).toBe('E_SIGMA_UNSUPPORTED logsource category file_access');
    expect(refusal('    sel:\n        Image: a\n    condition: sel', 'service: nosuch\n    product: windows')).toBe('E_SIGMA_UNSUPPORTED logsource service nosuch');
  });

  it('refuses correlation rules', () => {
    expect(() => parseRule('title: c\ncorrelation:\n    type: event_count\n')).toThrow(expect.objectContaining({ code: 'E_SIGMA_UNSUPPORTED', construct: 'correlation' }));
  });
});
