import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { error, readRequest, select, type Received, type Reply } from '../elasticsearch/es-server';
import type { Doc } from '../elasticsearch/evaluate-dsl';

export interface FakeOpenSearch {
  /** `http(s)://127.0.0.1:PORT` */
  url: string;
  received: Received[];
  /** Scrolls opened and not cleared. */
  openScrolls: () => number;
  close: () => Promise<void>;
}

export interface FakeOptions {
  /** Answers a request instead of the server when it returns a reply (failures, refusals). */
  intercept?: (request: Received) => Reply | undefined;
  /** When set, any other Authorization header gets 401, as the security plugin answers. */
  authorization?: string;
  /** A PEM key and certificate: the server speaks https. */
  tls?: { key: string; cert: string };
}

interface Stored {
  index: string;
  id: string;
  source: Doc;
}

/**
 * A loopback OpenSearch implementing what the opensearch connector uses: POST /{index}/_search?scroll= (the query
 * DSL evaluated over the documents, hits in index order), POST /_search/scroll, DELETE /_search/scroll. Index
 * names in the path may be patterns with `*` and lists with `,`; a named index that does not exist is 404.
 */
export async function serveOpenSearch(indices: Record<string, Doc[]>, options: FakeOptions = {}): Promise<FakeOpenSearch> {
  const stored = new Map(Object.entries(indices).map(([index, docs]) => [index, docs.map((source, i): Stored => ({ index, id: String(i + 1), source }))]));
  const scrolls = new Map<string, { rest: Stored[]; size: number }>();
  const received: Received[] = [];
  let scrollCount = 0;

  const page = (id: string): Reply => {
    const scroll = scrolls.get(id)!;
    const hits = scroll.rest.splice(0, scroll.size);
    return {
      status: 200,
      body: {
        _scroll_id: id,
        took: 1,
        timed_out: false,
        _shards: { total: 1, successful: 1, skipped: 0, failed: 0 },
        hits: { max_score: null, hits: hits.map((d) => ({ _index: d.index, _id: d.id, _score: null, _source: d.source })) },
      },
    };
  };

  const answer = (request: Received): Reply => {
    if (options.authorization !== undefined && request.headers.authorization !== options.authorization) {
      return error(401, 'security_exception', 'Unauthorized');
    }
    const searchPath = /^\/([^/]+)\/_search$/.exec(request.path);
    if (request.method === 'POST' && searchPath && request.query.has('scroll')) {
      const docs: Stored[] = [];
      for (const part of decodeURIComponent(searchPath[1]).split(',')) {
        const names = [...stored.keys()].filter((name) => wildcard(part).test(name));
        if (names.length === 0 && !part.includes('*')) return error(404, 'index_not_found_exception', `no such index [${part}]`);
        for (const name of names) docs.push(...stored.get(name)!);
      }
      const body = request.body ?? {};
      if (JSON.stringify(body.sort) !== '["_doc"]') return error(400, 'illegal_argument_exception', 'the fake server sorts by _doc only');
      const selected = select(docs, body.query);
      if (!Array.isArray(selected)) return selected;
      const id = `scroll-${++scrollCount}`;
      scrolls.set(id, { rest: selected, size: Number(body.size ?? 10) });
      return page(id);
    }
    if (request.path === '/_search/scroll') {
      if (request.method === 'POST') {
        const id = String(request.body?.scroll_id);
        return scrolls.has(id) ? page(id) : error(404, 'search_context_missing_exception', `No search context found for id [${id}]`);
      }
      if (request.method === 'DELETE') {
        const ids = (request.body?.scroll_id as string[] | undefined) ?? [];
        const freed = ids.filter((id) => scrolls.delete(id)).length;
        return { status: freed ? 200 : 404, body: { succeeded: true, num_freed: freed } };
      }
    }
    return error(400, 'illegal_argument_exception', `no handler found for uri [${request.path}] and method [${request.method}]`);
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const request = await readRequest(req);
    received.push(request);
    const reply = options.intercept?.(request) ?? answer(request);
    res.writeHead(reply.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(reply.body));
  }
  const listener = (req: IncomingMessage, res: ServerResponse) => void handle(req, res);
  const server = options.tls ? createHttpsServer(options.tls, listener) : createHttpServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    openScrolls: () => scrolls.size,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function wildcard(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}
