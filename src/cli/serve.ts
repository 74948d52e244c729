import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KestrelError } from '../model/errors';
import { EXPLORER_CSP, explorerPage } from './explorer-page';
import { notebook } from './serve-notebook';
import type { BlockRunner } from './session-host';

const MAX_BODY = 1 << 20;
/** A body past the limit is read to its end (so the client sees the 413, not a reset) up to this much. */
const MAX_DRAIN = 64 << 20;
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
/** What the page asks for, past the page itself: each needs the token. */
const ROUTES = new Set(['POST /run', 'GET /blocks', 'GET /live', 'POST /stop']);

export interface Explorer {
  url: string;
  close(): Promise<void>;
}

export interface ServeOptions {
  host?: string;
  /** 0 to 65535 (0: any free port); the command line passes it as typed. */
  port?: number | string;
  /** Listening beyond loopback lets whoever reaches the port read this machine's files through FROM/LOAD. */
  exposeFileAccess?: boolean;
  /** Where relative data paths in the blocks resolve (default: the working directory). */
  baseDir?: string;
}

/**
 * `kestrel serve`: a local web explorer over one session, shown as a notebook. Each block posted to /run runs as a
 * REPL entry would; the answer is its number, its output as HTML and the provenance view of every variable so far,
 * which the page shows in a sandboxed frame; GET /blocks gives every block so far (a reloaded page). The session
 * runs in the runner's thread (a worker), so the page and other requests are answered while a block runs; blocks
 * run one after the other. A block posted with `follow` is answered once its sources are followed; GET /live then
 * streams it as it grows (JSON lines, decision 45) until POST /stop ends it, and no other block runs meanwhile.
 * Bound to loopback by default; requests must name this server in Host (no DNS rebinding) and carry the page's
 * token (no cross-site posts).
 */
export async function serveExplorer(runner: BlockRunner, options: ServeOptions = {}): Promise<Explorer> {
  const host = options.host ?? '127.0.0.1';
  const wanted = listenPort(options.port);
  if (!LOOPBACK.has(host.toLowerCase()) && !options.exposeFileAccess) {
    throw new KestrelError('E_SERVE', `refusing to listen on ${host}: blocks posted to the explorer read files and data sources of this machine`, {
      hint: 'keep the default loopback --host, or pass --expose-file-access if everyone who can reach that address may read them',
    });
  }
  const token = randomBytes(16).toString('hex');
  const baseDir = options.baseDir ?? process.cwd();
  const book = notebook(runner, baseDir);
  let port = 0;

  const hostAllowed = (req: IncomingMessage) => {
    const name = (req.headers.host ?? '').toLowerCase().replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1');
    return (LOOPBACK.has(name) || name === host.toLowerCase()) && (req.headers.host ?? '').endsWith(`:${port}`);
  };

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch(() => send(res, 500, 'text/plain', 'internal error'));
  });
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (!hostAllowed(req)) return send(res, 403, 'text/plain', 'this explorer answers only to its own address');
    if (req.method === 'GET' && req.url === '/') return send(res, 200, 'text/html; charset=utf-8', explorerPage(token, baseDir));
    const route = `${req.method} ${req.url}`;
    if (!ROUTES.has(route)) return send(res, 404, 'text/plain', 'not found');
    if (req.headers['x-kestrel-token'] !== token) return send(res, 403, 'text/plain', 'missing or wrong token: reload the page');
    if (route === 'GET /blocks') return send(res, 200, 'application/json', JSON.stringify(book.history()));
    if (route === 'GET /live') return streamLive(req, res);
    if (route === 'POST /stop') {
      const ended = book.stop();
      return ended ? send(res, 200, 'application/json', JSON.stringify(await ended)) : send(res, 409, 'text/plain', 'no block is being followed');
    }
    const body = await readBody(req);
    if (body === undefined) return send(res, 413, 'text/plain', 'a block may be at most 1 MiB');
    let posted: { huntflow?: unknown; follow?: unknown } = {};
    try {
      posted = JSON.parse(body ?? '') as typeof posted;
    } catch {
      // answered below
    }
    if (typeof posted?.huntflow !== 'string' || !['boolean', 'undefined'].includes(typeof posted.follow)) {
      return send(res, 400, 'text/plain', 'expected {"huntflow": "…", "follow": true or false} of at most 1 MiB');
    }
    if (book.history().following) return send(res, 409, 'text/plain', 'a block is being followed: stop it before running another');
    send(res, 200, 'application/json', JSON.stringify(await book.run(posted.huntflow, posted.follow === true)));
  };

  /** The followed block as it grows, one JSON object a line: its HTML now, then each update, then the block as it ended. */
  const streamLive = (req: IncomingMessage, res: ServerResponse) => {
    const following = book.history().following;
    if (!following) return send(res, 204, 'application/x-ndjson', '');
    res.writeHead(200, headers('application/x-ndjson'));
    res.write(`${JSON.stringify({ block: following.block, html: following.html })}\n`);
    req.on('close', book.watch((u) => {
      res.write(`${JSON.stringify(u)}\n`);
      if ('done' in u) res.end();
    })!);
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => reject(new KestrelError('E_SERVE', `cannot listen on ${host}:${wanted} (${e.code ?? e.message})`, {
      hint: e.code === 'EADDRINUSE' ? 'another program uses that port: choose another --port (0 picks a free one)' : 'check --host: it must be an address of this machine',
    })));
    server.listen(wanted, host, resolve);
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function listenPort(port: number | string | undefined): number {
  const text = String(port ?? 0).trim();
  const n = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(n <= 65535)) {
    throw new KestrelError('E_SERVE', `--port ${text} is not a port number`, { hint: 'a port is a whole number from 1 to 65535 (0 picks a free one)' });
  }
  return n;
}

/** The body as text, or undefined when it is over MAX_BODY. */
function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
      else if (size > MAX_DRAIN) req.destroy();
    });
    req.on('end', () => resolve(size > MAX_BODY ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function headers(type: string): Record<string, string> {
  return { 'content-type': type, 'content-security-policy': `${EXPLORER_CSP}; frame-ancestors 'none'`, 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' };
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, headers(type));
  res.end(body);
}
