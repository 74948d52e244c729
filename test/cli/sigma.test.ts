/** `kestrel sigma RULES... --on SOURCES...`: the table, the JSON document, refused rules and unreadable sources. */
import * as path from 'node:path';
import { FIXTURES } from '../sigma/regression-samples';
import { fixture, huntflowDir, kestrel } from './run-cli';

const PROCESS_CREATION = path.join(FIXTURES, 'rules', 'windows', 'process_creation');
const SCHTASK = fixture('event-logs/schtask_create.json');
const SCHTASKS_SYSTEM = path.join(PROCESS_CREATION, 'proc_creation_win_schtasks_system.yml');

describe('kestrel sigma', () => {
  it('prints a table of the rules that hit, with matches, times and hosts', async () => {
    const run = await kestrel(['sigma', SCHTASKS_SYSTEM, '--on', SCHTASK, '--wide']);
    expect(run.code).toBe(0);
    const [header, row] = run.stdout.split('\n');
    expect(header.split(/\s{2,}/)).toEqual(['RULE', 'LEVEL', 'MATCHES', 'FIRST', 'LAST', 'HOSTS']);
    expect(row.split(/\s{2,}/)).toEqual(['Schtasks Creation Or Modification With SYSTEM Privileges', 'high', '2', '2020-12-19T07:00:22.190Z', '2020-12-19T12:00:22.190Z', 'WORKSTATION5.theshire.local']);
    expect(run.stdout).toMatch(/1 rule compiled, 0 refused; 1041 events scanned, 1 rule matched/);
  });

  it('--json gives the rules with the entities their events describe', async () => {
    const run = await kestrel(['sigma', PROCESS_CREATION, '--on', SCHTASK, '--json']);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.errors).toEqual([]);
    const hit = doc.rules.find((r: { id: string }) => r.id === '89ca78fd-b37c-4310-b3d3-81a023f83936');
    expect(hit).toMatchObject({ title: 'Schtasks Creation Or Modification With SYSTEM Privileges', level: 'high', matches: 2 });
    expect(hit.entities).toContainEqual(expect.objectContaining({ type: 'process', attrs: expect.objectContaining({ name: 'schtasks.exe' }) }));
    expect(doc.compiled).toBeGreaterThan(60);
  });

  it('scans .evtx files and folders of them, each event once', async () => {
    const sample = path.join(FIXTURES, 'regression', 'rules', 'windows', 'process_creation', 'proc_creation_win_driverquery_recon');
    const rule = path.join(PROCESS_CREATION, 'proc_creation_win_driverquery_recon.yml');
    const run = await kestrel(['sigma', rule, '--on', path.join(sample, '9fc3072c-dc8f-4bf7-b231-18950000fadd.evtx'), '--json']);
    expect(JSON.parse(run.stdout).rules.map((r: { matches: number }) => r.matches)).toEqual([1]);
    const folder = await kestrel(['sigma', rule, '--on', sample, '--json']);
    expect(JSON.parse(folder.stdout).rules.map((r: { matches: number }) => r.matches)).toEqual([2]);
  });

  it('lists the rules it could not compile with the construct, and runs the others', async () => {
    const dir = huntflowDir();
    try {
      dir.write('agg.yml', 'title: many\nlogsource:\n    product: windows\n    service: security\ndetection:\n    sel:\n        EventID: 4625\n    condition: sel | count() by TargetUserName > 10\n');
      const rule = dir.write('ok.yml', 'title: any 4688\nlevel: low\nlogsource:\n    product: windows\n    category: process_creation\ndetection:\n    sel:\n        Image|endswith: \\schtasks.exe\n    condition: sel\n');
      const run = await kestrel(['sigma', path.dirname(rule), '--on', SCHTASK, '--json']);
      const doc = JSON.parse(run.stdout);
      expect(run.code).toBe(0);
      expect(doc.compiled).toBe(1);
      expect(doc.errors).toEqual([expect.objectContaining({ code: 'E_SIGMA_UNSUPPORTED', construct: 'aggregation', file: expect.stringMatching(/agg\.yml$/) })]);
      expect(doc.rules).toEqual([expect.objectContaining({ title: 'any 4688', matches: 2 })]);
    } finally {
      dir.cleanup();
    }
  });

  it('fails with E_DATA_SOURCE for a source it cannot read', async () => {
    const run = await kestrel(['sigma', SCHTASKS_SYSTEM, '--on', fixture('stix-2.1.json'), '--json']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).errors).toEqual([expect.objectContaining({ code: 'E_DATA_SOURCE' })]);
  });
});
