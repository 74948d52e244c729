import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';

/** A Kestrel 2 field table: OCSF field names nested by `.`, leaves naming a field of another model. */
export type FieldTable = { [key: string]: FieldTable | FieldTable[] | string | string[] };

/** Kestrel 2's mapping tables (README.md beside them: source, commit, licence), parsed as PyYAML reads them. */
export interface Kestrel2Tables {
  /** `fields-stix.yaml`: OCSF field → `stix-type:path` (`*` leaves map whole entities: `process:parent_ref.*`). */
  stix: FieldTable;
  /** `fields-ecs.yaml`: OCSF field → ECS field, or a list of `{native_field, native_op, native_value, ocsf_value}`. */
  ecs: FieldTable;
  /** `types-ocsf.yaml`: OCSF field (`process.parent_process`, `dst_endpoint`) → OCSF entity type. */
  types: Record<string, string>;
}

const FILES = { stix: 'fields-stix.yaml', ecs: 'fields-ecs.yaml', types: 'types-ocsf.yaml' } as const;

let tables: Kestrel2Tables | undefined;

/**
 * The tables, read once on first use: the JSON the build writes beside the compiled module, else the YAML in the
 * source tree (beside this module under ts-jest; seen from dist/src/model/kestrel2 otherwise). A repeated key keeps
 * its last value, as PyYAML does (`fields-ecs.yaml` gives `file.modified_time` twice).
 */
export function kestrel2Tables(): Kestrel2Tables {
  tables ??= {
    stix: read(FILES.stix) as FieldTable,
    ecs: read(FILES.ecs) as FieldTable,
    types: read(FILES.types) as Record<string, string>,
  };
  return tables;
}

function read(name: string): unknown {
  const built = path.join(__dirname, name.replace(/\.yaml$/, '.json'));
  if (existsSync(built)) return JSON.parse(readFileSync(built, 'utf8'));
  const file = [__dirname, path.join(__dirname, '..', '..', '..', '..', 'src', 'model', 'kestrel2')]
    .map((d) => path.join(d, name))
    .find((f) => existsSync(f));
  if (!file) throw new Error(`Kestrel 2 mapping table ${name} not found beside ${__dirname}: reinstall kestrel-ts`);
  return parse(readFileSync(file, 'utf8'), { uniqueKeys: false });
}

/** A table's leaves by dotted OCSF field (`process.file.name`), in the table's order; keys with `[` (jmespath filters) are left out. */
export function leaves(table: FieldTable, prefix = ''): [field: string, value: unknown][] {
  return Object.entries(table).flatMap(([key, value]): [string, unknown][] => {
    if (key.includes('[')) return [];
    const field = prefix ? `${prefix}.${key}` : key;
    const nested = value !== null && typeof value === 'object' && !Array.isArray(value) && !('native_field' in value);
    return nested ? leaves(value as FieldTable, field) : [[field, value]];
  });
}
