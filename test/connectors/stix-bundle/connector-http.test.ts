import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { readSourceText } from '../../../connectors/stix-bundle/fetch-source';
import { serveLoopback, type LoopbackServer } from '../../loopback-server';
import { FIXTURES, readAll, readError } from './helpers';

const BUNDLE = readFileSync(path.join(FIXTURES, 'test_bundle_4.json'));
let server: LoopbackServer;
let base: string;

beforeAll(async () => {
  server = await serveLoopback((req, res) => {
    if (req.url === '/bundle.json') res.writeHead(200, { 'content-type': 'application/json' }).end(BUNDLE);
    else if (req.url === '/page.html') res.writeHead(200, { 'content-type': 'text/html' }).end('<html>\n<body>hi</body>');
    else if (req.url === '/slow.json') res.writeHead(200).write('{');
    else res.writeHead(404).end('not found');
  });
  base = server.base;
});

afterAll(() => server.close());

describe('stixBundleConnector.read over http', () => {
  test('a served bundle, with the URL as given for source', async () => {
    const observations = await readAll(`${base}/bundle.json`);
    expect(observations).toHaveLength(2);
    expect(observations[0].source).toBe(`${base}/bundle.json`);
    expect(observations[0].objects.map((o) => o.type)).toContain('x-cbcloud');
  });

  test('404 is E_DATA_SOURCE naming the URL and the status', async () => {
    const error = await readError(`${base}/missing.json`);
    expect(error).toMatchObject({ code: 'E_DATA_SOURCE', file: `${base}/missing.json` });
    expect(error.message).toContain('HTTP 404');
  });

  test('a refused port is E_DATA_SOURCE', async () => {
    const closed = await serveLoopback(() => undefined);
    const url = `${closed.base}/bundle.json`;
    await closed.close();
    const error = await readError(url);
    expect(error).toMatchObject({ code: 'E_DATA_SOURCE', file: url, hint: expect.stringContaining('server is running') });
    expect(error.message).toContain('ECONNREFUSED');
  });

  test('a server that stops answering is E_DATA_SOURCE after the timeout', async () => {
    const url = `${base}/slow.json`;
    await expect(readSourceText({ kind: 'http', url, uri: url }, 200)).rejects.toMatchObject({
      code: 'E_DATA_SOURCE',
      message: `${url}: no answer within 0.2 s`,
    });
  });

  test('a page that is not JSON is E_BAD_INPUT_FILE with the URL and position', async () => {
    expect(await readError(`${base}/page.html`)).toMatchObject({
      code: 'E_BAD_INPUT_FILE',
      file: `${base}/page.html`,
      line: 1,
      column: 1,
    });
  });
});
