import { isKestrelError, KestrelError, type ErrorDetails } from '../../src/model/errors';
import type { NativeQuery, SourceQuery } from '../../src/model/source-query';
import type { CanRead, Connector, ReadContext } from '../connector';
import { checkProfile, connectorType, where, type CheckedProfile } from './check-profile';
import { closestName } from './closest-name';
import type { Profiles } from './load-profiles';
import { isPlainObject } from './plain-values';
import { isProfileReader } from './profile-reader';

const NAME = 'stixshifter-profiles';
const SCHEME = /^stixshifter:\/\//i;
const MAX_LISTED = 10;

/** stix-shifter connector types kestrel-ts reads, each with the connector (by name) that reads its hosts. */
export const SUPPORTED_CONNECTORS: Readonly<Record<string, string>> = Object.freeze({ stix_bundle: 'stix-bundle', elastic_ecs: 'elasticsearch' });

const WHERE_PROFILES =
  'profiles are defined in ~/.config/kestrel/stixshifter.yaml (or the file $KESTREL_STIXSHIFTER_CONFIG names) ' +
  'and in STIXSHIFTER_<PROFILE>_CONNECTOR / _CONNECTION / _CONFIG environment variables';

/**
 * Reads `stixshifter://PROFILE` data sources through the profile's connector: a `stix_bundle` profile is read by
 * the delegate named `stix-bundle` from `connection.host` (a URL or a path; several separated by commas), relative
 * paths resolving against the profile's folder. `locate` gives the delegate's canonical location, so a bundle
 * named by profile and by path is read once, and records keep the delegate's `source`. A delegate that is a
 * ProfileReader (`elasticsearch` for `elastic_ecs`) is handed the whole profile, and takes the GET's query.
 *
 * `profiles` may be a function: it is called once, here, and if it throws (a broken profile file), the error is
 * kept and thrown when a `stixshifter://` source is used, so hunts on other sources still run.
 */
export function profileConnector(profiles: Profiles | (() => Profiles), delegates: readonly Connector[]): Connector {
  let known: Profiles = new Map();
  let loadError: unknown;
  if (typeof profiles === 'function') {
    try {
      known = profiles();
    } catch (e) {
      loadError = e;
    }
  } else known = profiles;
  /** An elastic_ecs profile whose host is an exported file (ECS NDJSON) reads it with this connector. */
  const fileReader = delegates.find((d) => d.name === 'event-logs');
  const readers = new Map<string, Connector>();
  for (const [type, delegateName] of Object.entries(SUPPORTED_CONNECTORS)) {
    const delegate = delegates.find((d) => d.name === delegateName);
    if (delegate) readers.set(type, delegate);
  }

  function canRead(uri: string): CanRead {
    if (!SCHEME.test(uri)) return { ok: false, reason: `${NAME} reads stixshifter://PROFILE URIs, not ${uri.slice(0, 80)}` };
    if (loadError !== undefined) return { ok: true };
    const name = profileName(uri);
    if (name === '') return { ok: false, reason: `${uri.slice(0, 80)} names no profile: write stixshifter://PROFILE` };
    const profile = known.get(name);
    if (!profile) return { ok: false, reason: unknownProfile(name, [...known.keys()]) };
    const type = connectorType(profile);
    if (type !== undefined && !readers.has(type)) {
      return { ok: false, reason: `profile ${name} (${where(profile)}) uses connector ${type}, which kestrel-ts does not support yet; supported: ${supported(readers)}` };
    }
    return { ok: true };
  }

  /** The checked profile and its reader; throws what canRead declines (E_DATA_SOURCE) or a broken profile (E_DATA_SOURCE_PROFILE). */
  function resolve(uri: string): { profile: CheckedProfile; reader: Connector } {
    const verdict = canRead(uri);
    if (!verdict.ok) throw new KestrelError('E_DATA_SOURCE', verdict.reason, { file: uri, hint: WHERE_PROFILES });
    if (loadError !== undefined) throw loadError;
    const profile = checkProfile(known.get(profileName(uri))!);
    const reader = (profile.connector === 'elastic_ecs' && profile.hosts.every(isFileHost) && fileReader) || readers.get(profile.connector)!;
    if (isProfileReader(reader)) return { profile, reader };
    for (const host of profile.hosts) {
      const can = reader.canRead(host);
      if (!can.ok) {
        throw new KestrelError('E_DATA_SOURCE_PROFILE',
          `data-source profile ${profile.name} (${where(profile)}): connection.host ${JSON.stringify(host.slice(0, 80))} cannot be read: ${can.reason}`,
          { hint: `a ${profile.connector} profile's connection.host is a URL or a path of a STIX bundle; separate several with commas` });
      }
    }
    return { profile, reader };
  }

  /** `file://…`, or a path with an event-log suffix: a profile that names an export rather than a server. */
  function isFileHost(host: string): boolean {
    return /^file:\/\//i.test(host) || /\.(?:ndjson|jsonl|json)(?:\.gz)?$/i.test(host);
  }

  const contextOf = (profile: CheckedProfile, ctx: ReadContext): ReadContext => ({ ...ctx, baseDir: profile.baseDir });

  /** The query a profile read by a ProfileReader sends; profiles read whole (stix_bundle) have none. */
  function nativeQuery(uri: string, query: SourceQuery): NativeQuery | undefined {
    const { profile, reader } = resolve(uri);
    return isProfileReader(reader) ? reader.openProfile(profile).nativeQuery(query) : undefined;
  }

  return {
    name: NAME,
    canRead,
    locate(uri, ctx) {
      const { profile, reader } = resolve(uri);
      if (isProfileReader(reader)) return reader.openProfile(profile).location;
      const inProfile = contextOf(profile, ctx);
      return [...new Set(profile.hosts.map((host) => reader.locate(host, inProfile)))].join(',');
    },
    nativeQuery,
    async *read(uri, ctx, query) {
      const { profile, reader } = resolve(uri);
      const inProfile = contextOf(profile, ctx);
      if (isProfileReader(reader)) {
        try {
          yield* reader.openProfile(profile).read(inProfile, query);
        } catch (e) {
          throw isKestrelError(e) ? inProfileError(e, uri, profile) : e;
        }
        return;
      }
      warnUnusedAuth(uri, profile, ctx);
      const seen = new Set<string>();
      for (const host of profile.hosts) {
        const location = reader.locate(host, inProfile);
        if (seen.has(location)) continue;
        seen.add(location);
        try {
          yield* reader.read(host, inProfile);
        } catch (e) {
          throw isKestrelError(e) ? inProfileError(e, uri, profile) : e;
        }
      }
    },
  };
}

