import type { VariableSummary } from '../../engine/summary';
import { KEYWORDS } from '../../lang/keywords';

/** One line for each command and the words around it (Jupyter's Shift-Tab). */
const HELP: Record<string, string> = {
  GET: 'x = GET type FROM source WHERE condition [START t STOP t]: entities of a type from a data source or a variable',
  FIND: 'x = FIND type RELATION [BY] y: entities related to those of y (CREATED, ACCEPTED, LOADED, OWNED, LINKED, …)',
  NEW: 'x = NEW [type] [{…}, …]: a variable from entities written in the huntflow',
  GROUP: 'x = GROUP y BY attribute, … [WITH aggregation]: rows of y grouped by attributes',
  JOIN: 'x = JOIN y, z [BY a, b]: rows pairing entities of y and z whose attributes match',
  SORT: 'x = SORT y BY attribute [ASC|DESC]: y in order',
  LOAD: 'x = LOAD file [AS type]: entities from a CSV, JSON or Parquet file',
  TRACK: 'x = TRACK BACKWARD|FORWARD y [DEPTH n] [LIMIT n]: what led to the entities of y, or what followed them',
  APPLY: 'APPLY analytics ON x, … [WITH k=v]: run an analytics that adds attributes or a display',
  DISP: 'DISP x [ATTR a, …] [SORT BY a] [LIMIT n]: a table of the entities of x',
  INFO: 'INFO x: the type, counts, attributes and data sources of a variable',
  SAVE: 'SAVE x TO file: the entities of x to CSV, JSON, Parquet or a graph format',
  DESCRIBE: 'DESCRIBE x.attribute: statistics of one attribute',
  EXPLAIN: 'EXPLAIN x: the dataflow behind a variable and the native queries it runs',
  WHERE: 'WHERE condition: keep entities whose attributes match (=, !=, <, IN, LIKE, MATCHES, IS NULL; AND, OR)',
  FROM: 'FROM source: a data source URI (file://, stixshifter://, …) or a variable',
  ATTR: 'ATTR a, b, …: the attributes a table shows',
  BY: 'BY: what a FIND, GROUP, JOIN or SORT goes by',
  START: "START t'…' STOP t'…': the time window of a GET",
  STOP: "START t'…' STOP t'…': the time window of a GET",
  LAST: 'LAST n MINUTES|HOURS|DAYS: a time window ending now',
  LIMIT: 'LIMIT n: at most n rows',
  OFFSET: 'OFFSET n: skip the first n rows',
};

/** The word at (or just before) `cursor`. */
export function wordAt(text: string, cursor: number): string {
  const before = /[A-Za-z0-9_-]*$/.exec(text.slice(0, cursor))?.[0] ?? '';
  const after = /^[A-Za-z0-9_-]*/.exec(text.slice(cursor))?.[0] ?? '';
  return before + after;
}

/** What Shift-Tab shows for a word: a variable's type and counts, or a keyword's line of help. */
export function inspect(word: string, variables: ReadonlyMap<string, VariableSummary>): string | undefined {
  const v = variables.get(word);
  if (v) {
    const rows = v.rows === undefined ? '' : `, ${v.rows} rows`;
    return `${v.name}: ${v.type} variable, ${v.entities} entities, ${v.records} records${rows}`;
  }
  const k = word.toUpperCase();
  if (HELP[k]) return HELP[k];
  return KEYWORDS.includes(k) ? `${k}: a Kestrel keyword` : undefined;
}
