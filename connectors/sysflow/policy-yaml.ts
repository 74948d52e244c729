import { parse } from 'yaml';
import { KestrelError } from '../../src/model/errors';

export interface RuleEntry {
  name: string;
  condition: string;
  tags: string[];
}

/** The lists, macros and enabled rules of a policy file, in file order. */
export interface PolicyEntries {
  lists: Map<string, string[]>;
  macros: Map<string, string>;
  rules: RuleEntry[];
}

/** A top-level entry starts at column 0, or 1: sf-lab's ttps.yaml indents a few entries by one space. */
const ENTRY_START = /^ ?- +(\w+) *:(.*)$/;
const COMMENT = /^\s*#/;
const POLICY_HINT = 'a SysFlow policy is a YAML list of - list, - macro and - rule entries (sf-processor policy syntax)';

/** sf-processor drops one pair of quotes around list items and tags (`'"(systemd)"'` is `(systemd)`). */
export function trimQuotes(s: string): string {
  return s.length >= 2 && (s[0] === '"' || s[0] === "'") && s[s.length - 1] === s[0] ? s.slice(1, -1) : s;
}

/**
 * Reads each entry on its own, so that an entry indented one column off (not valid YAML as a whole file, but
 * accepted by the sf-lab notebooks' loader) is read like the others, and takes the entry's name as written
 * up to the end of its line (`- rule: Account Discovery: Local Account` is not valid YAML either).
 * Throws E_BAD_INPUT_FILE at the entry's line.
 */
export function parsePolicyEntries(text: string, file: string): PolicyEntries {
  const entries: PolicyEntries = { lists: new Map(), macros: new Map(), rules: [] };
  for (const { line, kind, name, body } of chunks(text, file)) {
    let fields: unknown;
    try {
      fields = parse(body) ?? {};
    } catch (e) {
      throw new KestrelError('E_BAD_INPUT_FILE', `${file}:${line}: not a policy entry: ${(e as Error).message.split('\n')[0]}`, { file, line, hint: POLICY_HINT });
    }
    addEntry(entries, kind, name, fields as Record<string, unknown>, file, line);
  }
  return entries;
}

function chunks(text: string, file: string): { line: number; kind: string; name: string; body: string }[] {
  const out: { line: number; kind: string; name: string; lines: string[] }[] = [];
  text.split(/\r?\n/).forEach((l, i) => {
    if (COMMENT.test(l)) return;
    const start = ENTRY_START.exec(l);
    if (start) out.push({ line: i + 1, kind: start[1], name: trimQuotes(start[2].trim()), lines: [] });
    else if (out.length > 0) out[out.length - 1].lines.push(l);
    else if (l.trim() !== '') throw new KestrelError('E_BAD_INPUT_FILE', `${file}:${i + 1}: expected a - list, - macro or - rule entry`, { file, line: i + 1, hint: POLICY_HINT });
  });
  return out.map(({ line, kind, name, lines }) => {
    const indents = lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length);
    const cut = indents.length ? Math.min(...indents) : 0;
    return { line, kind, name, body: lines.map((l) => l.slice(cut)).join('\n') };
  });
}

function addEntry(entries: PolicyEntries, kind: string, name: string, e: Record<string, unknown>, file: string, line: number): void {
  const bad = (what: string) => new KestrelError('E_BAD_INPUT_FILE', `${file}:${line}: ${what}`, { file, line, hint: POLICY_HINT });
  if (kind === 'list') {
    if (!Array.isArray(e.items)) throw bad(`list ${name} has no items`);
    entries.lists.set(name, e.items.map((i) => trimQuotes(String(i))));
  } else if (kind === 'macro') {
    if (typeof e.condition !== 'string') throw bad(`macro ${name} has no condition`);
    entries.macros.set(name, e.condition);
  } else if (kind === 'rule') {
    if (typeof e.condition !== 'string') throw bad(`rule ${name} has no condition`);
    if (e.enabled === false) return;
    const tags = Array.isArray(e.tags) ? e.tags.map((t) => trimQuotes(String(t))) : [];
    entries.rules.push({ name, condition: e.condition, tags });
  } else {
    throw bad(`expected a list, macro or rule entry, not ${kind}`);
  }
}

/** Several files as one policy: a later list or macro of the same name replaces an earlier one. */
export function mergeEntries(parts: readonly PolicyEntries[]): PolicyEntries {
  return {
    lists: new Map(parts.flatMap((p) => [...p.lists])),
    macros: new Map(parts.flatMap((p) => [...p.macros])),
    rules: parts.flatMap((p) => p.rules),
  };
}
