import { fileHead } from '../file-head';
import type { EventFormat } from './mapping-files';

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** ECS when the document has an `ecs`, `event` or `winlog` object (nested or as dotted keys), else OTRF. */
export function formatOf(doc: Record<string, unknown>): EventFormat {
  if (isObject(doc.event) || isObject(doc.ecs) || isObject(doc.winlog)) return 'ecs';
  if (doc.EventID !== undefined || doc.EventId !== undefined) return 'otrf';
  for (const k in doc) if (k.startsWith('event.') || k.startsWith('ecs.') || k.startsWith('winlog.')) return 'ecs';
  return 'otrf';
}

/** Whether a parsed line looks like a log event of either format; why not otherwise. */
export function eventVerdict(doc: unknown): string | undefined {
  if (!isObject(doc)) return 'its first line is not a JSON object';
  if (doc.type === 'bundle') return 'it is a STIX bundle';
  if (doc.EventID !== undefined || doc.EventId !== undefined || isObject(doc.event) || isObject(doc.ecs) || isObject(doc.winlog)) return undefined;
  if ('event.code' in doc || 'ecs.version' in doc) return undefined;
  return 'its first line has no EventID, event, ecs or winlog field';
}

/** Judges the first non-blank line of a local file, plain or gzip; a reason when it is not an event log. */
export function sniffFile(filePath: string): string | undefined {
  const head = fileHead(filePath);
  if ('error' in head) return head.error;
  const text = head.text;
  if (/"type"\s*:\s*"bundle"/.test(text.slice(0, 4096))) return 'it is a STIX bundle';
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (t === '') continue;
    if (!t.startsWith('{')) return 'its first line is not a JSON object';
    try {
      return eventVerdict(JSON.parse(t));
    } catch {
      return 'its first line is not a complete JSON object (not JSON lines)';
    }
  }
  return 'it holds no JSON line';
}
