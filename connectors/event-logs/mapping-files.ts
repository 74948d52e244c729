import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { KestrelError } from '../../src/model/errors';
import { CompiledMapping } from './mapping';
import type { MappingSpec } from './mapping-spec';

export type EventFormat = 'ecs' | 'otrf' | 'ocsf';

const FILES: Record<EventFormat, string> = { ecs: 'ecs.yaml', otrf: 'otrf-windows.yaml', ocsf: 'ocsf.yaml' };

/** The source tree's mappings: beside this module under ts-jest, else seen from dist/connectors/event-logs. */
const DIRS = [path.join(__dirname, 'mappings'), path.join(__dirname, '..', '..', '..', 'connectors', 'event-logs', 'mappings')];
/** Where the build writes each mapping as JSON (fast to read), beside the compiled connector. */
const BUILT = path.join(__dirname, 'mappings');

const compiled = new Map<EventFormat, CompiledMapping>();

/** The mapping of a format, read and compiled on first use. */
export function mappingFor(format: EventFormat): CompiledMapping {
  let m = compiled.get(format);
  if (!m) {
    m = readMapping(format);
    compiled.set(format, m);
  }
  return m;
}

function readMapping(format: EventFormat): CompiledMapping {
  const built = path.join(BUILT, FILES[format].replace(/\.yaml$/, '.json'));
  if (existsSync(built)) return new CompiledMapping(JSON.parse(readFileSync(built, 'utf8')) as MappingSpec, built);
  const file = DIRS.map((d) => path.join(d, FILES[format])).find((f) => existsSync(f));
  if (!file) {
    throw new KestrelError('E_DATA_SOURCE', `event-logs: mapping file ${FILES[format]} not found`, {
      hint: `looked in ${DIRS.join(', ')}; reinstall kestrel-ts`,
    });
  }
  return new CompiledMapping(parse(readFileSync(file, 'utf8'), { merge: true }) as MappingSpec, file);
}
