import * as http from 'node:http';
import * as https from 'node:https';
import { KestrelError } from '../../src/model/errors';
import type { Endpoint } from './endpoint';

const TIMEOUT_MS = 30_000;
const RETRIES = 3;
const BACKOFF_MS = 100;
/** Connection failures worth another try; others (a bad certificate, an unknown host) fail at once. */
const TRANSIENT = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const CERTIFICATE = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/;

interface Answer {
  status: number;
  body: unknown;
}

/**
 * One JSON request to the endpoint, retried on connection failures and on 502/503/504 with back-off; any other
 * failure, or an answer that is not 2xx, is E_DATA_SOURCE naming the source, the node, what was being done and a
 * hint by cause. Credentials travel in the Authorization header only.
 */
export async function call(ep: Endpoint, method: string, path: string, body: unknown, doing: string): Promise<Record<string, unknown>> {
  const fail = (what: string, hint: string) => new KestrelError('E_DATA_SOURCE', `${ep.location} (${ep.node}): ${doing} failed: ${what}`, { file: ep.location, hint });
  for (let attempt = 0; ; attempt++) {
    let answer: Answer;
    try {
      answer = await send(ep, method, path, body);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? '';
      if (TRANSIENT.has(code) && attempt < RETRIES) {
        await sleep(BACKOFF_MS * 2 ** attempt);
        continue;
      }
      if (code === 'TIMEOUT') throw fail(`no answer within ${TIMEOUT_MS / 1000} s`, 'the server may be overloaded or the query too broad');
      if (CERTIFICATE.test(code)) {
        throw fail(`the server's certificate was refused (${code})`, 'for a trusted self-signed certificate set verify_certs: false on the connection in opensearch.yaml; for a private CA, NODE_EXTRA_CA_CERTS=ca.pem');
      }
      throw fail(`cannot connect${attempt ? ` after ${attempt} retries` : ''} (${(e as Error).message})`, 'check the connection\'s url in opensearch.yaml (host, port, http against https) and that OpenSearch is running and reachable');
    }
    if ([502, 503, 504].includes(answer.status) && attempt < RETRIES) {
      await sleep(BACKOFF_MS * 2 ** attempt);
      continue;
    }
    if (answer.status >= 200 && answer.status < 300 && isObject(answer.body)) return answer.body;
    const cause = isObject(answer.body) && isObject(answer.body.error) ? answer.body.error : undefined;
    const why = cause ? `${String(cause.type ?? 'error')}${cause.reason ? `: ${String(cause.reason)}` : ''}` : typeof answer.body === 'string' ? answer.body || 'no reason given' : 'not a JSON object';
    throw fail(`HTTP ${answer.status} (${why.slice(0, 300)})`, statusHint(answer.status, cause?.type));
  }
}

function statusHint(status: number, type: unknown): string {
  if (status === 401) return 'check the connection\'s auth (username, password) in opensearch.yaml';
  if (status === 403) return 'the credentials are valid but may not read this index: they need the read privilege on the index pattern';
  if (type === 'index_not_found_exception') return 'check the datasource\'s index_pattern in opensearch.yaml: no index of that name exists';
  if (type === 'search_context_missing_exception') return 'the scroll expired between pages; run the GET again';
  if (status === 400) return 'OpenSearch rejected the query: a value may not suit its field\'s type, or the timestamp field the timestamp_format';
  if (status === 404 || status < 300) return 'the url may not name an OpenSearch node (or a proxy in front of one)';
  return 'the server failed; try again later, or check its logs';
}

function send(ep: Endpoint, method: string, path: string, body: unknown): Promise<Answer> {
  const url = new URL(`${ep.node}${path}`);
  const data = body === undefined ? undefined : JSON.stringify(body);
  const headers: http.OutgoingHttpHeaders = { accept: 'application/json' };
  if (data !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) });
  if (ep.authorization) headers.authorization = ep.authorization;
  const options: https.RequestOptions = { method, headers, timeout: TIMEOUT_MS, rejectUnauthorized: ep.rejectUnauthorized };
  return new Promise((resolve, reject) => {
    const request = (url.protocol === 'https:' ? https : http).request(url, options, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          // A proxy's HTML page or plain text: reported as it is.
        }
        resolve({ status: response.statusCode ?? 0, body: parsed });
      });
    });
    request.on('timeout', () => request.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    request.on('error', reject);
    request.end(data);
  });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
