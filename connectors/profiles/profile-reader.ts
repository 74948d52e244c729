import type { Observation } from '../../src/model/observation';
import type { NativeQuery, SourceQuery } from '../../src/model/source-query';
import type { Connector, ReadContext } from '../connector';
import type { CheckedProfile } from './check-profile';

/** A source that a whole profile configures (a server: host, port, indices, credentials), not connection.host alone. */
export interface ProfileSource {
  /** The canonical name the delegate's `locate` gives the same source. */
  location: string;
  read(ctx: ReadContext, query?: SourceQuery): AsyncIterable<Observation>;
  nativeQuery(query: SourceQuery): NativeQuery;
}

/** A delegate connector that also reads profiles of its stix-shifter type. */
export interface ProfileReader extends Connector {
  /** Throws E_DATA_SOURCE_PROFILE when the profile's connection or config cannot be used. */
  openProfile(profile: CheckedProfile): ProfileSource;
}

export function isProfileReader(connector: Connector): connector is ProfileReader {
  return typeof (connector as Partial<ProfileReader>).openProfile === 'function';
}
