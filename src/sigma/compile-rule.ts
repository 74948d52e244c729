import { compileItem, type EventTest } from './compile-item';
import type { EventView } from './event-view';
import { CATEGORIES, SERVICES, type LogTarget } from './logsources';
import type { Condition, SigmaRule } from './rule';
import { unsupported } from './sigma-error';

/** One logsource target of a rule, with the rule's detection compiled for its field names. */
export interface CompiledTarget {
  target: LogTarget;
  test: EventTest;
  /** The condition with every selection spelled out, in the target's field names (EXPLAIN). */
  text: string;
}

export interface CompiledRule {
  rule: SigmaRule;
  targets: CompiledTarget[];
  /** Targets of the logsource this rule does not use, and why (fields the event does not have). */
  skipped: { label: string; reason: string }[];
}

const EVERY_EVENT: LogTarget = { label: 'every Windows event', channels: ['*'] };

/** The logsource as targets; a logsource with no Windows event-log meaning is refused, naming it. */
export function targetsOf(rule: SigmaRule): readonly LogTarget[] {
  const { product, category, service } = rule.logsource;
  if (product !== undefined && product !== 'windows') throw unsupported(`logsource product ${product}`, 'only Windows event logs are read', rule.file);
  if (category !== undefined && !CATEGORIES[category]) throw unsupported(`logsource category ${category}`, 'no Windows event-log channel and event id is known for it', rule.file);
  if (service !== undefined && !SERVICES[service]) throw unsupported(`logsource service ${service}`, 'no Windows event-log channel is known for it', rule.file);
  if (product === undefined && category === undefined && service === undefined) throw unsupported('logsource', 'a rule without product, category or service', rule.file);
  if (category === undefined && service === undefined) return [EVERY_EVENT];
  if (category === undefined) return [{ label: `channel ${SERVICES[service!].join(', ')}`, channels: SERVICES[service!] }];
  const targets = CATEGORIES[category];
  if (service === undefined) return targets;
  const wanted = new Set(SERVICES[service].map((c) => c.toLowerCase()));
  const narrowed = targets.flatMap((t) => {
    const channels = t.channels.filter((c) => wanted.has(c.toLowerCase()));
    return channels.length ? [{ ...t, channels }] : [];
  });
  if (!narrowed.length) throw unsupported(`logsource category ${category} with service ${service}`, 'the category has no event in that service\'s channels', rule.file);
  return narrowed;
}

/** The fields a rule reads (fieldref values included). */
export function fieldsOf(rule: SigmaRule): Set<string> {
  const out = new Set<string>();
  for (const s of rule.selections.values()) {
    for (const alt of s.alternatives) {
      for (const item of alt) {
        if (item.field !== null) out.add(item.field);
        if (item.modifiers.includes('fieldref')) for (const v of item.values) out.add(String(v));
      }
    }
  }
  return out;
}

/** A rule compiled once per logsource target; throws E_SIGMA_UNSUPPORTED when any part cannot be evaluated exactly. */
export function compileRule(rule: SigmaRule): CompiledRule {
  const fields = fieldsOf(rule);
  const targets: CompiledTarget[] = [];
  const skipped: CompiledRule['skipped'] = [];
  for (const target of targetsOf(rule)) {
    const missing = target.has ? [...fields].filter((f) => !target.has!.includes(f)) : [];
    if (missing.length) {
      skipped.push({ label: target.label, reason: `the event has no ${missing.join(', ')}` });
      continue;
    }
    targets.push({ target, ...compileDetection(rule, (f) => target.fields?.[f] ?? f) });
  }
  if (!targets.length) throw unsupported('fields', `no event of the logsource has ${skipped.map((s) => s.reason.replace('the event has no ', '')).join('; ')}`, rule.file);
  return { rule, targets, skipped };
}

function compileDetection(rule: SigmaRule, mapField: (f: string) => string): { test: EventTest; text: string } {
  const selections = new Map<string, { test: EventTest; text: string }>();
  for (const [name, sel] of rule.selections) {
    const alts = sel.alternatives.map((items) => {
      const compiled = items.map((item) => compileItem(item, item.field === null ? null : mapField(item.field), rule.file, mapField));
      const tests = compiled.map((c) => c.test);
      return { test: tests.length === 1 ? tests[0] : (ev: EventView) => tests.every((t) => t(ev)), text: compiled.map((c) => c.text).join(' and ') };
    });
    const tests = alts.map((a) => a.test);
    const text = alts.length === 1 ? alts[0].text : alts.map((a) => `(${a.text})`).join(' or ');
    selections.set(name, { test: tests.length === 1 ? tests[0] : (ev) => tests.some((t) => t(ev)), text: `${name}{${text}}` });
  }
  const walk = (c: Condition): { test: EventTest; text: string } => {
    switch (c.kind) {
      case 'ref':
        return selections.get(c.name)!;
      case 'not': {
        const inner = walk(c.item);
        return { test: (ev) => !inner.test(ev), text: `not ${inner.text}` };
      }
      case 'and':
      case 'or':
      case 'of': {
        const parts = c.kind === 'of' ? c.names.map((n) => selections.get(n)!) : c.items.map(walk);
        const tests = parts.map((p) => p.test);
        const every = c.kind === 'and' || (c.kind === 'of' && c.quantifier === 'all');
        const joined = `(${parts.map((p) => p.text).join(every ? ' and ' : ' or ')})`;
        return { test: every ? (ev) => tests.every((t) => t(ev)) : (ev) => tests.some((t) => t(ev)), text: c.kind === 'of' ? `${c.quantifier} of ${c.pattern} ${joined}` : joined };
      }
    }
  };
  return walk(rule.condition);
}
