/**
 * `GET … WHERE SIGMA 'path'` in a huntflow (issue 21): the entities that events matched by Sigma rules mention,
 * each carrying the rules that hit it (`x_sigma`); ANDed with the rest of the WHERE and the time window; rules
 * compiled before the block runs, a rule that does not compile failing the block at its path.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultConnectors } from '../../connectors/registry';
import { MemoryStore } from '../../graph/memory-store';
import { parse } from '../../src/lang/parse';
import { Session, type BlockResult } from '../../src/engine/session';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const HUNT = path.join(FIXTURES, 'hunt.hf');
const LOG = 'file://event-logs/schtask_create.json';
const RULES = 'sigma/rules/windows/process_creation';
const SYSTEM_RULE = `${RULES}/proc_creation_win_schtasks_system.yml`;
const REGRESSION = 'sigma/regression/rules/windows';

async function run(huntflow: string, file = HUNT): Promise<BlockResult> {
  return new Session({ store: new MemoryStore(), connectors: defaultConnectors() }).execute(huntflow, file);
}

function column(r: BlockResult, variable: string, name: string): unknown[] {
  const d = r.outputs.find((o) => o.kind === 'disp' && o.variable === variable);
  if (d?.kind !== 'disp') throw new Error(`no DISP of ${variable}: ${JSON.stringify(r.errors)}`);
  return d.rows.map((row) => row[d.columns.indexOf(name)]);
}

describe('GET … WHERE SIGMA', () => {
  it('gives the processes the matching events mention, with the rule id, title and level in x_sigma', async () => {
    const r = await run(`hits = GET process FROM ${LOG} WHERE SIGMA '${SYSTEM_RULE}'\nDISP hits ATTR pid, name, x_sigma`);
    expect(r.errors).toEqual([]);
    expect(column(r, 'hits', 'pid')).toEqual([8920, 460]);
    expect(column(r, 'hits', 'x_sigma')[0]).toEqual([
      { level: 'high', title: 'Schtasks Creation Or Modification With SYSTEM Privileges', id: '89ca78fd-b37c-4310-b3d3-81a023f83936' },
    ]);
  });

  it('ANDs with the rest of the WHERE and with START/STOP', async () => {
    const r = await run([
      `a = GET process FROM ${LOG} WHERE name = 'schtasks.exe' AND SIGMA '${SYSTEM_RULE}'`,
      `b = GET process FROM ${LOG} WHERE [SIGMA '${SYSTEM_RULE}' AND pid = 460]`,
      `c = GET process FROM ${LOG} WHERE SIGMA '${SYSTEM_RULE}' START 2020-12-19T00:00:00Z STOP 2020-12-19T01:00:00Z`,
      `d = GET process FROM ${LOG} WHERE SIGMA '${SYSTEM_RULE}' START 2020-12-19T12:00:00Z STOP 2020-12-19T12:01:00Z`,
      'DISP a ATTR pid', 'DISP b ATTR pid', 'DISP c ATTR pid', 'DISP d ATTR pid',
    ].join('\n'));
    expect(r.errors).toEqual([]);
    expect([column(r, 'a', 'pid'), column(r, 'b', 'pid'), column(r, 'c', 'pid'), column(r, 'd', 'pid')]).toEqual([[8920], [460], [], [8920, 460]]);
  });

  it('gives any entity type the events mention, and FIND and TRACK go on from the hits', async () => {
    const r = await run([
      `users = GET user-account FROM ${LOG} WHERE SIGMA '${SYSTEM_RULE}'`,
      `task = GET process FROM ${LOG} WHERE SIGMA '${SYSTEM_RULE}' AND name = 'schtasks.exe'`,
      'rpc = FIND network-traffic CREATED BY task',
      'up = TRACK BACKWARD task',
      'DISP users ATTR account_login, x_sigma', 'DISP rpc ATTR dst_port', 'DISP up ATTR entity',
    ].join('\n'));
    expect(r.errors).toEqual([]);
    expect(column(r, 'users', 'account_login')).toEqual(['pgustavo']);
    expect((column(r, 'users', 'x_sigma')[0] as { level: string }[]).map((h) => h.level)).toEqual(['high']);
    expect(column(r, 'rpc', 'dst_port')).toEqual([135, 49671]);
    expect(column(r, 'up', 'entity')).toEqual(['schtasks.exe [8920]', 'cmd.exe [460]', 'powershell.exe [6432]']);
  });

  it('reads .evtx files: a file_event rule gives the files its events created', async () => {
    const dir = `${REGRESSION}/file/file_event/file_event_win_anydesk_artefact`;
    const r = await run(`f = GET file FROM file://${dir}/0b9ad457-2554-44c1-82c2-d56a99c42377.evtx WHERE SIGMA 'sigma/rules/windows/file/file_event/file_event_win_anydesk_artefact.yml'\nDISP f ATTR name, x_sigma`);
    expect(r.errors).toEqual([]);
    const names = column(r, 'f', 'name');
    expect(names.some((n) => String(n).startsWith('user.conf'))).toBe(true);
    const hit = (column(r, 'f', 'x_sigma').find((x) => x !== null) as { title: string }[])[0];
    expect(hit.title).toBe('Anydesk Temporary Artefact');
  });

  it('in a folder, leaves out the rules that do not compile, each named in a warning', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sigma-hunt-'));
    fs.copyFileSync(path.join(FIXTURES, SYSTEM_RULE), path.join(dir, 'system.yml'));
    fs.copyFileSync(path.join(FIXTURES, 'sigma/rules/network/cisco/aaa/cisco_cli_dot1x_disabled.yml'), path.join(dir, 'cisco.yml'));
    const r = await run(`hits = GET process FROM ${LOG} WHERE SIGMA '${dir}'\nDISP hits ATTR pid`);
    expect(r.errors).toEqual([]);
    expect(column(r, 'hits', 'pid')).toEqual([8920, 460]);
    expect(r.warnings).toEqual([`SIGMA '${dir}': cisco.yml left out: Sigma logsource product cisco: only Windows event logs are read`]);
  });

  it('EXPLAIN says the condition is matched in memory, and shows no STIX pattern when SIGMA is the whole WHERE', async () => {
    const r = await run(`hits = GET process FROM ${LOG} WHERE SIGMA '${SYSTEM_RULE}'\nEXPLAIN hits`);
    const e = r.outputs[0];
    if (e.kind !== 'explain') throw new Error('no EXPLAIN');
    expect(e.data.queries.map((q) => q.language)).toEqual(['sigma, in memory over the events as logged']);
  });

  it('leaves `sigma` usable as an attribute name', () => {
    const parsed = parse("x = GET process FROM f WHERE sigma = 'a' AND x_sigma IS NOT NULL");
    expect(parsed.ok).toBe(true);
  });
});

describe('GET … WHERE SIGMA: errors', () => {
  const error = async (huntflow: string) => {
    const r = await run(huntflow);
    expect(r.errors).toHaveLength(1);
    const { code, line, column: col, message } = r.errors[0];
    return { code, line, column: col, message };
  };

  /** Line and column of the last `marker` in the huntflow. */
  const at = (huntflow: string, marker: string) => {
    const lines = huntflow.split('\n');
    return { line: lines.length, column: lines[lines.length - 1].lastIndexOf(marker) + 1 };
  };

  it.each([
    ['under OR', `x = GET process FROM ${LOG} WHERE name = 'a' OR SIGMA '${SYSTEM_RULE}'`],
    ['twice', `x = GET process FROM ${LOG} WHERE SIGMA '${RULES}' AND SIGMA '${SYSTEM_RULE}'`],
    ['in FIND', `p = GET process FROM ${LOG} WHERE name = 'cmd.exe'\nx = FIND process CREATED p WHERE SIGMA '${SYSTEM_RULE}'`],
    ['on a variable', `p = GET process FROM ${LOG} WHERE name = 'cmd.exe'\nx = GET process FROM p WHERE SIGMA '${SYSTEM_RULE}'`],
  ])('SIGMA %s is E_SIGMA_WHERE at SIGMA', async (_, huntflow) => {
    expect(await error(huntflow)).toMatchObject({ code: 'E_SIGMA_WHERE', ...at(huntflow, 'SIGMA') });
  });

  it('a rule that does not compile fails the block at its path, with the construct', async () => {
    const huntflow = `x = GET process FROM ${LOG} WHERE SIGMA 'sigma/rules/network/cisco/aaa/cisco_cli_dot1x_disabled.yml'`;
    const e = await error(huntflow);
    expect(e).toMatchObject({ code: 'E_SIGMA_UNSUPPORTED', ...at(huntflow, "'sigma/") });
    expect(e.message).toBe('sigma/rules/network/cisco/aaa/cisco_cli_dot1x_disabled.yml: Sigma logsource product cisco: only Windows event logs are read');
  });

  it('a file that is no Sigma rule is E_SIGMA_RULE, a path that does not exist E_DATA_SOURCE, both at the path', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sigma-hunt-'));
    fs.writeFileSync(path.join(dir, 'bad.yml'), 'title: t\nlogsource: {product: windows}\ndetection: {selection: {Image: x}, condition: selection and not filter}\n');
    const hunt = path.join(dir, 'hunt.hf');
    const bad = await run(`x = GET process FROM ${path.join(FIXTURES, 'event-logs/schtask_create.json')} WHERE SIGMA 'bad.yml'`, hunt);
    expect(bad.errors[0]).toMatchObject({ code: 'E_SIGMA_RULE', file: hunt, line: 1 });
    const none = `x = GET process FROM ${LOG} WHERE SIGMA 'none.yml'`;
    expect(await error(none)).toMatchObject({ code: 'E_DATA_SOURCE', ...at(none, "'none.yml'") });
  });

  it('a data source that is no Windows event log is E_DATA_SOURCE at FROM', async () => {
    expect(await error(`x = GET process FROM file://test_bundle.json WHERE SIGMA '${SYSTEM_RULE}'`)).toMatchObject({ code: 'E_DATA_SOURCE', line: 1, column: 22 });
  });
});
