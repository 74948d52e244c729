/** A gzip file is read by what it holds, whatever its name; a file that no connector claims says which URIs to use. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { fixtureSession, FIXTURES } from '../hunt';

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kestrel-gzip-'));
  const log = fs.readFileSync(path.join(FIXTURES, 'event-logs', 'schtask_create.json.gz'));
  for (const name of ['log.json.gz', 'log.gz', 'log']) fs.writeFileSync(path.join(tmp, name), log);
  fs.writeFileSync(path.join(tmp, 'bundle.json.gz'), gzipSync(fs.readFileSync(path.join(FIXTURES, 'test_bundle.json'))));
  fs.writeFileSync(path.join(tmp, 'table.csv.gz'), gzipSync('pid,name\n1,cmd.exe\n'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('data files decided by content', () => {
  it.each(['log.json.gz', 'log.gz', 'log'])('file://%s holding a gzip OTRF log reads as an event log', async (name) => {
    const r = await fixtureSession().run(`p = GET process FROM file://${path.join(tmp, name)} WHERE name = 'dumpcap.exe'`);
    expect(r.errors).toEqual([]);
    expect(r.variables[0]).toMatchObject({ name: 'p', entities: expect.any(Number) });
    expect(r.variables[0].entities).toBeGreaterThan(0);
  });

  it('a gzip STIX bundle reads as the bundle', async () => {
    const r = await fixtureSession().run(`a = GET ipv4-addr FROM file://${path.join(tmp, 'bundle.json.gz')} WHERE value ISSUBSET '10.0.0.0/24'`);
    expect(r.errors).toEqual([]);
    expect(r.variables[0]).toMatchObject({ entities: 10, records: 100 });
  });

  it('a file no connector claims: E_DATA_SOURCE whose hint names the schemes', async () => {
    const r = await fixtureSession().run(`p = GET process FROM file://${path.join(tmp, 'table.csv.gz')} WHERE pid = 1`);
    expect(r.errors).toEqual([expect.objectContaining({ code: 'E_DATA_SOURCE', line: 1 })]);
    for (const scheme of ['otrf://', 'ecs://', 'sysflow://', 'stixshifter://']) expect(r.errors[0].hint).toContain(scheme);
  });
});
