import * as fs from 'node:fs';
import * as path from 'node:path';
import { KestrelError } from '../../src/model/errors';
import { evtxRecords, isEvtx } from './evtx-file';
import { jsonDocuments } from './json-documents';

const SCHEME = /^evtx:\/\//i;
const FILE_PREFIX = /^file:\/\//i;
/** evtx JSON: a document (or an array of them) whose top element is `Event` holding `System`. */
const EVTX_JSON = /^\s*\[?\s*\{\s*"Event"\s*:\s*\{[\s\S]{0,400}"System"\s*:/;

export interface EventDocument {
  /** `file://` + the absolute path of the file the event is in. */
  source: string;
  /** The record id (.evtx) or the line the document starts on (JSON). */
  position: number;
  doc: Record<string, unknown>;
}

export function pathOf(uri: string, baseDir: string): string {
  return path.resolve(baseDir, uri.replace(SCHEME, '').replace(FILE_PREFIX, ''));
}

/** Why a local file is not an event log this reader reads, or undefined when it is (.evtx by its magic, evtx JSON by its shape). */
export function evtxVerdict(file: string): string | undefined {
  let head: Buffer;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const buf = Buffer.alloc(4096);
      head = buf.subarray(0, fs.readSync(fd, buf, 0, buf.length, 0));
    } finally {
      fs.closeSync(fd);
    }
  } catch (e) {
    return `cannot read ${file} (${(e as NodeJS.ErrnoException).code})`;
  }
  if (isEvtx(head)) return undefined;
  return EVTX_JSON.test(head.toString('utf8')) ? undefined : 'neither an EVTX file (ElfFile) nor evtx JSON (Event.System)';
}

/** The event-log files a path names: itself, or every .evtx and evtx JSON file below a folder, in path order. */
export function eventLogFiles(full: string): string[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(full);
  } catch {
    throw new KestrelError('E_DATA_SOURCE', `no file or folder ${full}`, { file: full, hint: 'check the path; relative paths start at the huntflow\'s folder' });
  }
  if (!stat.isDirectory()) return [full];
  return fs
    .readdirSync(full, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((e) => {
      const p = path.join(full, e.name);
      if (e.isDirectory()) return eventLogFiles(p);
      if (/\.evtx$/i.test(e.name)) return [p];
      return /\.json$/i.test(e.name) && evtxVerdict(p) === undefined ? [p] : [];
    });
}

/**
 * Every event of a .evtx file, an evtx JSON export, or a folder of them, as evtx JSON documents. Records that do
 * not parse and chunks that are damaged are skipped with one warning each; a file that is neither is
 * E_BAD_INPUT_FILE.
 */
export function* eventDocuments(uri: string, baseDir: string, onWarning: (message: string) => void = () => undefined): Generator<EventDocument> {
  for (const file of eventLogFiles(pathOf(uri, baseDir))) {
    const source = `file://${file}`;
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch (e) {
      throw new KestrelError('E_DATA_SOURCE', `cannot read ${file} (${(e as NodeJS.ErrnoException).code})`, { file, hint: 'check that the file exists and is readable' });
    }
    if (isEvtx(bytes)) {
      for (const r of evtxRecords(bytes, (m) => onWarning(`${file}: ${m}`))) {
        if (r.doc) yield { source, position: r.id, doc: r.doc };
        else onWarning(`${file}: record ${r.id} at offset ${r.offset} does not parse (${r.error}); skipped`);
      }
      continue;
    }
    if (!EVTX_JSON.test(bytes.subarray(0, 4096).toString('utf8'))) {
      throw new KestrelError('E_BAD_INPUT_FILE', `${file} is neither an EVTX file (ElfFile) nor evtx JSON (Event.System)`, {
        file,
        hint: 'give a Windows event log as saved by wevtutil or Event Viewer, or its JSON export (evtx_dump -o json)',
      });
    }
    for (const d of jsonDocuments(bytes.toString('utf8'))) {
      if (d.doc) yield { source, position: d.line, doc: d.doc };
      else onWarning(`${file}:${d.line}: ${d.error}; skipped`);
    }
  }
}

/**
 * An evtx JSON event as the flat OTRF/NXLog shape the event-logs mapping reads: the EventData (or UserData)
 * fields, then System's EventID, Channel, Hostname, SourceName, TimeCreated and @timestamp.
 */
export function flatEvent(doc: Record<string, unknown>): Record<string, unknown> {
  const event = (doc.Event ?? {}) as Record<string, unknown>;
  const system = (event.System ?? {}) as Record<string, any>;
  const out: Record<string, unknown> = {};
  const data = event.EventData;
  if (data && typeof data === 'object' && !Array.isArray(data)) Object.assign(out, data);
  const userData = event.UserData;
  if (userData && typeof userData === 'object') for (const v of Object.values(userData)) if (v && typeof v === 'object' && !Array.isArray(v)) Object.assign(out, v);
  delete out['#attributes'];
  const eventId = system.EventID;
  const time = system.TimeCreated?.['#attributes']?.SystemTime;
  Object.assign(out, {
    EventID: eventId !== null && typeof eventId === 'object' ? eventId['#text'] : eventId,
    Channel: system.Channel,
    Hostname: system.Computer,
    SourceName: system.Provider?.['#attributes']?.Name,
    EventRecordID: system.EventRecordID,
    ...(time && { TimeCreated: time, '@timestamp': time }),
  });
  return out;
}
