import type { NativeQuery, QueryFilter, SourceQuery } from '../../src/model/source-query';
import { nativeFields } from '../event-logs';
import { fieldCondition, type Field } from './field-condition';
import { quoteIdentifier } from './identifier';
import { Parameters } from './parameters';
import { COLUMNS, TIME_COLUMN } from './schema';

/**
 * The SELECT that reads the rows of `table` a GET may need: its WHERE holds every row whose document maps to a
 * matching entity (a superset: the engine filters again). Values travel as parameters, never in the text.
 */
export function compileQuery(table: string, query: SourceQuery | undefined): NativeQuery {
  const params = new Parameters();
  const conditions: string[] = [];
  const where = query?.where && filterCondition(query.where, params);
  if (where !== undefined) conditions.push(where);
  const time = quoteIdentifier(TIME_COLUMN);
  if (query?.start !== undefined) conditions.push(`${time} >= ${params.add(new Date(query.start).toISOString())}::timestamptz`);
  if (query?.stop !== undefined) conditions.push(`${time} < ${params.add(new Date(query.stop).toISOString())}::timestamptz`);
  const statement =
    `SELECT id, doc FROM ${quoteIdentifier(table)}` +
    (conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '') +
    ` ORDER BY ${time}, id`;
  return { language: 'sql', statement, parameters: params.values };
}

/** undefined stands for TRUE: what cannot be translated keeps every row. */
function filterCondition(filter: QueryFilter, params: Parameters): string | undefined {
  const before = params.values.length;
  const condition = translate(filter, params);
  if (condition === undefined) params.truncate(before);
  return condition;
}

function translate(filter: QueryFilter, params: Parameters): string | undefined {
  if (filter.kind === 'comparison') {
    const fields = nativeFields('ecs', filter.entityType, filter.attribute);
    const conditions = fields.map((f) => fieldCondition(fieldOf(f), filter.op, filter.value, params));
    if (conditions.length === 0 || conditions.includes(undefined)) return undefined;
    return conditions.length === 1 ? conditions[0] : `(${conditions.join(' OR ')})`;
  }
  const left = filterCondition(filter.left, params);
  const right = filterCondition(filter.right, params);
  if (filter.kind === 'or') return left === undefined || right === undefined ? undefined : `(${left} OR ${right})`;
  if (left === undefined || right === undefined) return left ?? right;
  return `(${left} AND ${right})`;
}

function fieldOf(name: string): Field {
  const type = COLUMNS.get(name);
  if (type === 'text') return { kind: 'text', column: quoteIdentifier(name) };
  if (type === 'bigint') return { kind: 'integer', column: quoteIdentifier(name) };
  return { kind: 'doc', path: name.split('.') };
}
