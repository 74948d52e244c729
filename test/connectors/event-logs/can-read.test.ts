import * as path from 'node:path';
import { eventLogConnector } from '../../../connectors/event-logs';
import { DIR } from './helpers';

const STIX = path.join(__dirname, '..', '..', 'fixtures', 'test_bundle.json');

describe('event-logs canRead', () => {
  it.each([
    'ecs://logs/x.ndjson', 'otrf:///abs/x.json', 'sysmon://x.json', 'x.ndjson', 'file:///tmp/y.jsonl', 'y.jsonl.gz', 'z.ndjson.gz',
  ])('reads %s by its scheme or suffix', (uri) => {
    expect(eventLogConnector.canRead(uri)).toEqual({ ok: true });
  });

  it('sniffs a plain .json file of OTRF events, and a gzip one', () => {
    expect(eventLogConnector.canRead(`file://${path.join(DIR, 'schtask_create.json')}`)).toEqual({ ok: true });
    expect(eventLogConnector.canRead(`file://${path.join(DIR, 'schtask_create.json.gz')}`)).toEqual({ ok: true });
    expect(eventLogConnector.canRead(path.join(DIR, 'psh_lsass_memory_dump_comsvcs.json'))).toEqual({ ok: true });
  });

  it('declines a STIX bundle, saying so, so the stix-bundle connector gets it', () => {
    const verdict = eventLogConnector.canRead(`file://${STIX}`);
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.reason).toMatch(/it is a STIX bundle/);
  });

  it.each([
    ['http://example.com/x.ndjson', /not http:\/\/example.com/],
    ['stixshifter://lab', /not stixshifter:\/\/lab/],
    [path.join(DIR, 'README.md'), /README.md: its first line is not a JSON object/],
    ['/no/such/file.json', /cannot open \/no\/such\/file.json/],
    ['', /empty/],
  ])('declines %s with a reason', (uri, reason) => {
    const verdict = eventLogConnector.canRead(uri);
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.reason).toMatch(reason);
  });

  it('locates every spelling of a file as one file:// source', () => {
    const ctx = { baseDir: DIR };
    const want = `file://${path.join(DIR, 'bad.jsonl')}`;
    expect(eventLogConnector.locate('bad.jsonl', ctx)).toBe(want);
    expect(eventLogConnector.locate('otrf://./bad.jsonl', ctx)).toBe(want);
    expect(eventLogConnector.locate(`file://${path.join(DIR, 'bad.jsonl')}`, ctx)).toBe(want);
  });
});
