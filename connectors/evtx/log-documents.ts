import { KestrelError } from '../../src/model/errors';
import { eventLogConnector, readLines } from '../event-logs';
import { evtxConnector } from './index';
import { eventDocuments, pathOf, type EventDocument } from './evtx-documents';

/**
 * The raw event documents of a Windows event-log source, for rules that read fields the entity mapping does
 * not keep (Sigma): .evtx files, evtx JSON, folders of them (evtx JSON documents), and OTRF/ECS JSON lines
 * (their documents as they are). Malformed lines and records are skipped with a warning.
 */
export async function* logDocuments(uri: string, baseDir: string, onWarning: (message: string) => void = () => undefined): AsyncGenerator<EventDocument> {
  const ctx = { baseDir, onWarning };
  if (evtxConnector.canRead(uri, ctx).ok) {
    yield* eventDocuments(uri, baseDir, onWarning);
    return;
  }
  const lines = eventLogConnector.canRead(uri, ctx);
  if (!lines.ok) throw new KestrelError('E_DATA_SOURCE', `cannot read ${uri} as a Windows event log`, { file: uri, hint: `${evtxConnector.canRead(uri, ctx).ok ? '' : 'not .evtx or evtx JSON; '}${lines.reason}` });
  const file = pathOf(uri.replace(/^(?:ecs|otrf|sysmon):\/\//i, ''), baseDir);
  for await (const chunk of readLines(file)) {
    for (const line of chunk) {
      if (!line.text.trim()) continue;
      try {
        const doc = JSON.parse(line.text) as unknown;
        if (doc && typeof doc === 'object' && !Array.isArray(doc)) yield { source: `file://${file}`, position: line.number, doc: doc as Record<string, unknown> };
      } catch (e) {
        onWarning(`${file}:${line.number}: not JSON (${(e as Error).message}); line skipped`);
      }
    }
  }
}
