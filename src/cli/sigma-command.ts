import { eventFormat } from '../sigma/event-views';
import { readRules, type RuleRefusal } from '../sigma/read-rules';
import { levelRank } from '../sigma/rule';
import { RuleSet } from '../sigma/rule-set';
import { logDocuments } from '../../connectors/evtx/log-documents';
import { flatEvent } from '../../connectors/evtx';
import { mapDocument } from '../../connectors/event-logs';
import { isKestrelError } from '../model/errors';
import type { AttrValue } from '../model/observation';
import { formatTable, terminalWidth } from './format-table';
import { formatError } from './format-text';

export interface SigmaOptions {
  on: string[];
  json?: boolean;
  wide?: boolean;
}

interface RuleResult {
  id: string | null;
  title: string;
  level: string | null;
  file: string;
  matches: number;
  first?: string;
  last?: string;
  hosts: Set<string>;
  entities: Map<string, { type: string; attrs: Record<string, AttrValue> }>;
}

const ENTITY_TYPES = new Set(['process', 'file', 'network-traffic', 'ipv4-addr', 'ipv6-addr', 'domain-name', 'windows-registry-key', 'user-account']);

/**
 * `kestrel sigma RULE_OR_FOLDER... --on SOURCE...`: compiles the rules once, reads each source's events once,
 * and gives each event to the rules its channel and event id can meet. Prints a table (or one JSON document)
 * of the rules that hit, and the rules that could not be compiled with why.
 */
export async function sigmaCommand(rulePaths: string[], opts: SigmaOptions, out: NodeJS.WriteStream = process.stdout): Promise<number> {
  const errors: { code: string; message: string; file?: string; construct?: string }[] = [];
  const warnings: string[] = [];
  let loaded: ReturnType<typeof readRules>;
  try {
    loaded = readRules(rulePaths);
  } catch (e) {
    if (!isKestrelError(e)) throw e;
    return report(out, opts, [], [{ code: e.code, message: e.message, ...(e.file && { file: e.file }) }], 0, 0, warnings);
  }
  for (const r of loaded.refused) errors.push(refusalError(r));
  const set = new RuleSet(loaded.rules);
  const results = new Map<string, RuleResult>();
  let events = 0;
  for (const source of opts.on) {
    try {
      for await (const e of logDocuments(source, process.cwd(), (w) => warnings.push(w))) {
        events++;
        const format = eventFormat(e.doc);
        const hits = set.match(e.doc, format);
        if (!hits.length) continue;
        const flat = format === 'evtx' ? flatEvent(e.doc) : e.doc;
        const observation = mapDocument(flat, format === 'ecs' ? 'ecs' : 'otrf', e.source, e.position);
        const host = observation.objects.find((o) => o.type === 'x-oca-asset')?.attrs.hostname;
        const time = observation.firstObserved;
        for (const h of hits) {
          const key = h.rule.file ?? h.rule.title;
          let r = results.get(key);
          if (!r) results.set(key, (r = { id: h.rule.id ?? null, title: h.rule.title, level: h.rule.level ?? null, file: key, matches: 0, hosts: new Set(), entities: new Map() }));
          r.matches++;
          if (typeof host === 'string') r.hosts.add(host);
          if (time && (!r.first || time < r.first)) r.first = time;
          if (time && (!r.last || time > r.last)) r.last = time;
          for (const o of observation.objects) {
            if (!ENTITY_TYPES.has(o.type)) continue;
            const k = `${o.type}\u0000${JSON.stringify(o.attrs)}`;
            if (!r.entities.has(k)) r.entities.set(k, { type: o.type, attrs: o.attrs });
          }
        }
      }
    } catch (e) {
      if (!isKestrelError(e)) throw e;
      errors.push({ code: e.code, message: e.message, ...(e.file && { file: e.file }) });
    }
  }
  const sorted = [...results.values()].sort((a, b) => levelRank(a.level) - levelRank(b.level) || b.matches - a.matches || a.title.localeCompare(b.title));
  return report(out, opts, sorted, errors, loaded.rules.length, events, warnings);
}

function refusalError(r: RuleRefusal) {
  return { code: r.code, message: r.message, file: r.file, construct: r.construct };
}

function report(out: NodeJS.WriteStream, opts: SigmaOptions, rules: RuleResult[], errors: { code: string; message: string; file?: string }[], compiled: number, events: number, warnings: string[]): number {
  const failed = errors.some((e) => e.code !== 'E_SIGMA_UNSUPPORTED' && e.code !== 'E_SIGMA_RULE');
  if (opts.json) {
    const doc = {
      rules: rules.map((r) => ({ id: r.id, title: r.title, level: r.level, file: r.file, matches: r.matches, first: r.first ?? null, last: r.last ?? null, hosts: [...r.hosts].sort(), entities: [...r.entities.values()] })),
      compiled,
      events,
      errors,
      warnings,
    };
    out.write(`${JSON.stringify(doc, null, 2)}\n`);
    return failed ? 1 : 0;
  }
  const width = opts.wide ? Infinity : terminalWidth(out);
  if (rules.length) {
    const rows = rules.map((r) => [r.title, r.level ?? '', r.matches, r.first ?? '', r.last ?? '', [...r.hosts].sort().join(', ')]);
    out.write(`${formatTable(['RULE', 'LEVEL', 'MATCHES', 'FIRST', 'LAST', 'HOSTS'], rows, { width })}\n`);
  } else {
    out.write('no rule matched\n');
  }
  const refused = errors.filter((e) => e.code === 'E_SIGMA_UNSUPPORTED' || e.code === 'E_SIGMA_RULE');
  out.write(`\n${compiled} rule${compiled === 1 ? '' : 's'} compiled, ${refused.length} refused; ${events} event${events === 1 ? '' : 's'} scanned, ${rules.length} rule${rules.length === 1 ? '' : 's'} matched\n`);
  for (const e of refused) process.stderr.write(`refused ${e.file}: ${e.message}\n`);
  for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
  for (const e of errors.filter((x) => !refused.includes(x))) process.stderr.write(`${formatError({ ...e, hint: '' })}\n`);
  return failed ? 1 : 0;
}