/** The profile a URI names: what follows the scheme, without a trailing slash, lower-cased as Kestrel does. */
function profileName(uri: string): string {
  return uri.replace(SCHEME, '').trim().replace(/\/+$/, '').toLowerCase();
}

function supported(readers: ReadonlyMap<string, Connector>): string {
  return [...readers.keys()].join(', ') || 'none';
}

function unknownProfile(name: string, names: string[]): string {
  if (names.length === 0) return `no data-source profile is defined, so stixshifter://${name} names nothing; ${WHERE_PROFILES}`;
  const guess = closestName(name, names);
  const sorted = [...names].sort();
  const listed = sorted.slice(0, MAX_LISTED).join(', ') + (sorted.length > MAX_LISTED ? `, … (${sorted.length} in all)` : '');
  return `no data-source profile ${name}${guess ? ` (did you mean ${guess}?)` : ''}; defined: ${listed}`;
}

/** kestrel-ts reads stix_bundle hosts without credentials: say so when a profile gives some for an http(s) host. */
function warnUnusedAuth(uri: string, profile: CheckedProfile, ctx: ReadContext): void {
  const auth = profile.config.auth;
  const given = isPlainObject(auth) && Object.values(auth).some((v) => v !== null && v !== undefined && v !== '');
  if (given && profile.hosts.some((h) => /^https?:\/\//i.test(h))) {
    ctx.onWarning?.(`${uri}: config.auth of profile ${profile.name} is not used: kestrel-ts fetches stix_bundle URLs without authentication`);
  }
}

/** A reader's error, saying which profile the source came from and where its relative paths resolve. */
function inProfileError(e: KestrelError, uri: string, profile: CheckedProfile): KestrelError {
  const details: ErrorDetails = {};
  for (const key of ['file', 'line', 'column', 'excerpt', 'expected'] as const) {
    if (e[key] !== undefined) (details as Record<string, unknown>)[key] = e[key];
  }
  // The stix-bundle hint speaks of the huntflow folder; a profile's relative paths resolve against its own folder.
  const hint = (e.hint ?? '').replace('relative paths resolve against the huntflow folder', `relative paths resolve against ${profile.baseDir}`);
  details.hint = `${hint ? `${hint}; ` : ''}the source is connection.host of profile ${profile.name} (${where(profile)})`;
  return new KestrelError(e.code, `${uri}: ${e.message}`, details);
}
