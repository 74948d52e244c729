// suspicious-cmdline: scores process command lines with the rules in rules.json.
// Contract: ../README.md. No dependencies; runs in kestrel-ts's analytics worker or plain Node 20.
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const DEFAULT_RULES = fileURLToPath(new URL('./rules.json', import.meta.url));
const DEFAULT_THRESHOLD = 0.5;

/** Reads and checks a rules file; every problem names the rule. */
export function loadRules(file) {
  let doc;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`cannot read rules ${file}: ${e.message}`);
  }
  const list = Array.isArray(doc) ? doc : doc && doc.rules;
  if (!Array.isArray(list)) throw new Error(`rules ${file}: expected { "rules": [ … ] }`);
  return list.map((r, i) => {
    const name = r && typeof r.id === 'string' ? r.id : `#${i}`;
    if (!r || typeof r.id !== 'string') throw new Error(`rules ${file}: rule ${name} has no id`);
    if (!(typeof r.weight === 'number' && r.weight > 0 && r.weight <= 1)) {
      throw new Error(`rules ${file}: rule ${name} needs a weight in (0, 1]`);
    }
    if (!Array.isArray(r.techniques) || !r.techniques.every((t) => /^T\d{4}(\.\d{3})?$/.test(t))) {
      throw new Error(`rules ${file}: rule ${name} needs techniques, a list of MITRE ATT&CK ids like T1059.001`);
    }
    let regex;
    try {
      regex = new RegExp(r.pattern, 'i');
    } catch (e) {
      throw new Error(`rules ${file}: rule ${name} has an invalid pattern: ${e.message}`);
    }
    return { id: r.id, description: r.description ?? '', weight: r.weight, techniques: r.techniques, regex };
  });
}

/** What the rules see: cmd.exe escapes (^) and double quotes removed, whitespace collapsed. */
export function normalize(commandLine) {
  return commandLine.replace(/[\^"]/g, '').replace(/\s+/g, ' ').trim();
}

/** Scores one command line: 1 - prod(1 - weight) over the matching rules, rounded to 3 decimals. */
export function score(commandLine, rules) {
  const text = normalize(commandLine);
  const matched = rules.filter((r) => r.regex.test(text));
  const miss = matched.reduce((p, r) => p * (1 - r.weight), 1);
  const techniques = [...new Set(matched.flatMap((r) => r.techniques))].sort();
  return { score: Math.round((1 - miss) * 1000) / 1000, techniques, rules: matched.map((r) => r.id) };
}

function parseThreshold(raw) {
  if (raw === undefined || raw === '') return DEFAULT_THRESHOLD;
  const t = Number(raw);
  if (!Number.isFinite(t) || t < 0 || t > 1) throw new Error(`threshold must be a number from 0 to 1, got "${raw}"`);
  return t;
}

export default function suspiciousCmdline(inputs, params = {}, context = {}) {
  const threshold = parseThreshold(params.threshold ?? process.env.threshold);
  const rulesParam = params.rules ?? process.env.rules;
  const rulesFile = rulesParam
    ? (isAbsolute(rulesParam) ? rulesParam : resolve(context.baseDir ?? process.cwd(), rulesParam))
    : DEFAULT_RULES;
  const rules = loadRules(rulesFile);

  const flagged = [];
  const updates = inputs.map(({ variable, entityType, rows }) => {
    if (entityType !== 'process') {
      throw new Error(`suspicious-cmdline scores processes, but ${variable} holds ${entityType} entities`);
    }
    const out = [];
    for (const row of rows) {
      // A process without a command line is left unscored rather than scored 0.
      if (typeof row.command_line !== 'string' || row.command_line === '') continue;
      const s = score(row.command_line, rules);
      out.push({ id: row.id, x_suspicious_score: s.score, x_techniques: s.techniques, x_suspicious_rules: s.rules });
      if (s.score >= threshold) {
        flagged.push([variable, row.pid ?? null, row.name ?? null, s.score, s.techniques, row.command_line]);
      }
    }
    return out;
  });

  flagged.sort((a, b) => b[3] - a[3]);
  return {
    updates,
    display: { columns: ['variable', 'pid', 'name', 'x_suspicious_score', 'x_techniques', 'command_line'], rows: flagged },
  };
}
