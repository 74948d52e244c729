import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { readSourceText } from '../../../connectors/stix-bundle/fetch-source';
import { FIXTURES, readAll, readError } from './helpers';

const BUNDLE = readFileSync(path.join(FIXTURES, 'test_bundle_4.json'));
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/bundle.json') res.writeHead(200, { 'content-type': 'application/json' }).end(BUNDLE);
    else if (req.url === '/page.html') res.writeHead(200, { 'content-type': 'text/html' }).end('<html>\n<body>hi</body>');
    else if (req.url === '/slow.json') res.writeHead(200).write('{');
    else res.writeHead(404).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

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
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/bundle.json`;
    await new Promise((resolve) => closed.close(resolve));
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
