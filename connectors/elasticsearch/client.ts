import { readFileSync } from 'node:fs';
import type { Client, ClientOptions } from '@elastic/elasticsearch';
import { KestrelError } from '../../src/model/errors';
import type { Settings } from './settings';

/** An Elasticsearch client for one endpoint; E_DATA_SOURCE when the CA file cannot be read. */
export function createClient(settings: Settings): Client {
  const options: ClientOptions = {
    node: settings.node,
    requestTimeout: settings.requestTimeoutMs,
    maxRetries: settings.maxRetries,
    tls: { rejectUnauthorized: settings.rejectUnauthorized, ...(settings.ca ? { ca: caText(settings) } : {}) },
  };
  if (settings.auth) options.auth = settings.auth;
  // Loaded on first use: the client costs a quarter of a second to load, which hunts on files should not pay.
  const { Client: EsClient } = require('@elastic/elasticsearch') as typeof import('@elastic/elasticsearch');
  return new EsClient(options);
}

function caText(settings: Settings): string {
  const ca = settings.ca!;
  if ('pem' in ca) return ca.pem;
  try {
    return readFileSync(ca.file, 'utf8');
  } catch (e) {
    throw new KestrelError('E_DATA_SOURCE', `${settings.location}: cannot read the CA certificate ${ca.file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, {
      file: settings.location,
      hint: `the CA certificate comes from ${settings.configuredBy}: name a readable PEM file`,
    });
  }
}
