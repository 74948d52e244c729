import * as path from 'node:path';
import { loadTtpPolicy, unsupportedConstructs } from '../../connectors/sysflow';
import * as fs from 'node:fs';
import { columnOf, runSample, savedFiles, shown, summary } from '../sample-run';

describe('sample: SysFlow TTP hunt on the shellshock trace', () => {
  it('finds the shell the exploited CGI program started, what it ran, and where it connected', async () => {
    const r = await runSample(__dirname);
    expect(summary(r)).toEqual({ exploits: [1, 21], exp_spawn: [1, 7], exp_act: [1, 7], conns: [1, 6], tagged: [2, 21] });
    expect(shown(r, 'exploits').rows).toEqual([
      [35957, 'bash', '/bin/bash -i', 'vulnerable', ['mitre:T1059.004', 'mitre:T1106', 'mitre:T1574']],
    ]);
    expect(shown(r, 'exp_act').rows).toEqual([['2023-05-10T07:59:58.144Z', 35968, 35957, 'cat', '/bin/cat /etc/passwd']]);
    const saved = savedFiles(r);
    expect(saved.get('exp_spawn.graphml')?.rows).toBeGreaterThanOrEqual(2);
    for (const file of ['exp_spawn.graphml', 'exp_spawn.html']) {
      const text = fs.readFileSync(saved.get(file)!.file, 'utf8');
      expect(text).toContain('cat [35968]');
      expect(text).toContain('bash [35957]');
    }
    expect(shown(r, 'conns').rows).toEqual([['172.17.0.3', 42188, '172.17.0.1', 4444, ['tcp']]]);
    expect(columnOf(r, 'tagged', 'name')).toEqual(['bash', 'cat']);
    expect(columnOf(r, 'tagged', 'created')).toEqual(['2023-05-10T07:59:48.015Z', '2023-05-10T07:59:58.144Z']);
    expect(columnOf(r, 'tagged', 'x_ttp_rules')).toEqual([
      ['Shell started by CGI entry point', 'Suspicious process spawned'],
      ['Account Discovery: Local Account', 'Untrusted read sensitive file'],
    ]);
  });

  it('lists what the published policy cannot evaluate as written', async () => {
    const policy = await loadTtpPolicy(path.join(__dirname, 'data', 'policies'));
    const items = unsupportedConstructs(policy).map((u) => `${u.rule} | ${u.construct}`);
    expect(items).toEqual(expect.arrayContaining([
      'Command and Scripting Interpreter | attribute sf.file.typechar',
      'Command and Scripting Interpreter | attribute sf.net.mask',
      'Command and Scripting Interpreter | sf.net.proto = udp',
      'Suspicious process spawned | list pkg_mgmt_binaries',
      'Unauthorized installer detected | list java_package_installer',
      'Untrusted read sensitive file | list passwd_binaries',
      'Create files below dev | list dev_creation_binaries',
      'Non sudo setuid | attribute sf.proc.username',
      'Process Discovery | attribute sf-process.args',
      'Indicator Removal on Host: Clear Linux or Mac System Logs | attribute srf.proc.name',
      'Scheduled Task/Job At | attribute sf.poc.name',
      'Remote File Copy | attribute sf.prog.args',
    ]));
    expect(items.filter((i) => i.startsWith('Shell started by'))).toEqual([]);
    expect(policy.rules).toHaveLength(54);
  });
});
