/**
 * Every SigmaHQ rule compiles or is refused with a named construct. Runs on the full rule folders in
 * ../shared/data/sigma when they are there (the clone ships only a subset, in test/fixtures/sigma).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readRules } from '../../src/sigma/read-rules';
import { FIXTURES } from './regression-samples';

const SHARED = path.join(__dirname, '..', '..', '..', 'shared', 'data', 'sigma');
const haveShared = fs.existsSync(path.join(SHARED, 'rules', 'windows'));
if (!haveShared) process.stderr.write(`rule-folders: the full SigmaHQ rule set is not at ${SHARED}; only the fixture rules are compiled\n`);

function tally(refused: { construct: string }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of refused) out[r.construct] = (out[r.construct] ?? 0) + 1;
  return out;
}

describe('compiling SigmaHQ rule folders', () => {
  it('compiles every fixture rule', () => {
    const { rules, refused } = readRules([path.join(FIXTURES, 'rules', 'windows'), path.join(FIXTURES, 'rules-emerging-threats')]);
    expect(refused).toEqual([]);
    expect(rules).toHaveLength(100);
  });

  (haveShared ? it : it.skip)('rules/windows: 2,399 compile, 8 are refused for logsources with no event log', () => {
    const { rules, refused } = readRules([path.join(SHARED, 'rules', 'windows')]);
    expect(rules.length).toBe(2399);
    expect(tally(refused)).toEqual({ 'logsource category file_access': 7, 'logsource category file_rename': 1 });
  });

  (haveShared ? it : it.skip)('every rule of the three folders compiles or names what it is refused for', () => {
    const { rules, refused } = readRules(['rules', 'rules-emerging-threats', 'rules-threat-hunting'].map((f) => path.join(SHARED, f)));
    expect(rules.length + refused.length).toBe(3754);
    expect(rules.length).toBe(2841);
    for (const r of refused) expect(r.code === 'E_SIGMA_UNSUPPORTED' && r.construct.length > 0).toBe(true);
  });
});
