import * as fs from 'node:fs';
import * as path from 'node:path';
import { FIXTURES, counts, fixtureSession } from '../hunt';
import { serveLoopback, type LoopbackServer } from '../loopback-server';

describe('GET from http(s) and mixed lists', () => {
  let server: LoopbackServer;
  let base: string;

  beforeAll(async () => {
    server = await serveLoopback((req, res) => {
      const file = path.join(FIXTURES, path.basename(req.url ?? ''));
      if (!fs.existsSync(file)) {
        res.writeHead(404).end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(fs.readFileSync(file));
    });
    base = server.base;
  });

  afterAll(() => server.close());

  // A URL with a port needs quotes: Kestrel's bare data-source paths allow no colon.
  it('reads a bundle over http, and one http and one file source in a comma list', async () => {
    const { run } = fixtureSession();
    const r = await run(`
      a = GET process FROM "${base}/test_bundle_4.json" WHERE name = 'compattelrunner.exe'
      b = GET process FROM "${base}/test_bundle_4.json,file://test_bundle_5.json" WHERE name = 'compattelrunner.exe'`);
    expect(r.errors).toEqual([]);
    expect(counts(r)).toEqual({ a: [2, 2], b: [5, 5] });
  });

  it('reports a 404 as E_DATA_SOURCE naming the URL, and keeps what was loaded', async () => {
    const { run } = fixtureSession();
    await run(`a = GET process FROM "${base}/test_bundle_4.json" WHERE name = 'compattelrunner.exe'`);
    const bad = await run(`b = GET process FROM "${base}/missing.json" WHERE name = 'x'`);
    expect(bad.errors[0]).toMatchObject({ code: 'E_DATA_SOURCE', line: 1 });
    expect(bad.errors[0].message).toContain('/missing.json');
    const again = await run('c = a');
    expect(counts(again)).toEqual({ c: [2, 2] });
  });
});
