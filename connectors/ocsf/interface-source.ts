import { KestrelError } from '../../src/model/errors';
import type { FieldTable } from '../../src/model/kestrel2/tables';
import { DataModelMap } from './data-model-map';
import { isPlainObject, type PlainObject } from '../profiles/plain-values';
import { loadUserConfig } from '../user-config';

/** A Kestrel 2 interface data source: where its rows are and how they map to OCSF. */
export interface InterfaceSource {
  name: string;
  /** The connection's `url`. */
  url: string;
  /** The table (sqlalchemy) or index pattern (opensearch). */
  collection: string;
  timestamp: string;
  timestampFormat: string;
  map: DataModelMap;
  /** The connection's other settings as written (opensearch: auth, verify_certs). */
  connection: PlainObject;
}

/**
 * `NAME` of a Kestrel 2 interface config (`sqlalchemy.yaml`, `opensearch.yaml`: `connections` by name, `datasources`
 * by name each naming its connection), as Kestrel 2 reads it; E_DATA_SOURCE naming the file when it is not there.
 */
export function interfaceSource(scheme: string, envVar: string, fileName: string, collectionKey: string, name: string): InterfaceSource {
  const { file, config } = loadUserConfig(envVar, fileName, 'E_DATA_SOURCE');
  const problem = (message: string, hint: string) => new KestrelError('E_DATA_SOURCE', `${scheme}://${name}: ${message}`, { file, hint });
  const datasources = isPlainObject(config.datasources) ? config.datasources : {};
  const ds = Object.hasOwn(datasources, name) ? datasources[name] : undefined;
  if (!isPlainObject(ds)) {
    const known = Object.keys(datasources).sort();
    throw problem(`no datasource ${name} in ${file} (${known.length ? `it has ${known.join(', ')}` : 'it has none'})`, `define datasources: {${name}: {connection, ${collectionKey}, timestamp, timestamp_format}} there, or set ${envVar}`);
  }
  const connections = isPlainObject(config.connections) ? config.connections : {};
  const connection = typeof ds.connection === 'string' && Object.hasOwn(connections, ds.connection) ? connections[ds.connection] : undefined;
  if (!isPlainObject(connection) || typeof connection.url !== 'string') {
    throw problem(`its connection ${String(ds.connection)} is not among the connections of ${file}, or has no url`, 'each datasource names a connection, which has a url');
  }
  for (const key of [collectionKey, 'timestamp', 'timestamp_format']) {
    if (typeof ds[key] !== 'string') throw problem(`datasource ${name} has no ${key}`, `Kestrel 2 needs ${collectionKey}, timestamp and timestamp_format for each datasource`);
  }
  const map = ds.data_model_map === undefined || ds.data_model_map === null ? new DataModelMap() : isPlainObject(ds.data_model_map) ? new DataModelMap(ds.data_model_map as FieldTable) : undefined;
  if (!map) throw problem('its data_model_map is neither a mapping nor a .yaml file', 'name a YAML file of OCSF field: native field, or leave it out for the ECS map');
  return { name, url: connection.url, collection: ds[collectionKey] as string, timestamp: ds.timestamp as string, timestampFormat: ds.timestamp_format as string, map, connection };
}
