import type { Connector } from './connector';
import { elasticsearchConnector } from './elasticsearch';
import { eventLogConnector } from './event-logs';
import { evtxConnector } from './evtx';
import { ocsfConnector } from './ocsf';
import { opensearchConnector } from './opensearch';
import { postgresqlConnector } from './postgresql';
import { loadProfiles, profileConnector } from './profiles';
import { stixBundleConnector } from './stix-bundle';
import { sqlalchemyConnector } from './sqlalchemy';
import { sysflowConnector } from './sysflow';

/**
 * Every connector kestrel-ts ships, asked in order whether it can read a data source. Profiles
 * (`stixshifter://name`) are read when a hunt first names one, so a broken profile file fails only those hunts.
 */
export function defaultConnectors(): Connector[] {
  const profiles = profileConnector(() => loadProfiles(), [stixBundleConnector, elasticsearchConnector, eventLogConnector]);
  return [profiles, elasticsearchConnector, ocsfConnector, evtxConnector, eventLogConnector, sysflowConnector, postgresqlConnector, sqlalchemyConnector, opensearchConnector, stixBundleConnector];
}
