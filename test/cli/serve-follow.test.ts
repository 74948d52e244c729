/**
 * `kestrel serve` follows a block (issue 20) over HTTP, with the session in its worker (dist/: `npm test` builds
 * first): the block answers once its log is followed, GET /live streams its HTML as lines are appended, POST /stop
 * ends it, and the blocks after it see what it saw.
 */
import * as fs from 'node:fs';
import { request, type IncomingMessage } from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { serveExplorer, type Explorer } from '../../src/cli/serve';
import { SessionHost } from '../../src/cli/session-host';
import { KIDS_HUNT, newChild, startLog } from './growing-log';
import { SESSION_WORKER } from './local-runner';

jest.setTimeout(60_000);

interface Answer { status: number; body: string }

/** The lines of a streamed answer as they come. */
class Stream {
  readonly lines: Record<string, unknown>[] = [];
  ended = false;
  constructor(readonly res: IncomingMessage) {
    let rest = '';
    res.on('data', (c: Buffer) => {
      const parts = (rest + c.toString('utf8')).split('\n');
      rest = parts.pop()!;
      for (const p of parts) this.lines.push(JSON.parse(p) as Record<string, unknown>);
    });
    res.on('end', () => (this.ended = true));
  }

  async until(test: () => boolean, ms = 10_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!test()) {
      if (Date.now() > deadline) throw new Error(`timed out; streamed so far: ${JSON.stringify(this.lines).slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}

let dir: string;
let log: string;
let host: SessionHost;
let explorer: Explorer;
let token: string;

function call(route: string, method: string, body?: unknown): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${explorer.url}${route}`, { method, headers: token ? { 'x-kestrel-token': token } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

function live(): Promise<Stream> {
  return new Promise((resolve, reject) => {
    request(`${explorer.url}live`, { headers: { 'x-kestrel-token': token } }, (res) => resolve(new Stream(res))).on('error', reject).end();
  });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kestrel-serve-follow-'));
  log = startLog(dir);
  host = new SessionHost({ script: SESSION_WORKER });
  explorer = await serveExplorer(host, { baseDir: dir });
  token = /name="kestrel-token" content="([0-9a-f]+)"/.exec((await call('', 'GET')).body)![1];
});
afterAll(async () => {
  await explorer?.close();
  await host?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('kestrel serve: a followed block', () => {
  it('grows live as the log does, stops on POST /stop, and the session keeps what it saw', async () => {
    const [shells, ...rest] = KIDS_HUNT;
    expect(JSON.parse((await call('run', 'POST', { huntflow: shells })).body)).toMatchObject({ block: 1, ok: true });
    // The block reads no log itself: the one behind `shells` is read again and followed.
    const started = JSON.parse((await call('run', 'POST', { huntflow: rest.join('\n'), follow: true })).body);
    expect(started).toMatchObject({ block: 2, ok: true, follow: true, following: true });
    expect(started.html).toMatch(/<td>8920<\/td><td>schtasks\.exe<\/td><td>cmd\.exe<\/td>/);
    expect(started.html).toContain(`following file://${log} since`);
    expect(started.view).toContain('schtasks.exe [8920]');
    expect(JSON.parse((await call('blocks', 'GET')).body).following).toMatchObject({ block: 2, follow: true });

    const stream = await live();
    expect(stream.res.headers['content-type']).toBe('application/x-ndjson');
    await stream.until(() => stream.lines.length >= 1);
    expect(stream.lines[0]).toEqual({ block: 2, html: started.html });

    const t0 = performance.now();
    fs.appendFileSync(log, `${newChild(0)}\n`);
    await stream.until(() => stream.lines.some((l) => String(l.html).includes('<td>20000</td>')));
    const shown = performance.now() - t0;
    process.stderr.write(`kestrel serve --follow: an appended Sysmon event streamed to the page in ${shown.toFixed(0)} ms\n`);
    expect(shown).toBeLessThanOrEqual(500);
    const grown = String(stream.lines.find((l) => String(l.html).includes('<td>20000</td>'))!.html);
    expect(grown).toMatch(/DISP kids<\/b> live: 1 new, 0 changed/);
    expect(grown).toMatch(/<td>\d\d:\d\d:\d\d\.\d{3}<\/td><td>\+<\/td><td>20000<\/td><td>schtasks\.exe<\/td><td>cmd\.exe<\/td>/);
    expect(grown).toContain('kids: 2 entities');

    // Hostile data from the log is text on the page.
    fs.appendFileSync(log, `${newChild(1, 'C:\\x\\<img src=x onerror=alert(1)>.exe')}\n`);
    await stream.until(() => stream.lines.some((l) => String(l.html).includes('20001')));
    const hostile = String(stream.lines.find((l) => String(l.html).includes('20001'))!.html);
    expect(hostile).toContain('<td>&#60;img src=x onerror=alert(1)&#62;.exe</td>');
    expect(hostile).not.toContain('<img');
    // The view is drawn again as the variables grow (at most every 2 s).
    await stream.until(() => stream.lines.some((l) => String(l.view ?? '').includes('[20001]')), 5000);

    expect(await call('run', 'POST', { huntflow: 'DISP kids' })).toMatchObject({ status: 409, body: 'a block is being followed: stop it before running another' });

    const stopped = await call('stop', 'POST');
    expect(stopped.status).toBe(200);
    const ended = JSON.parse(stopped.body);
    expect(ended).toMatchObject({ block: 2, ok: true, follow: true });
    expect(ended.following).toBeUndefined();
    expect(ended.html).toMatch(/DISP kids<\/b> \(3 rows\)/);
    expect(ended.html).toContain('<td>20000</td>');
    expect(ended.html).toMatch(new RegExp(`followed file://${log.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} from [\\d:.]+ to [\\d:.]+ \\(UTC\\): 2 new records in 2 updates`));
    await stream.until(() => stream.ended);
    expect(stream.lines[stream.lines.length - 1]).toEqual({ done: ended });
    expect((await call('stop', 'POST')).status).toBe(409);

    // What the followed block saw stays in the session.
    const after = JSON.parse((await call('run', 'POST', { huntflow: 'DISP kids ATTR pid\nDISP shells ATTR pid' })).body);
    expect(after).toMatchObject({ block: 3, ok: true });
    expect(after.html).toMatch(/<td>20000<\/td>[^]*<td>20001<\/td>/);
    const history = JSON.parse((await call('blocks', 'GET')).body);
    expect(history.blocks.map((b: { block: number; follow?: boolean }) => [b.block, b.follow ?? false])).toEqual([[1, false], [2, true], [3, false]]);
    expect(history.following).toBeUndefined();
    expect((await call('live', 'GET')).status).toBe(204);
  });

  it('runs a block none of whose sources can be followed once, and says so', async () => {
    const once = JSON.parse((await call('run', 'POST', { huntflow: 'x = NEW process [{"name": "a.exe", "pid": 1}]\nDISP x', follow: true })).body);
    expect(once).toMatchObject({ ok: true, follow: true });
    expect(once.following).toBeUndefined();
    expect(once.html).toContain('none of its data sources can be followed');
  });

  it('refuses a follow that is not true or false', async () => {
    expect((await call('run', 'POST', { huntflow: 'DISP kids', follow: 'yes' })).status).toBe(400);
  });
});
