import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { serveLoopback, type LoopbackServer } from '../../loopback-server';
import { matches, UnsupportedQuery, values, type Doc } from './evaluate-dsl';

/** One request as the fake server received it. */
export interface Received {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown> | undefined;
}

export interface Reply {
  status: number;
  body: unknown;
}

export interface FakeElasticsearch extends LoopbackServer {
  /** `host:port`, for URIs and profiles. */
  host: string;
  received: Received[];
  /** Documents the searches returned, all pages together. */
  served: number;
  /** Points in time opened and not closed. */
  openPits: () => number;
  /** Indexes documents (searchable at once, by points in time opened after), as a client indexing while a hunt follows. */
  add: (index: string, docs: readonly Doc[]) => void;
}

export interface FakeOptions {
  /** Answers a request instead of the server when it returns a reply (failures, refusals). */
  intercept?: (request: Received) => Reply | undefined;
  /** When set, any other Authorization header gets 401, as a secured cluster answers. */
  authorization?: string;
}

/** The documents of an NDJSON file, one per line. */
export function readNdjson(file: string): Doc[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Doc);
}

interface Stored {
  index: string;
  id: string;
  /** Position in the index: the `_shard_doc` tie-breaker of a one-shard index. */
  position: number;
  source: Doc;
}

/**
 * A loopback Elasticsearch that implements what the connector's client uses, with the product header on every
 * answer: GET / (info), POST /{index}/_pit, POST /_search with pit, query, sort, size and search_after (the query
 * evaluated over the documents), DELETE /_pit.
 */
export async function serveElasticsearch(indices: Record<string, Doc[]>, options: FakeOptions = {}): Promise<FakeElasticsearch> {
  const stored = new Map(Object.entries(indices).map(([index, docs]) => [index, docs.map((source, position) => ({ index, id: `${index}-${position}`, position, source }))]));
  const pits = new Map<string, Stored[]>();
  const received: Received[] = [];
  let pitCount = 0;
  const add = (index: string, docs: readonly Doc[]) => {
    const into = stored.get(index) ?? [];
    stored.set(index, into);
    for (const source of docs) into.push({ index, id: `${index}-${into.length}`, position: into.length, source });
  };
  const fake = { received, served: 0, openPits: () => pits.size, add } as FakeElasticsearch;

  const answer = (request: Received): Reply => {
    if (options.authorization !== undefined && request.headers.authorization !== options.authorization) {
      return error(401, 'security_exception', 'unable to authenticate user for REST request [' + request.path + ']');
    }
    if (request.method === 'GET' && request.path === '/') {
      return { status: 200, body: { name: 'fake', cluster_name: 'loopback', version: { number: '9.0.0', build_flavor: 'default' }, tagline: 'You Know, for Search' } };
    }
    const pitPath = /^\/([^/]+)\/_pit$/.exec(request.path);
    if (request.method === 'POST' && pitPath) {
      const docs: Stored[] = [];
      for (const part of decodeURIComponent(pitPath[1]).split(',')) {
        const names = [...stored.keys()].filter((name) => wildcard(part).test(name));
        if (names.length === 0 && !part.includes('*')) return error(404, 'index_not_found_exception', `no such index [${part}]`);
        for (const name of names) docs.push(...stored.get(name)!);
      }
      const id = `pit-${++pitCount}`;
      pits.set(id, docs);
      return { status: 200, body: { id, _shards: { total: 1, successful: 1, skipped: 0, failed: 0 } } };
    }
    if (request.method === 'POST' && request.path === '/_search') return search(request.body ?? {});
    if (request.method === 'DELETE' && request.path === '/_pit') {
      const freed = pits.delete(String(request.body?.id));
      return { status: freed ? 200 : 404, body: { succeeded: true, num_freed: freed ? 1 : 0 } };
    }
    return error(400, 'illegal_argument_exception', `no handler found for uri [${request.path}] and method [${request.method}]`);
  };

  const search = (body: Record<string, unknown>): Reply => {
    const pit = body.pit as { id?: string } | undefined;
    const docs = pit?.id === undefined ? undefined : pits.get(pit.id);
    if (!docs) return error(404, 'search_context_missing_exception', 'no search context found for the point in time');
    const sort = (body.sort as Record<string, unknown>[] | undefined) ?? [];
    const size = Number(body.size ?? 10);
    const selected = select(docs, body.query);
    if (!Array.isArray(selected)) return selected;
    const keyed = selected.map((d) => ({ d, key: sort.map((s) => sortValue(d, s)) })).sort((a, b) => compareKeys(a.key, b.key));
    const after = body.search_after as (number | string)[] | undefined;
    const page = keyed.filter((k) => !after || compareKeys(k.key, after) > 0).slice(0, size);
    fake.served += page.length;
    return {
      status: 200,
      body: {
        took: 1,
        timed_out: false,
        pit_id: pit!.id,
        _shards: { total: 1, successful: 1, skipped: 0, failed: 0 },
        hits: { max_score: null, hits: page.map(({ d, key }) => ({ _index: d.index, _id: d.id, _score: null, _source: d.source, sort: key })) },
      },
    };
  };

  const server = await serveLoopback((req, res) => {
    void handle(req, res);
  });
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const request = await readRequest(req);
    received.push(request);
    const reply = options.intercept?.(request) ?? answer(request);
    res.writeHead(reply.status, { 'content-type': 'application/json', 'x-elastic-product': 'Elasticsearch' });
    res.end(JSON.stringify(reply.body));
  }
  return Object.assign(fake, server, { host: server.base.replace(/^http:\/\//, '') });
}

/** A request as the fake servers record it: method, path, query, headers and the JSON body. */
export async function readRequest(req: IncomingMessage): Promise<Received> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  const url = new URL(req.url ?? '/', 'http://fake');
  return { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body: text ? JSON.parse(text) : undefined };
}

/** The documents a query selects (all without one), or the 400 a server answers to a query it does not take. */
export function select<T extends { source: Doc }>(docs: readonly T[], query: unknown): T[] | Reply {
  try {
    return docs.filter((d) => matches(query ?? { match_all: {} }, d.source));
  } catch (e) {
    if (e instanceof UnsupportedQuery) return error(400, 'parsing_exception', e.message);
    throw e;
  }
}

export function error(status: number, type: string, reason: string): Reply {
  return { status, body: { error: { root_cause: [{ type, reason }], type, reason }, status } };
}

function wildcard(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}

/** Dates sort by epoch milliseconds; a missing value sorts last, as Elasticsearch does in ascending order. */
function sortValue(d: Stored, spec: Record<string, unknown>): number | string {
  const [field, order] = Object.entries(spec)[0];
  if (order !== 'asc') throw new Error(`the fake server sorts ascending only, not ${JSON.stringify(order)}`);
  if (field === '_shard_doc') return d.position;
  const v = values(d.source, field)[0];
  if (v === undefined) return Number.MAX_SAFE_INTEGER;
  return typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v) ? Date.parse(v) : (v as number | string);
}

function compareKeys(a: readonly (number | string)[], b: readonly (number | string)[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] < b[i]) return -1;
    if (a[i] > b[i]) return 1;
  }
  return 0;
}
