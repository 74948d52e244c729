import * as fs from 'node:fs';
import * as path from 'node:path';
import { isKestrelError, KestrelError } from '../model/errors';
import { compileRule, type CompiledRule } from './compile-rule';
import { parseRule } from './parse-rule';
import { constructOf } from './sigma-error';

export interface RuleRefusal {
  file: string;
  code: string;
  /** The construct that could not be compiled (`aggregation`, `logsource product linux`), or the code. */
  construct: string;
  message: string;
}

export interface LoadedRules {
  rules: CompiledRule[];
  refused: RuleRefusal[];
}

/**
 * Sigma rules from files and folders (every `.yml`/`.yaml` below a folder, in path order), each compiled;
 * a rule that does not compile is listed with its reason and the others go on. A path that does not exist
 * is E_DATA_SOURCE.
 */
export function readRules(paths: readonly string[], baseDir = process.cwd()): LoadedRules {
  const out: LoadedRules = { rules: [], refused: [] };
  for (const p of paths) {
    const full = path.resolve(baseDir, p);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(full);
    } catch {
      throw new KestrelError('E_DATA_SOURCE', `no Sigma rule file or folder ${p}`, { file: full, hint: 'give a .yml rule or a folder of them' });
    }
    for (const file of stat.isDirectory() ? ruleFiles(full) : [full]) {
      try {
        out.rules.push(compileRule(parseRule(fs.readFileSync(file, 'utf8'), file)));
      } catch (e) {
        if (!isKestrelError(e)) throw e;
        out.refused.push({ file, code: e.code, construct: constructOf(e), message: e.message });
      }
    }
  }
  return out;
}

function ruleFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((e) => {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) return ruleFiles(full);
      return /\.ya?ml$/i.test(e.name) ? [full] : [];
    });
}
