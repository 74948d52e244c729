import type { Endpoint } from './endpoint';

export type Auth = { username: string; password: string } | { apiKey: string | { id: string; api_key: string } } | { bearer: string };

/** How to reach one index: the endpoint, credentials, TLS, and how patient to be. */
export interface Settings extends Endpoint {
  auth?: Auth;
  /** A PEM CA certificate (its text) to trust, or a file holding one (read when the client is made). */
  ca?: { pem: string } | { file: string };
  /** false for self-signed certificates that are not to be checked. */
  rejectUnauthorized: boolean;
  requestTimeoutMs: number;
  /** The client retries a request this many times on connection errors and 502/503/504, backing off. */
  maxRetries: number;
  pageSize: number;
  /** Says where the settings came from, for hints: the variables or the profile. */
  configuredBy: string;
}

export const DEFAULTS = { requestTimeoutMs: 30_000, maxRetries: 3, pageSize: 1000 } as const;
/** Elasticsearch answers at most index.max_result_window (10 000 by default) hits per search. */
export const MAX_PAGE_SIZE = 10_000;
