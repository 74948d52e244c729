import * as fs from 'node:fs';
import { KestrelError } from '../../src/model/errors';
import type { Connector } from '../connector';
import { mapDocument } from '../event-logs';
import { eventDocuments, eventLogFiles, evtxVerdict, flatEvent, pathOf } from './evtx-documents';

export { eventDocuments, flatEvent } from './evtx-documents';

const READS = 'evtx reads evtx:// paths, .evtx files, evtx JSON exports (Event.System) and folders of them';
const PROGRESS_EVERY = 10_000;

/** Windows event logs read directly: .evtx files (binary XML), evtx JSON exports, and folders of them. */
export const evtxConnector: Connector = {
  name: 'evtx',
  canRead(uri, ctx) {
    const scheme = /^([a-z][a-z0-9+.-]+):\/\//i.exec(uri)?.[1]?.toLowerCase();
    if (scheme === 'evtx') return { ok: true };
    if (scheme !== undefined && scheme !== 'file') return { ok: false, reason: READS };
    const full = pathOf(uri, ctx?.baseDir ?? process.cwd());
    let stat: fs.Stats;
    try {
      stat = fs.statSync(full);
    } catch {
      return { ok: false, reason: `${READS}; ${full} does not exist` };
    }
    if (stat.isDirectory()) return eventLogFiles(full).length ? { ok: true } : { ok: false, reason: `${READS}; the folder ${full} holds none` };
    // A file named .evtx is this connector's to read, or to say what is wrong with.
    if (/\.evtx$/i.test(full)) return { ok: true };
    const why = evtxVerdict(full);
    return why === undefined ? { ok: true } : { ok: false, reason: `${READS}; ${full}: ${why}` };
  },
  locate: (uri, ctx) => `file://${pathOf(uri, ctx.baseDir)}`,
  async *read(uri, ctx) {
    const verdict = evtxConnector.canRead(uri, ctx);
    if (!verdict.ok) throw new KestrelError('E_DATA_SOURCE', verdict.reason, { file: uri });
    let n = 0;
    for (const e of eventDocuments(uri, ctx.baseDir, ctx.onWarning)) {
      yield mapDocument(flatEvent(e.doc), 'otrf', e.source, e.position);
      if (++n % PROGRESS_EVERY === 0) ctx.onProgress?.(n);
    }
  },
};
