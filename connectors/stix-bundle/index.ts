import { KestrelError } from '../../src/model/errors';
import type { Connector } from '../connector';
import { readSourceText } from './fetch-source';
import { parseBundle } from './parse-bundle';
import { parseJson } from './parse-json';
import { checkUri, locationOf, resolveSource } from './source-uri';

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
    const json = parseJson(await readSourceText(source), locationOf(source.uri));
    yield* parseBundle(json, source.uri, ctx.onWarning);
  },
};
