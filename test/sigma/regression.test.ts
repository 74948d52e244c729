/**
 * SigmaHQ's own regression tests: each rule must detect the real event log recorded for it. 98 of the 99
 * samples are Windows event logs, each read both as its .evtx file and as its evtx_dump JSON export; the
 * 99th is a Cisco syslog line, whose rule is refused as a logsource that is no Windows event log.
 */
import * as fs from 'node:fs';
import { evtxRecords } from '../../connectors/evtx/evtx-file';
import { jsonDocuments } from '../../connectors/evtx/json-documents';
import { parseRule } from '../../src/sigma/parse-rule';
import { RuleSet } from '../../src/sigma/rule-set';
import { regressionSamples } from './regression-samples';

const samples = regressionSamples();
/** Samples whose rule hits more events than SigmaHQ's match_count says: each extra event does hold what the rule asks. */
const MORE_THAN_COUNTED: Record<string, string> = {
  'rules/windows/file/file_event/file_event_win_anydesk_artefact': 'three events create \\AnyDesk\\user.conf.new or user.conf~…TMP, each containing \\AppData\\Roaming\\AnyDesk\\user.conf',
  'rules/windows/file/file_event/file_event_win_cred_dump_tools_dropped_files': 'procdump.exe, procdump64.exe and procdump64a.exe are all dropped, and each ends in a name the rule lists',
  'rules/windows/registry/registry_set/registry_set_disable_administrative_share': 'both events set AutoShareWks/AutoShareServer to 0',
};

function hits(rules: RuleSet, file: string): number {
  let n = 0;
  for (const { doc } of jsonDocuments(fs.readFileSync(file, 'utf8'))) if (doc && rules.match(doc).length) n++;
  return n;
}

describe('SigmaHQ regression samples (evtx JSON)', () => {
  it('has the 99 samples, each with its rule', () => {
    expect(samples).toHaveLength(99);
    expect(samples.filter((s) => !s.rule)).toEqual([]);
  });

  const windows = samples.filter((s) => s.json);
  it.each(windows.map((s) => [s.dir, s] as const))('%s is detected', (_, s) => {
    const rules = RuleSet.of([parseRule(fs.readFileSync(s.rule!, 'utf8'), s.rule)]);
    const n = hits(rules, s.json!);
    expect(n).toBeGreaterThan(0);
    if (s.matchCount !== undefined && !MORE_THAN_COUNTED[s.dir]) expect(n).toBe(s.matchCount);
  });

  it.each(windows.map((s) => [s.dir, s] as const))('%s is detected in its .evtx file', (_, s) => {
    const rules = RuleSet.of([parseRule(fs.readFileSync(s.rule!, 'utf8'), s.rule)]);
    const n = [...evtxRecords(fs.readFileSync(s.evtx!))].filter((r) => r.doc && rules.match(r.doc).length).length;
    expect(n).toBe(hits(rules, s.json!));
  });

  it('detects all 98 Windows samples', () => {
    expect(windows).toHaveLength(98);
  });

  it('refuses the Cisco sample\'s rule, naming its logsource', () => {
    const cisco = samples.find((s) => !s.json)!;
    expect(cisco.dir).toBe('rules/cisco/aaa/cisco_cli_dot1x_disabled');
    expect(() => RuleSet.of([parseRule(fs.readFileSync(cisco.rule!, 'utf8'), cisco.rule)])).toThrow(expect.objectContaining({ code: 'E_SIGMA_UNSUPPORTED', construct: 'logsource product cisco' }));
  });
});
