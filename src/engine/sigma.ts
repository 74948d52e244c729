import * as path from 'node:path';
import { recordId } from '../../connectors/event-logs';
import { logDocuments } from '../../connectors/evtx/log-documents';
import type { GraphStore } from '../../graph/graph-store';
import type { Huntflow, Where } from '../lang/ast';
import { excerpt } from '../lang/excerpt';
import { isKestrelError, KestrelError } from '../model/errors';
import type { AttrValue } from '../model/observation';
import { readRules } from '../sigma/read-rules';
import { levelRank } from '../sigma/rule';
import { RuleSet } from '../sigma/rule-set';

/** One rule that hit an entity, as `x_sigma` lists it. */
export type SigmaHit = { level: string | null; title: string; id: string | null };

/** The rules behind a SIGMA path: the file's folder joined with the path as written. */
export function sigmaKey(huntflowFile: string, rulePath: string): string {
  return path.resolve(path.dirname(path.resolve(huntflowFile)), rulePath);
}

/**
 * The rules of every SIGMA in a block's GETs, compiled before the block runs. A rule file that does not compile
 * fails the block at its path with the compiler's code and reason; in a folder such rules are left out, each
 * with a warning (as `kestrel sigma` does), and only a folder where none compiles fails.
 */
export function readSigma(flow: Huntflow, warn: (message: string) => void): Map<string, RuleSet> {
  const out = new Map<string, RuleSet>();
  const baseDir = path.dirname(path.resolve(flow.file));
  const walk = (w: Where): void => {
    if (w.kind === 'and' || w.kind === 'or') {
      walk(w.left);
      walk(w.right);
    }
    if (w.kind !== 'sigma') return;
    const at = (e: KestrelError) => Object.assign(e, { file: flow.file, line: w.pathLoc.line, column: w.pathLoc.column, excerpt: excerpt(flow.source, w.pathLoc.line, w.pathLoc.column) });
    // A rule in a folder by its path in the folder.
    const named = (file: string) => path.relative(path.resolve(baseDir, w.path), file) || w.path;
    let loaded: ReturnType<typeof readRules>;
    try {
      loaded = readRules([w.path], baseDir);
    } catch (e) {
      throw isKestrelError(e) ? at(e) : e;
    }
    if (!loaded.rules.length) {
      const [r] = loaded.refused;
      throw at(r ? new KestrelError(r.code, `${named(r.file)}: ${r.message}`, { file: r.file, hint: 'the only rule given was refused; `kestrel sigma RULE` shows what it compiles to' }) : new KestrelError('E_DATA_SOURCE', `no Sigma rule (.yml) under ${w.path}`, { hint: 'give a .yml rule or a folder that holds some (sigma/rules/windows, say)' }));
    }
    for (const r of loaded.refused) warn(`SIGMA '${w.path}': ${named(r.file)} left out: ${r.message}`);
    out.set(sigmaKey(flow.file, w.path), new RuleSet(loaded.rules));
  };
  for (const s of flow.statements) if (s.kind === 'get') walk(s.where);
  return out;
}

/** For each record of the sources whose event the rules match, the rules that hit it (the sources read as Windows event logs). */
export async function sigmaMatches(rules: RuleSet, uris: readonly string[], baseDir: string): Promise<Map<string, SigmaHit[]>> {
  const out = new Map<string, SigmaHit[]>();
  for (const uri of uris) {
    // The connector that loaded the source has told its warnings already.
    for await (const e of logDocuments(uri, baseDir)) {
      const hits = rules.match(e.doc);
      if (hits.length) out.set(recordId(e.source, e.position), hits.map((h) => ({ level: h.rule.level ?? null, title: h.rule.title, id: h.rule.id ?? null })));
    }
  }
  return out;
}

/** Adds to each entity's `x_sigma` the rules that hit the records mentioning it (earlier hits kept), by level. */
export async function markHits(store: GraphStore, ids: readonly string[], matches: ReadonlyMap<string, SigmaHit[]>): Promise<void> {
  const records = await store.recordsOf(ids, { records: new Set(matches.keys()) });
  const updates = new Map<string, Record<string, AttrValue>>();
  for (const e of await store.entities([...records.keys()])) {
    const hits = new Map<string, SigmaHit>();
    const earlier = Array.isArray(e.attrs.x_sigma) ? (e.attrs.x_sigma as SigmaHit[]) : [];
    for (const h of [...earlier, ...records.get(e.id)!.flatMap((r) => matches.get(r)!)]) hits.set(h.id ?? h.title, h);
    const sorted = [...hits.values()].sort((a, b) => levelRank(a.level) - levelRank(b.level) || a.title.localeCompare(b.title));
    updates.set(e.id, { x_sigma: sorted });
  }
  await store.setAttributes(updates);
}

/** EXPLAIN: each rule's condition as compiled, per logsource target, in the target's field names. */
export function sigmaText(rules: RuleSet): string {
  return rules.rules
    .flatMap((r) => r.targets.map((t) => `${r.rule.title} (${r.rule.level ?? 'no level'}) on ${t.target.label}: ${t.text}`))
    .join('\n      ');
}
