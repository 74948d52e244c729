import { readdir, readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { KestrelError } from '../../src/model/errors';
import { parseCondition, type CompareOp, type Condition } from './policy-condition';
import { FIELDS, type FieldValue, type PolicyInput } from './policy-fields';
import { mergeEntries, parsePolicyEntries, trimQuotes, type PolicyEntries } from './policy-yaml';

/** A piece of a rule that does not mean what it says, and what the evaluator does with it instead. */
export interface UnsupportedConstruct {
  rule: string;
  construct: string;
  reason: string;
}

interface CompiledRule {
  name: string;
  tags: string[];
  test: (input: PolicyInput) => boolean;
}

/** An sf-processor TTP policy, compiled once: its rules and what in them cannot be evaluated as written. */
export interface TtpPolicy {
  file: string;
  rules: CompiledRule[];
  unsupported: UnsupportedConstruct[];
}

type Test = (input: PolicyInput) => boolean;
type Note = Omit<UnsupportedConstruct, 'rule'>;
interface Compiled {
  test: Test;
  notes: Note[];
}

const LISTSEP = ',';
const NEVER: Test = () => false;
const NO_RECORD: PolicyInput = { type: '', record: {}, ancestors: [] };

const STRING_OPS: Record<string, (a: string, b: string) => boolean> = {
  '=': (a, b) => a === b,
  '!=': (a, b) => a !== b,
  contains: (a, b) => a.includes(b),
  icontains: (a, b) => a.toLowerCase().includes(b.toLowerCase()),
  startswith: (a, b) => a.startsWith(b),
  endswith: (a, b) => a.endsWith(b),
};
const INT_OPS: Record<string, (a: number, b: number) => boolean> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};

/**
 * Loads a policy file, or every `.yaml` / `.yml` file of a directory in name order (sf-processor reads a
 * directory of policies; lists, macros and rules of all files see each other).
 */
export async function loadTtpPolicy(location: string): Promise<TtpPolicy> {
  const unreadable = (e: unknown) => {
    const code = (e as NodeJS.ErrnoException).code;
    return new KestrelError('E_DATA_SOURCE', `${location}: TTP policy ${code === 'ENOENT' ? 'not found' : `cannot be read (${code})`}`, {
      file: location,
      hint: 'check ?policy= in the URI or KESTREL_SYSFLOW_POLICY; relative paths resolve against the huntflow folder',
    });
  };
  let files: string[];
  try {
    files = (await stat(location)).isDirectory()
      ? (await readdir(location)).filter((f) => /\.ya?ml$/i.test(f)).sort().map((f) => path.join(location, f))
      : [location];
  } catch (e) {
    throw unreadable(e);
  }
  const parts: PolicyEntries[] = [];
  for (const f of files) {
    let text: string;
    try {
      text = await readFile(f, 'utf8');
    } catch (e) {
      throw unreadable(e);
    }
    parts.push(parsePolicyEntries(text, f));
  }
  return new PolicyCompiler(mergeEntries(parts), location).policy();
}

/** Compiles the text of one policy file; `file` names it in errors. */
export function compilePolicy(text: string, file: string): TtpPolicy {
  return new PolicyCompiler(parsePolicyEntries(text, file), file).policy();
}

/** The rules a record matches, and their tags (as the policy writes them, e.g. `mitre:T1059`), in policy order. */
export function matchRules(policy: TtpPolicy, input: PolicyInput): { rules: string[]; tags: string[] } {
  const rules: string[] = [];
  const tags = new Set<string>();
  for (const r of policy.rules) {
    if (!r.test(input)) continue;
    rules.push(r.name);
    for (const t of r.tags) tags.add(t);
  }
  return { rules, tags: [...tags] };
}

/**
 * What in the policy cannot be evaluated as written, one entry per rule and construct: names that are not
 * SysFlow attributes (compared as their own text, as sf-processor does), list names that no list defines
 * (taken as literal values, as sf-processor does), references to missing macros (false), and conditions
 * that do not parse (the rule never matches).
 */
export function unsupportedConstructs(policy: TtpPolicy): UnsupportedConstruct[] {
  return policy.unsupported;
}

class PolicyCompiler {
  private readonly macros = new Map<string, Compiled | 'compiling'>();
  private readonly listSuffixes: Set<string>;

  constructor(private readonly entries: PolicyEntries, private readonly file: string) {
    this.listSuffixes = new Set([...entries.lists.keys()].map((n) => n.slice(n.lastIndexOf('_') + 1)));
  }

  policy(): TtpPolicy {
    const rules: CompiledRule[] = [];
    const unsupported: UnsupportedConstruct[] = [];
    for (const r of this.entries.rules) {
      let compiled: Compiled;
      try {
        compiled = this.compile(parseCondition(r.condition));
      } catch (e) {
        compiled = { test: NEVER, notes: [{ construct: 'condition', reason: `cannot be parsed (${(e as Error).message}): the rule never matches` }] };
      }
      rules.push({ name: r.name, tags: r.tags, test: compiled.test });
      const seen = new Set<string>();
      for (const n of compiled.notes) {
        if (seen.has(n.construct)) continue;
        seen.add(n.construct);
        unsupported.push({ rule: r.name, ...n });
      }
    }
    return { file: this.file, rules, unsupported };
  }

