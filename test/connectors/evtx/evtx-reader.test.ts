/**
 * The EVTX reader against SigmaHQ's regression samples: each .evtx file reads to exactly the evtx JSON that
 * was exported from it (evtx_dump's shape), and damaged files lose only what is damaged.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { evtxRecords } from '../../../connectors/evtx/evtx-file';
import { eventDocuments } from '../../../connectors/evtx/evtx-documents';
import { evtxConnector } from '../../../connectors/evtx';
import { jsonDocuments } from '../../../connectors/evtx/json-documents';
import { regressionSamples } from '../../sigma/regression-samples';

const samples = regressionSamples().filter((s) => s.evtx);
const first = samples.find((s) => s.dir.endsWith('file_event_win_anydesk_artefact'))!.evtx!;

function tmp(name: string, bytes: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'evtx-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

describe('EVTX reader', () => {
  it.each(samples.map((s) => [s.dir, s] as const))('%s reads as its JSON export', (_, s) => {
    const records = [...evtxRecords(fs.readFileSync(s.evtx!))];
    const expected = [...jsonDocuments(fs.readFileSync(s.json!, 'utf8'))].map((d) => d.doc);
    expect(records.map((r) => r.error)).toEqual(records.map(() => undefined));
    expect(records.map((r) => r.doc)).toEqual(expected);
  });

  it('reads all 98 samples', () => {
    expect(samples).toHaveLength(98);
  });

  it('refuses a file that is not EVTX: named .evtx, the reader says why, with a hint; named otherwise, another connector may read it', () => {
    const file = tmp('x.evtx', Buffer.from('not an event log at all'));
    expect(() => [...eventDocuments(file, '/')]).toThrow(expect.objectContaining({ code: 'E_BAD_INPUT_FILE', hint: expect.stringContaining('wevtutil') }));
    expect(evtxConnector.canRead(file).ok).toBe(true);
    expect(evtxConnector.canRead(tmp('x.log', Buffer.from('not an event log at all')))).toMatchObject({ ok: false, reason: expect.stringContaining('neither an EVTX file') });
  });

  it('skips a chunk whose header is damaged, with a warning', () => {
    const bytes = Buffer.from(fs.readFileSync(first));
    bytes.write('XXXXXXXX', 4096, 'latin1');
    const warnings: string[] = [];
    expect([...eventDocuments(tmp('bad-chunk.evtx', bytes), '/', (w) => warnings.push(w))]).toEqual([]);
    expect(warnings).toEqual([expect.stringMatching(/chunk at offset 4096 has no chunk header; skipped/)]);
  });

  it('keeps the records before a truncation and warns about the rest', () => {
    const whole = fs.readFileSync(first);
    const records = [...evtxRecords(whole)];
    expect(records.length).toBeGreaterThan(1);
    const cut = whole.subarray(0, records[1].offset + 40);
    const warnings: string[] = [];
    const docs = [...eventDocuments(tmp('cut.evtx', cut), '/', (w) => warnings.push(w))];
    expect(docs.map((d) => d.position)).toEqual([records[0].id]);
    expect(warnings.length).toBeGreaterThan(0);
  });

  it('warns about a record whose binary XML is damaged and reads the others', () => {
    const bytes = Buffer.from(fs.readFileSync(first));
    const records = [...evtxRecords(bytes)];
    bytes.fill(0xee, records[0].offset + 24, records[0].offset + 40);
    const warnings: string[] = [];
    const docs = [...eventDocuments(tmp('bad-record.evtx', bytes), '/', (w) => warnings.push(w))];
    expect(docs.length).toBeLessThan(records.length);
    expect(warnings.some((w) => /record \d+ at offset \d+ does not parse/.test(w))).toBe(true);
  });

  it('reads a folder of .evtx and evtx JSON files as events with their files as sources', async () => {
    const dir = path.dirname(first);
    expect(evtxConnector.canRead(dir).ok).toBe(true);
    const observations = [];
    for await (const o of evtxConnector.read(dir, { baseDir: '/' })) observations.push(o);
    const n = [...evtxRecords(fs.readFileSync(first))].length;
    expect(observations).toHaveLength(2 * n);
    expect(new Set(observations.map((o) => o.source))).toEqual(new Set(fs.readdirSync(dir).filter((f) => /\.(evtx|json)$/.test(f)).map((f) => `file://${path.join(dir, f)}`)));
    expect(observations[0].objects.filter((o) => o.type === 'file').map((o) => o.attrs.name)).toEqual(expect.arrayContaining(['AnyDesk.exe', 'service.conf.new']));
  });
});
