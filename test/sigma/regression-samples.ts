import * as fs from 'node:fs';
import * as path from 'node:path';

export const FIXTURES = path.join(__dirname, '..', 'fixtures', 'sigma');

export interface RegressionSample {
  dir: string;
  ruleId: string;
  title: string;
  /** SigmaHQ's expected match count, when its info.yml gives one. */
  matchCount?: number;
  json?: string;
  evtx?: string;
  rule?: string;
}

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** SigmaHQ's regression samples in the fixtures, each with its rule file. */
export function regressionSamples(): RegressionSample[] {
  const rules = new Map<string, string>();
  for (const folder of ['rules', 'rules-emerging-threats']) {
    for (const f of files(path.join(FIXTURES, folder))) {
      const id = /^id:\s*(\S+)/m.exec(fs.readFileSync(f, 'utf8'))?.[1];
      if (id) rules.set(id, f);
    }
  }
  return files(path.join(FIXTURES, 'regression'))
    .filter((f) => path.basename(f) === 'info.yml')
    .sort()
    .map((info) => {
      const dir = path.dirname(info);
      const text = fs.readFileSync(info, 'utf8');
      const ruleId = /rule_metadata:\s*\n\s*- id:\s*(\S+)/.exec(text)![1];
      const count = /^\s+match_count:\s*(\d+)/m.exec(text)?.[1];
      const own = (ext: string) => fs.readdirSync(dir).find((f) => f.endsWith(ext));
      return {
        dir: path.relative(path.join(FIXTURES, 'regression'), dir),
        ruleId,
        title: /title:\s*(.*)/.exec(text)![1].trim(),
        ...(count !== undefined && { matchCount: Number(count) }),
        ...(own('.json') && { json: path.join(dir, own('.json')!) }),
        ...(own('.evtx') && { evtx: path.join(dir, own('.evtx')!) }),
        ...(rules.has(ruleId) && { rule: rules.get(ruleId) }),
      };
    });
}
