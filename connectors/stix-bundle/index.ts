import { KestrelError } from '../../src/model/errors';
import type { Connector } from '../connector';
import { parseBundle } from './parse-bundle';
import { readBundle } from './read-bundle';
import { checkUri, resolveSource } from './source-uri';

export { parseBundle } from './parse-bundle';

/** Reads STIX 2.0 and 2.1 bundles from files and http(s) URLs: one Observation per observed-data. */
export const stixBundleConnector: Connector = {
  name: 'stix-bundle',
  canRead: (uri, ctx) => checkUri(uri, ctx?.baseDir),
  locate: (uri, ctx) => resolveSource(uri, ctx.baseDir).uri,
  async *read(uri, ctx) {
    const verdict = checkUri(uri, ctx.baseDir);
    if (!verdict.ok) throw new KestrelError('E_DATA_SOURCE', verdict.reason, { file: uri });
    const source = resolveSource(uri, ctx.baseDir);
    yield* parseBundle(await readBundle(source, ctx.onProgress), source.uri, ctx.onWarning);
  },
};
