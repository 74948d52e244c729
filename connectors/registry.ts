import type { Connector } from './connector';
import { stixBundleConnector } from './stix-bundle';

/** Every connector kestrel-ts ships, asked in order whether it can read a data source. */
export function defaultConnectors(): Connector[] {
  return [stixBundleConnector];
}
