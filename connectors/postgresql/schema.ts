import { quoteIdentifier } from './identifier';

export type ColumnType = 'text' | 'bigint' | 'timestamptz';

export const TIME_COLUMN = '@timestamp';

/**
 * The events table: one row per ECS document, the whole document in `doc` (nested objects), and copies of
 * the fields hunts filter on most, named by their ECS dotted names. A column holds exactly the document's
 * value at that field (or NULL when the field is absent), so filtering on the column and mapping `doc` agree.
 */
export const COLUMNS: ReadonlyMap<string, ColumnType> = new Map<string, ColumnType>([
  [TIME_COLUMN, 'timestamptz'],
  ['event.code', 'text'],
  ['host.name', 'text'],
  ['process.entity_id', 'text'],
  ['process.pid', 'bigint'],
  ['process.name', 'text'],
  ['process.executable', 'text'],
  ['process.command_line', 'text'],
  ['process.parent.entity_id', 'text'],
  ['process.parent.pid', 'bigint'],
  ['process.parent.name', 'text'],
  ['process.parent.executable', 'text'],
  ['process.parent.command_line', 'text'],
  ['user.name', 'text'],
  ['source.ip', 'text'],
  ['source.port', 'bigint'],
  ['destination.ip', 'text'],
  ['destination.port', 'bigint'],
  ['file.path', 'text'],
  ['file.name', 'text'],
  ['dll.path', 'text'],
  ['dns.question.name', 'text'],
  ['registry.path', 'text'],
]);

/** Columns with a B-tree index besides the time: process identity and the names hunts start from. */
const INDEXED = [
  'event.code', 'host.name', 'process.entity_id', 'process.pid', 'process.name', 'process.parent.entity_id',
  'process.parent.name', 'user.name', 'source.ip', 'destination.ip', 'file.path', 'dns.question.name',
];

/** CREATE TABLE IF NOT EXISTS and its indexes, for a table of any name. */
export function createTableStatements(table: string): string[] {
  const columns = [...COLUMNS].map(([name, type]) => `${quoteIdentifier(name)} ${type}`);
  const t = quoteIdentifier(table);
  const index = (i: number, columns: string) =>
    `CREATE INDEX IF NOT EXISTS ${quoteIdentifier(`${table.slice(0, 40)}_k${i}`)} ON ${t} (${columns})`;
  return [
    `CREATE TABLE IF NOT EXISTS ${t} (id bigserial PRIMARY KEY, ${columns.join(', ')}, doc jsonb NOT NULL)`,
    index(0, `${quoteIdentifier(TIME_COLUMN)}, id`),
    ...INDEXED.map((name, i) => index(i + 1, quoteIdentifier(name))),
  ];
}
