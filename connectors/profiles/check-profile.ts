import { KestrelError } from '../../src/model/errors';
import type { Profile } from './load-profiles';
import { describe, isPlainObject, type PlainObject } from './plain-values';

/** A profile that has what a connector needs. */
export interface CheckedProfile {
  name: string;
  /** The stix-shifter connector name, lower-cased (`stix_bundle`, `elastic_ecs`, …). */
  connector: string;
  /** `connection` as written: `host`, and `port`, `options`, … which kestrel-ts does not use for stix_bundle. */
  connection: PlainObject & { host: string };
  /** `config` as written (`auth`, …); `{}` when absent. Never shown in messages: it holds secrets. */
  config: PlainObject;
  /** `connection.host` split at commas: one URL or path each. */
  hosts: string[];
  baseDir: string;
  definedIn: string[];
}

const EXAMPLE = 'e.g. "connector: stix_bundle" and "connection: {host: https://example.com/bundle.json}"';

/** The profile, checked; E_DATA_SOURCE_PROFILE saying what is missing or wrong when it cannot be used. */
export function checkProfile(profile: Profile): CheckedProfile {
  if (profile.problem) throw profile.problem;
  const fail = (problem: string, hint: string): never => {
    throw new KestrelError('E_DATA_SOURCE_PROFILE', `data-source profile ${profile.name} (${where(profile)}) ${problem}`, {
      ...(profile.file ? { file: profile.file } : {}),
      ...(profile.line ? { line: profile.line } : {}),
      hint,
    });
  };
  const settings = profile.settings;
  if (!isPlainObject(settings) || Object.keys(settings).length === 0) {
    fail(settings === null || settings === undefined || isPlainObject(settings) ? 'is empty' : `must be a mapping, not ${describe(settings)}`,
      `a profile has a connector and a connection with a host, ${EXAMPLE}`);
  }
  const s = settings as PlainObject;
  const connector = own(s, 'connector');
  if (connector === undefined || connector === null) fail('has no connector', `add the connector type, ${EXAMPLE}`);
  if (typeof connector !== 'string' || connector.trim() === '') {
    fail(`has connector ${describe(connector)}, not a connector name`, `name the connector type, ${EXAMPLE}`);
  }
  const connection = own(s, 'connection');
  if (connection === undefined || connection === null) fail('has no connection', `add where the data is, ${EXAMPLE}`);
  if (!isPlainObject(connection)) fail(`has connection ${describe(connection)}, not a mapping`, `write connection as a mapping, ${EXAMPLE}`);
  const c = connection as PlainObject;
  const host = own(c, 'host');
  if (host === undefined || host === null) fail('has no connection.host', `add the URL or path of the data, ${EXAMPLE}`);
  if (typeof host !== 'string') fail(`has connection.host ${describe(host)}, not a URL or path`, `write the host as a string, ${EXAMPLE}`);
  const hosts = (host as string).split(',').map((h) => h.trim()).filter((h) => h !== '');
  if (hosts.length === 0) fail('has an empty connection.host', `add the URL or path of the data, ${EXAMPLE}`);
  const options = own(c, 'options');
  if (options !== undefined && options !== null && !isPlainObject(options)) {
    fail(`has connection.options ${describe(options)}, not a mapping`, 'write options as a mapping, e.g. "options: {retrieval_batch_size: 2000}"');
  }
  const config = own(s, 'config');
  if (config !== undefined && config !== null && !isPlainObject(config)) {
    // Not described: config holds credentials.
    fail('has a config that is not a mapping', 'write config as a mapping, e.g. "config: {auth: {username: me, password: $PASSWORD}}"');
  }
  return {
    name: profile.name,
    connector: (connector as string).trim().toLowerCase(),
    connection: c as PlainObject & { host: string },
    config: isPlainObject(config) ? config : {},
    hosts,
    baseDir: profile.baseDir,
    definedIn: profile.definedIn,
  };
}

/** The connector type a profile names, lower-cased, if it names one. */
export function connectorType(profile: Profile): string | undefined {
  const connector = isPlainObject(profile.settings) ? own(profile.settings, 'connector') : undefined;
  return typeof connector === 'string' && connector.trim() !== '' ? connector.trim().toLowerCase() : undefined;
}

export function where(profile: Pick<Profile, 'definedIn'>): string {
  return `defined in ${profile.definedIn.join(' and ')}`;
}

function own(object: PlainObject, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}