  private compile(c: Condition): Compiled {
    switch (c.kind) {
      case 'and':
      case 'or': {
        const parts = c.items.map((x) => this.compile(x));
        const tests = parts.map((p) => p.test);
        const test: Test = c.kind === 'and' ? (i) => tests.every((t) => t(i)) : (i) => tests.some((t) => t(i));
        return { test, notes: parts.flatMap((p) => p.notes) };
      }
      case 'not': {
        const inner = this.compile(c.item);
        return { test: (i) => !inner.test(i), notes: inner.notes };
      }
      case 'ref':
        return this.macro(c.name);
      case 'exists': {
        const v = this.operand(c.attr);
        return { test: (i) => { const x = v(i); return typeof x === 'number' ? x !== 0 : x !== ''; }, notes: this.attrNotes(c.attr) };
      }
      case 'compare':
        return { test: this.comparison(c.op, c.left, c.right), notes: [...this.attrNotes(c.left), ...this.typeNotes(c.op, c.left, c.right)] };
      case 'list': {
        const { items, notes } = this.expand(c.items);
        const values = items.flatMap((x) => x.split(LISTSEP));
        const left = this.parts(c.left);
        const set = new Set(values);
        const test: Test = c.op === 'in'
          ? (i) => left(i).some((a) => set.has(a))
          : (i) => left(i).some((a) => values.some((b) => a.includes(b)));
        return { test, notes: [...this.attrNotes(c.left), ...notes] };
      }
    }
  }

  private macro(name: string): Compiled {
    const known = this.macros.get(name);
    if (known === 'compiling') return { test: NEVER, notes: [{ construct: `macro ${name}`, reason: 'refers to itself: false' }] };
    if (known) return known;
    const text = this.entries.macros.get(name);
    if (text === undefined) return { test: NEVER, notes: [{ construct: `macro ${name}`, reason: 'no macro of that name: false, as in sf-processor' }] };
    this.macros.set(name, 'compiling');
    let compiled: Compiled;
    try {
      compiled = this.compile(parseCondition(text));
    } catch (e) {
      compiled = { test: NEVER, notes: [{ construct: `macro ${name}`, reason: `cannot be parsed (${(e as Error).message}): false` }] };
    }
    this.macros.set(name, compiled);
    return compiled;
  }

  private comparison(op: CompareOp, left: string, right: string): Test {
    const l = this.operand(left);
    const r = this.operand(right);
    if (op in INT_OPS) {
      const f = INT_OPS[op];
      return (i) => f(asInt(l(i), left), asInt(r(i), right));
    }
    const f = STRING_OPS[op];
    const lp = this.parts(left);
    const rp = this.parts(right);
    return (i) => {
      const bs = rp(i);
      return lp(i).some((a) => bs.some((b) => f(a, b)));
    };
  }

  /** An operand as sf-processor compares text: its value split at commas (any part may match). */
  private parts(text: string): (i: PolicyInput) => readonly string[] {
    const field = FIELDS.get(text);
    if (field) return (i) => fieldParts(i, text, field);
    const literal = trimQuotes(text).split(LISTSEP);
    return () => literal;
  }

  /** An attribute's value, or the text itself for anything that is not an attribute (sf-processor's rule). */
  private operand(text: string): (i: PolicyInput) => FieldValue {
    const field = FIELDS.get(text);
    if (field) return field;
    const literal = trimQuotes(text);
    return () => literal;
  }

  private attrNotes(attr: string): Note[] {
    if (FIELDS.has(attr)) return [];
    return [{ construct: `attribute ${attr}`, reason: `not a SysFlow attribute: compared as the text "${attr}" itself, as sf-processor does` }];
  }

  /** A number attribute compared as text with a value that is not a number is never equal to it. */
  private typeNotes(op: CompareOp, left: string, right: string): Note[] {
    const field = FIELDS.get(left);
    if (!field || op in INT_OPS || FIELDS.has(right) || /^-?\d+$/.test(right) || typeof field(NO_RECORD) !== 'number') return [];
    return [{ construct: `${left} ${op} ${right}`, reason: `${left} is a number and ${right} is not: compared as text, as sf-processor does, the two are never equal` }];
  }

  /** List items with list names replaced by their items, recursively (sf-processor's reduceList). */
  private expand(items: readonly string[], seen: ReadonlySet<string> = new Set()): { items: string[]; notes: Note[] } {
    const out: string[] = [];
    const notes: Note[] = [];
    for (const item of items) {
      const list = this.entries.lists.get(item);
      if (list && !seen.has(item)) {
        const inner = this.expand(list, new Set([...seen, item]));
        out.push(...inner.items);
        notes.push(...inner.notes);
        continue;
      }
      out.push(trimQuotes(item));
      if (seen.size === 0 && this.entries.macros.has(item)) {
        notes.push({ construct: `list ${item}`, reason: 'a macro where a list is expected: taken as the literal value, as sf-processor does' });
      } else if (/^[a-z][a-z0-9]*(_[a-z0-9]+)+$/.test(item) && this.listSuffixes.has(item.slice(item.lastIndexOf('_') + 1))) {
        notes.push({ construct: `list ${item}`, reason: 'no list of that name: taken as the literal value, as sf-processor does' });
      }
    }
    return { items: out, notes };
  }
}

const fieldCache = new WeakMap<PolicyInput, Map<string, readonly string[]>>();

/** A field of one record as text parts, computed once however many rules read it. */
function fieldParts(input: PolicyInput, name: string, get: (i: PolicyInput) => FieldValue): readonly string[] {
  let cache = fieldCache.get(input);
  if (!cache) fieldCache.set(input, (cache = new Map()));
  let v = cache.get(name);
  if (v === undefined) cache.set(name, (v = String(get(input)).split(LISTSEP)));
  return v;
}

/** sf-processor's integer view of an operand: an integer attribute, else the operand's text as an integer, else 0. */
function asInt(v: FieldValue, text: string): number {
  if (typeof v === 'number') return v;
  return /^-?\d+$/.test(text) ? Number(text) : 0;
}
