import type { Connector } from './connector';
import { loadProfiles, profileConnector } from './profiles';
import { stixBundleConnector } from './stix-bundle';

/**
 * Every connector kestrel-ts ships, asked in order whether it can read a data source. Profiles
 * (`stixshifter://name`) are read when a hunt first names one, so a broken profile file fails only those hunts.
 */
export function defaultConnectors(): Connector[] {
  return [profileConnector(() => loadProfiles(), [stixBundleConnector]), stixBundleConnector];
}
