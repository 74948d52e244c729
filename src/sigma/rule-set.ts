import { compileRule, type CompiledRule, type CompiledTarget } from './compile-rule';
import { eventFormat, eventView } from './event-views';
import type { EventFormat } from './field-names';
import type { SigmaRule } from './rule';

export interface RuleHit {
  rule: SigmaRule;
  target: CompiledTarget;
}

interface Entry {
  rule: CompiledRule;
  target: CompiledTarget;
}

/**
 * Compiled rules indexed by channel and event id (Hayabusa's and Chainsaw's layout): an event meets only the
 * rules whose logsource can hold it. Compile once, then `match` each event.
 */
export class RuleSet {
  private readonly index = new Map<string, Entry[]>();
  readonly rules: CompiledRule[] = [];

  constructor(rules: readonly CompiledRule[] = []) {
    for (const r of rules) this.add(r);
  }

  static of(rules: readonly SigmaRule[]): RuleSet {
    return new RuleSet(rules.map(compileRule));
  }

  add(rule: CompiledRule): void {
    this.rules.push(rule);
    for (const target of rule.targets) {
      for (const channel of target.target.channels) {
        for (const id of target.target.eventIds ?? ['*']) {
          const key = keyOf(channel, id);
          let list = this.index.get(key);
          if (!list) this.index.set(key, (list = []));
          list.push({ rule, target });
        }
      }
    }
  }

  /** The rules an event document hits (one hit per rule: the first of its targets that matches). */
  match(doc: Record<string, unknown>, format: EventFormat = eventFormat(doc)): RuleHit[] {
    const view = eventView(doc, format);
    const channel = String(view.get('Channel') ?? '');
    const id = String(view.get('EventID') ?? '');
    const hits: RuleHit[] = [];
    const seen = new Set<CompiledRule>();
    for (const key of [keyOf(channel, id), keyOf(channel, '*'), keyOf('*', '*')]) {
      for (const e of this.index.get(key) ?? []) {
        if (seen.has(e.rule) || !e.target.test(view)) continue;
        seen.add(e.rule);
        hits.push({ rule: e.rule.rule, target: e.target });
      }
    }
    return hits;
  }

  /** How many (rule, target) pairs an event of this channel and id meets: for benchmarks and EXPLAIN. */
  candidates(channel: string, eventId: string | number): number {
    return [keyOf(channel, eventId), keyOf(channel, '*'), keyOf('*', '*')].reduce((n, k) => n + (this.index.get(k)?.length ?? 0), 0);
  }
}

function keyOf(channel: string, id: string | number): string {
  return `${channel.toLowerCase()}\u0000${id}`;
}
