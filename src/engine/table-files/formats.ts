import * as path from 'node:path';
import { KestrelError } from '../../model/errors';

/** The table formats LOAD reads and SAVE writes, named by the file suffix that selects them. */
export type TableFormat = 'csv' | 'csv.gz' | 'json' | 'json.gz' | 'parquet' | 'parquet.gz';

/** Longest suffix first, so `.parquet.gz` is not taken for a `.gz` of something else. */
export const TABLE_SUFFIXES: readonly string[] = ['.parquet.gz', '.csv.gz', '.json.gz', '.parquet', '.csv', '.json'];

/** The format a path's suffix selects (case-insensitive), or E_UNSUPPORTED_FORMAT listing the suffixes there are. */
export function formatOf(file: string): TableFormat {
  const name = path.basename(file).toLowerCase();
  const suffix = TABLE_SUFFIXES.find((s) => name.endsWith(s) && name.length > s.length);
  if (suffix) return suffix.slice(1) as TableFormat;
  const found = /(\.[^./\\]+){1,2}$/.exec(name)?.[0];
  throw new KestrelError(
    'E_UNSUPPORTED_FORMAT',
    `${file}: ${found ? `"${found}" is not a table format` : 'the file name has no suffix to tell its format'}`,
    { file, hint: `LOAD and SAVE choose the format by suffix: ${TABLE_SUFFIXES.join(', ')}; SAVE also writes graphs: .graphml, .gexf, .cyjs, .dot, .mmd, .stix.json` },
  );
}

/**
 * The absolute path of `file`: a `file://` prefix is dropped, then a relative path is resolved against
 * `baseDir` (the huntflow's folder), as data sources are.
 */
export function resolveTablePath(file: string, baseDir: string): string {
  let p = file;
  if (/^file:\/\//i.test(p)) p = p.slice('file://'.length);
  return path.resolve(baseDir, p);
}
