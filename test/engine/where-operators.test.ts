/** Every WHERE comparison operator, on NEW entities and on real data. */
import { column, entities, hunt } from '../hunt';

const PROCS = `p = NEW process [
  {"name":"cmd.exe","pid":4},
  {"name":"explorer.exe","pid":99,"command_line":"C:\\\\Windows\\\\explorer.exe /e"},
  {"name":"chrome.exe","pid":205}]`;

describe('WHERE on NEW processes', () => {
  it.each([
    ['pid = 99', ['explorer.exe']],
    ['pid = "99"', ['explorer.exe']],
    ['pid != 99', ['cmd.exe', 'chrome.exe']],
    ['pid < 99', ['cmd.exe']],
    ['pid <= 99', ['cmd.exe', 'explorer.exe']],
    ['pid > 99', ['chrome.exe']],
    ['pid >= 99', ['explorer.exe', 'chrome.exe']],
    ["name IN ('cmd.exe', 'chrome.exe')", ['cmd.exe', 'chrome.exe']],
    ["name NOT IN ('cmd.exe', 'chrome.exe')", ['explorer.exe']],
    ["name LIKE '%.EXE'", ['cmd.exe', 'explorer.exe', 'chrome.exe']],
    ["name LIKE 'c_d.exe'", ['cmd.exe']],
    ["name NOT LIKE 'c%'", ['explorer.exe']],
    ["command_line MATCHES r'\\\\explorer\\.exe\\s/e$'", ['explorer.exe']],
    ["name MATCHES r'^c\\w+\\.exe$'", ['cmd.exe', 'chrome.exe']],
    ["name NOT MATCHES r'^c\\w+\\.exe$'", ['explorer.exe']],
    ['command_line IS NULL', ['cmd.exe', 'chrome.exe']],
    ['command_line IS NOT NULL', ['explorer.exe']],
    ["pid > 4 AND name != 'chrome.exe'", ['explorer.exe']],
    ["pid = 4 OR name = 'chrome.exe'", ['cmd.exe', 'chrome.exe']],
  ])('%s', async (where, names) => {
    const r = await hunt(`${PROCS}\nDISP p WHERE ${where} ATTR name`);
    expect(column(r, 'name')).toEqual(names);
  });
});

describe('WHERE on ipv4 CIDR blocks', () => {
  const IPS = 'ips = NEW ipv4-addr ["10.0.0.0/24", "10.0.0.7", "192.168.1.1"]';
  it.each([
    ["value ISSUBSET '10.0.0.0/8'", ['10.0.0.0/24', '10.0.0.7']],
    ["value NOT ISSUBSET '10.0.0.0/8'", ['192.168.1.1']],
    ["value ISSUPERSET '10.0.0.5'", ['10.0.0.0/24']],
    ["value ISSUPERSET '10.0.0.0/16'", []],
    ["value NOT ISSUPERSET '10.0.0.5'", ['10.0.0.7', '192.168.1.1']],
  ])('%s', async (where, values) => {
    const r = await hunt(`${IPS}\nDISP ips WHERE ${where} ATTR value`);
    expect(column(r, 'value')).toEqual(values);
  });
});

describe('WHERE on real data', () => {
  it('ISSUBSET finds the addresses of a /24 among 70', async () => {
    const r = await hunt(`
      all = GET ipv4-addr FROM file://test_bundle.json WHERE value LIKE '%'
      net = GET ipv4-addr FROM file://test_bundle.json WHERE [ipv4-addr:value ISSUBSET '10.0.0.0/24']
      DISP net ATTR value SORT BY value ASC`);
    expect(entities(r, 'all')).toBe(70);
    expect(column(r, 'value')).toEqual([
      '10.0.0.134', '10.0.0.139', '10.0.0.141', '10.0.0.179', '10.0.0.197', '10.0.0.201', '10.0.0.214', '10.0.0.242',
      '10.0.0.73', '10.0.0.91',
    ]);
  });

  it('MATCHES with a raw string and a reference path', async () => {
    const r = await hunt(`
      w = GET process FROM file://doctored-1k.json WHERE command_line MATCHES r'^wmic\\s+logicaldisk\\b'
      k = GET process FROM file://doctored-1k.json WHERE parent_ref.name MATCHES r'^Search\\w+\\.exe$'
      DISP k ATTR name SORT BY name ASC`);
    expect(entities(r, 'w')).toBe(7);
    expect(column(r, 'name')).toEqual(['SearchFilterHost.exe', 'SearchProtocolHost.exe']);
  });

  it('IS NULL and IS NOT NULL split the processes', async () => {
    const r = await hunt(`
      all = GET process FROM file://doctored-1k.json WHERE pid > 0
      noparent = all WHERE parent_ref IS NULL
      parent = all WHERE parent_ref IS NOT NULL`);
    expect(entities(r, 'noparent') + entities(r, 'parent')).toBe(entities(r, 'all'));
    expect(entities(r, 'parent')).toBeGreaterThan(0);
    expect(entities(r, 'noparent')).toBeGreaterThan(0);
  });
});
