/** `kestrel serve`: the local explorer runs blocks in one session and answers with their number, their output as HTML and the view. */
import { request } from 'node:http';
import { MemoryStore } from '../../graph/memory-store';
import { defaultConnectors } from '../../connectors/registry';
import { serveExplorer, type Explorer } from '../../src/cli/serve';
import { SessionHost } from '../../src/cli/session-host';
import { Session } from '../../src/engine/session';
import { FIXTURES } from '../hunt';
import { LocalRunner, SESSION_WORKER } from './local-runner';
import { kestrel } from './run-cli';

interface Answer { status: number; body: string }

function call(url: string, method: string, body?: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

let explorer: Explorer;
let token: string;
beforeAll(async () => {
  explorer = await serveExplorer(new LocalRunner(new Session({ store: new MemoryStore(), connectors: defaultConnectors() })), { baseDir: FIXTURES });
  token = /name="kestrel-token" content="([0-9a-f]+)"/.exec((await call(explorer.url, 'GET')).body)![1];
});
afterAll(() => explorer.close());

const run = (huntflow: string, headers: Record<string, string> = { 'x-kestrel-token': token }) =>
  call(`${explorer.url}run`, 'POST', JSON.stringify({ huntflow }), { 'content-type': 'application/json', ...headers });

describe('kestrel serve', () => {
  it('listens on loopback and serves its page with a token and a CSP', async () => {
    expect(explorer.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await call(explorer.url, 'GET');
    expect(page.status).toBe(200);
    expect(page.body).toContain('sandbox="allow-scripts"');
    expect(token).toHaveLength(32);
  });

  it('runs blocks in one session, numbered: tables as HTML, and the view of every variable so far', async () => {
    const first = JSON.parse((await run("tasks = GET process FROM file://event-logs/schtask_create.json WHERE name = 'schtasks.exe'")).body);
    expect(first).toMatchObject({ block: 1, ok: true });
    expect(first.html).toContain('<td>tasks</td><td>process</td>');
    expect(first.view).toContain('schtasks.exe [8920]');
    const second = JSON.parse((await run('up = FIND process CREATED tasks DEPTH *\nDISP up ATTR pid, name')).body);
    expect(second.block).toBe(2);
    expect(second.html).toMatch(/<th>pid<\/th><th>name<\/th>[^]*<td>powershell\.exe<\/td>/);
    expect(second.view).toContain('cmd.exe [460]');
    expect(second.view).toContain("default-src 'none'");
  });

  it('points an error at its block, line and column with the caret excerpt, and keeps the session', async () => {
    const bad = JSON.parse((await run('# line 1\nx = FIND process CREATED nope')).body);
    expect(bad).toMatchObject({ block: 3, ok: false });
    expect(bad.html).toContain('<b>error[E_UNDEFINED_VARIABLE]</b>');
    expect(bad.html).toContain('data-block="3" data-line="2" data-column="26"');
    expect(bad.html).toContain('block 3, line 2, column 26');
    expect(bad.html).toMatch(/2 \| x = FIND process CREATED nope\n *\| {26}\^/);
    expect(bad.html).not.toContain('&#60;block');
    const again = JSON.parse((await run('DISP tasks ATTR pid')).body);
    expect(again.html).toContain('<td>8920</td>');
  });

  it('escapes hostile values in tables', async () => {
    const hostile = JSON.parse((await run('evil = NEW process [{"name": "<img src=x onerror=alert(1)>", "pid": 6}]\nDISP evil ATTR name')).body);
    expect(hostile.html).toContain('<td>&#60;img src=x onerror=alert(1)&#62;</td>');
    expect(hostile.html).not.toContain('<img');
  });

  it('gives every block so far to a reloaded page (with the token), oldest first, and the latest view', async () => {
    expect((await call(`${explorer.url}blocks`, 'GET')).status).toBe(403);
    const history = JSON.parse((await call(`${explorer.url}blocks`, 'GET', undefined, { 'x-kestrel-token': token })).body);
    expect(history.blocks.map((b: { block: number }) => b.block)).toEqual([1, 2, 3, 4, 5]);
    expect(history.blocks[2]).toMatchObject({ source: '# line 1\nx = FIND process CREATED nope', ok: false });
    expect(history.view).toContain('evil');
  });

  it('refuses a post without the token, another Host (DNS rebinding) and a body that is not a huntflow', async () => {
    expect((await run('DISP tasks', {})).status).toBe(403);
    expect((await call(`${explorer.url}other`, 'GET', undefined, { 'x-kestrel-token': token })).status).toBe(404);
    const port = new URL(explorer.url).port;
    expect((await call(`${explorer.url}run`, 'POST', '{}', { host: `evil.example:${port}`, 'x-kestrel-token': token })).status).toBe(403);
    expect((await call(`${explorer.url}run`, 'POST', 'not json', { 'x-kestrel-token': token })).status).toBe(400);
  });

  it('says when its port is taken (E_SERVE)', async () => {
    const port = Number(new URL(explorer.url).port);
    await expect(serveExplorer(new LocalRunner(new Session({ store: new MemoryStore(), connectors: [] })), { port })).rejects.toMatchObject({ code: 'E_SERVE' });
  });

  it('answers a body over 1 MiB with 413 (the client reads the answer, no reset)', async () => {
    const big = await run('x'.repeat(2 << 20));
    expect(big.status).toBe(413);
    expect(big.body).toContain('1 MiB');
  });

  it('forbids framing its answers and matches the Host name whatever its case', async () => {
    const page = await new Promise<string | undefined>((resolve, reject) => {
      request(explorer.url, (res) => { res.resume(); resolve(String(res.headers['content-security-policy'])); }).on('error', reject).end();
    });
    expect(page).toContain("frame-ancestors 'none'");
    const port = new URL(explorer.url).port;
    expect((await call(explorer.url, 'GET', undefined, { host: `LocalHost:${port}` })).status).toBe(200);
  });

  it('refuses a --host beyond loopback unless told that it exposes file access', async () => {
    const session = new LocalRunner(new Session({ store: new MemoryStore(), connectors: [] }));
    await expect(serveExplorer(session, { host: '0.0.0.0', port: 0 })).rejects.toMatchObject({ code: 'E_SERVE', hint: expect.stringContaining('--expose-file-access') });
    const open = await serveExplorer(session, { host: '0.0.0.0', port: 0, exposeFileAccess: true });
    await open.close();
  });

  it.each(['99999', 'abc', '-1', '80.5'])('kestrel serve --port %s is E_SERVE, not a stack trace', async (port) => {
    const r = await kestrel(['serve', '--port', port]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error[E_SERVE]');
    expect(r.stderr).toContain(`--port ${port} is not a port number`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('answers the page and other requests while a long block runs, then the block', async () => {
    const runner = new SessionHost({ script: SESSION_WORKER });
    const busy = await serveExplorer(runner, { baseDir: FIXTURES });
    try {
      const page = await call(busy.url, 'GET');
      const busyToken = /name="kestrel-token" content="([0-9a-f]+)"/.exec(page.body)![1];
      // Thousands of literal entities: seconds of parsing, compiling and loading in one go.
      const entities = Array.from({ length: 6000 }, (_, i) => `{"name": "p${i}.exe", "pid": ${i}}`).join(', ');
      const answered: string[] = [];
      const block = call(`${busy.url}run`, 'POST', JSON.stringify({ huntflow: `many = NEW process [${entities}]` }), { 'x-kestrel-token': busyToken })
        .then((a) => (answered.push('block'), a));
      await new Promise((r) => setTimeout(r, 200));
      const others = Promise.all([
        call(busy.url, 'GET').then((a) => (answered.push('page'), a)),
        call(`${busy.url}run`, 'POST', '{}', { 'x-kestrel-token': 'wrong' }).then((a) => (answered.push('refused'), a)),
      ]);
      const [again, refused] = await others;
      expect([again.status, refused.status]).toEqual([200, 403]);
      const done = JSON.parse((await block).body);
      expect(done.html).toContain('<td>many</td><td>process</td><td>6000</td><td>6000</td>');
      expect(answered).toEqual(['page', 'refused', 'block']);
    } finally {
      await busy.close();
      await runner.close();
    }
  });
});
