import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { KestrelError } from '../../src/model/errors';
import { CompiledMapping } from './mapping';
import type { MappingSpec } from './mapping-spec';

export type EventFormat = 'ecs' | 'otrf';

const FILES: Record<EventFormat, string> = { ecs: 'ecs.yaml', otrf: 'otrf-windows.yaml' };

/** Beside this module (the source tree under ts-jest), else the source tree seen from dist/connectors/event-logs. */
const DIRS = [path.join(__dirname, 'mappings'), path.join(__dirname, '..', '..', '..', 'connectors', 'event-logs', 'mappings')];

const compiled = new Map<EventFormat, CompiledMapping>();

/** The mapping of a format, read and compiled on first use. */
export function mappingFor(format: EventFormat): CompiledMapping {
  let m = compiled.get(format);
  if (!m) {
    const file = DIRS.map((d) => path.join(d, FILES[format])).find((f) => existsSync(f));
    if (!file) {
      throw new KestrelError('E_DATA_SOURCE', `event-logs: mapping file ${FILES[format]} not found`, {
        hint: `looked in ${DIRS.join(', ')}; reinstall kestrel-ts`,
      });
    }
    m = new CompiledMapping(parse(readFileSync(file, 'utf8'), { merge: true }) as MappingSpec, file);
    compiled.set(format, m);
  }
  return m;
}
