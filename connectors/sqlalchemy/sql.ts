import type { NativeQuery, QueryFilter, SourceQuery } from '../../src/model/source-query';
import type { InterfaceSource } from '../ocsf/interface-source';
import { nativeComparisons, type NativeComparison } from '../ocsf/native-comparisons';
import { strftime } from '../ocsf/time-format';

export type Dialect = 'sqlite' | 'postgresql';

/**
 * The SELECT a GET sends to a Kestrel 2 sqlalchemy data source: its WHERE on the native columns (the data model map's
 * translation, values as parameters), the time range on its timestamp column written in its timestamp_format, rows
 * ordered by time. What cannot be said exactly is left out of the WHERE (the engine filters again).
 */
export function selectStatement(ds: InterfaceSource, query: SourceQuery | undefined, dialect: Dialect): NativeQuery {
  const parts: Sql[] = [];
  const where = query?.where && filterSql(ds, query.where, dialect);
  if (where) parts.push(where);
  const time = quote(ds.timestamp);
  if (query?.start !== undefined) parts.push({ sql: `${time} >= ${MARK}`, values: [strftime(query.start, ds.timestampFormat)] });
  if (query?.stop !== undefined) parts.push({ sql: `${time} < ${MARK}`, values: [strftime(query.stop, ds.timestampFormat)] });
  const where_ = parts.length ? ` WHERE ${parts.map((p) => p.sql).join(' AND ')}` : '';
  let n = 0;
  const statement = `SELECT DISTINCT * FROM ${quote(ds.collection)}${where_} ORDER BY ${time}`.replace(/\u0000/g, () => (dialect === 'postgresql' ? `$${++n}` : '?'));
  return { language: 'sql', statement, parameters: parts.flatMap((p) => p.values) };
}

/** A placeholder, numbered once the statement is whole (a translation that is dropped leaves no parameter behind). */
const MARK = '\u0000';

interface Sql {
  sql: string;
  values: unknown[];
}

function filterSql(ds: InterfaceSource, f: QueryFilter, dialect: Dialect): Sql | undefined {
  if (f.kind === 'comparison') {
    const parts = nativeComparisons(ds.map, f)?.map((n) => comparisonSql(n, dialect));
    if (!parts?.length || parts.some((p) => p === undefined)) return undefined;
    return joined(parts as Sql[], 'OR');
  }
  const left = filterSql(ds, f.left, dialect);
  const right = filterSql(ds, f.right, dialect);
  if (f.kind === 'or') return left && right ? joined([left, right], 'OR') : undefined;
  return left && right ? joined([left, right], 'AND') : left ?? right;
}

function joined(parts: Sql[], op: 'AND' | 'OR'): Sql {
  if (parts.length === 1) return parts[0];
  return { sql: `(${parts.map((p) => p.sql).join(` ${op} `)})`, values: parts.flatMap((p) => p.values) };
}

function comparisonSql({ field, op, value }: NativeComparison, dialect: Dialect): Sql | undefined {
  const column = quote(field);
  if (Array.isArray(value)) {
    if (!value.length) return op === 'IN' ? { sql: 'FALSE', values: [] } : undefined;
    const list = value.map(() => MARK).join(', ');
    return op === 'IN' || op === 'NOT IN' ? { sql: `${column} ${op} (${list})`, values: value } : undefined;
  }
  if (value === null) return op === '!=' ? { sql: `${column} IS NOT NULL`, values: [] } : undefined;
  const like = dialect === 'postgresql' ? 'ILIKE' : 'LIKE';
  const sqlOp = op === 'LIKE' ? like : op === 'NOT LIKE' ? `NOT ${like}` : op === '!=' ? '<>' : ['=', '<', '<=', '>', '>='].includes(op) ? op : undefined;
  return sqlOp ? { sql: `${column} ${sqlOp} ${MARK}`, values: [value] } : undefined;
}

/** A quoted SQL identifier (`"process.name"`), as both SQLite and PostgreSQL read it. */
export function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
