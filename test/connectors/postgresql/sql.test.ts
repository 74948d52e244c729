import { timeField } from '../../../connectors/event-logs';
import { quoteIdentifier } from '../../../connectors/postgresql/identifier';
import { TIME_COLUMN } from '../../../connectors/postgresql/schema';
import { compileQuery } from '../../../connectors/postgresql/sql';
import type { QueryFilter, QueryOp, QueryScalar, SourceQuery } from '../../../src/model/source-query';

const cmp = (attribute: string, op: QueryOp, value: QueryScalar | QueryScalar[], entityType = 'process'): QueryFilter => ({
  kind: 'comparison',
  entityType,
  attribute,
  op,
  value,
});
const get = (where?: QueryFilter, extra: Partial<SourceQuery> = {}): SourceQuery => ({ entityType: 'process', where, ...extra });
const whereOf = (where: QueryFilter) => compileQuery('events', get(where));
const ORDER = ' ORDER BY "@timestamp", id';

describe('compileQuery', () => {
  test('= on an attribute held by columns in two roles: one condition per column, ORed, values as parameters', () => {
    expect(whereOf(cmp('name', '=', 'schtasks.exe'))).toEqual({
      language: 'sql',
      statement: `SELECT id, doc FROM "events" WHERE ("process.name" = $1 OR "process.parent.name" = $2)${ORDER}`,
      parameters: ['schtasks.exe', 'schtasks.exe'],
    });
  });

  test('no query reads the whole table in time order', () => {
    expect(compileQuery('events', undefined)).toEqual({ language: 'sql', statement: `SELECT id, doc FROM "events"${ORDER}`, parameters: [] });
  });

  test('IN and NOT IN send the values as one array; != is <>', () => {
    const q = whereOf(cmp('parent_ref.name', 'IN', ['cmd.exe', 'powershell.exe']));
    expect(q.statement).toContain('WHERE "process.parent.name" = ANY($1::text[])');
    expect(q.parameters).toEqual([['cmd.exe', 'powershell.exe']]);
    expect(whereOf(cmp('parent_ref.name', 'NOT IN', ['a', 'b'])).statement).toContain(
      'WHERE "process.parent.name" IS NOT NULL AND NOT ("process.parent.name" = ANY($1::text[]))',
    );
    expect(whereOf(cmp('parent_ref.name', '!=', 'cmd.exe')).statement).toContain('WHERE "process.parent.name" <> $1');
  });

  test('integer columns compare numbers, and numeric strings as the numbers they spell', () => {
    expect(whereOf(cmp('pid', '=', 460))).toMatchObject({
      statement: expect.stringContaining('WHERE ("process.pid" = $1::bigint OR "process.parent.pid" = $2::bigint)'),
      parameters: [460, 460],
    });
    expect(whereOf(cmp('pid', 'IN', ['460', 8920])).parameters).toEqual([[460, 8920], [460, 8920]]);
    expect(whereOf(cmp('dst_port', '>=', 1024, 'network-traffic')).statement).toContain('WHERE "destination.port" >= $1::numeric');
    expect(whereOf(cmp('dst_port', '=', 'http', 'network-traffic')).statement).toContain('WHERE FALSE');
  });

  test('a number against a text column compares as a number, without casting text that is not one', () => {
    const { statement, parameters } = whereOf(cmp('parent_ref.name', '=', 7));
    expect(statement).toContain(`CASE WHEN "process.parent.name" ~ '^\\s*[-+]?`);
    expect(statement).toContain('THEN "process.parent.name"::numeric END) = $1::numeric');
    expect(parameters).toEqual([7]);
  });

  test('LIKE is case-insensitive with no escape character, as the engine does it', () => {
    expect(whereOf(cmp('parent_ref.name', 'LIKE', 'CMD%')).statement).toContain(`WHERE "process.parent.name" ILIKE $1 ESCAPE ''`);
    expect(whereOf(cmp('parent_ref.name', 'NOT LIKE', 'a_b')).statement).toContain(`"process.parent.name" NOT ILIKE $1 ESCAPE ''`);
  });

  test('MATCHES is ~ with the pattern rewritten for PostgreSQL; a pattern it cannot rewrite is dropped', () => {
    const q = whereOf(cmp('parent_ref.name', 'MATCHES', '^cmd\\d\\.exe$'));
    expect(q.statement).toContain('WHERE "process.parent.name" ~ $1');
    expect(q.parameters).toEqual(['^cmd[0-9]\\.exe$']);
    expect(whereOf(cmp('parent_ref.name', 'NOT MATCHES', '(?<=c)md')).statement).toBe(`SELECT id, doc FROM "events"${ORDER}`);
  });

  test('a field that is not a column is read from doc by a path parameter, every element of an array', () => {
    const q = compileQuery('events', { entityType: 'file', where: cmp('name', '=', 'ntdll.dll', 'file') });
    expect(q.statement).toContain(
      "(EXISTS (SELECT FROM jsonb_array_elements_text(CASE jsonb_typeof(doc #> $1::text[]) WHEN 'array' THEN doc #> $1::text[] " +
        'ELSE jsonb_build_array(doc #> $1::text[]) END) AS e(value) WHERE e.value = $2) OR "file.name" = $3)',
    );
    expect(q.parameters).toEqual([['dll', 'name'], 'ntdll.dll', 'ntdll.dll']);
  });

  test('= null cannot be pushed down (an entity may lack the attribute in a role no field holds); != null is IS NOT NULL', () => {
    expect(whereOf(cmp('parent_ref.name', '=', null)).statement).toBe(`SELECT id, doc FROM "events"${ORDER}`);
    expect(whereOf(cmp('parent_ref.name', '!=', null)).statement).toContain('WHERE "process.parent.name" IS NOT NULL');
  });

  describe('superset rule', () => {
    const unknown = cmp('no_such_attribute', '=', 'x');
    const known = cmp('parent_ref.name', '=', 'cmd.exe');

    test('an untranslatable comparison is TRUE inside AND: the other side stays, its parameters only', () => {
      expect(whereOf({ kind: 'and', left: unknown, right: known })).toMatchObject({
        statement: `SELECT id, doc FROM "events" WHERE "process.parent.name" = $1${ORDER}`,
        parameters: ['cmd.exe'],
      });
    });

    test('an untranslatable comparison makes its OR TRUE, and leaves no parameter behind', () => {
      expect(whereOf({ kind: 'or', left: known, right: unknown })).toEqual({
        language: 'sql',
        statement: `SELECT id, doc FROM "events"${ORDER}`,
        parameters: [],
      });
      const nested: QueryFilter = { kind: 'and', left: { kind: 'or', left: known, right: unknown }, right: cmp('pid', '>', 4) };
      expect(whereOf(nested).parameters).toEqual([4, 4]);
    });

    test('CIDR subsets are not pushed down', () => {
      expect(compileQuery('events', { entityType: 'ipv4-addr', where: cmp('value', 'ISSUBSET', '10.0.0.0/8', 'ipv4-addr') }).statement).not.toContain('WHERE');
    });
  });

  test('the time range bounds "@timestamp", [start, stop)', () => {
    const q = compileQuery('events', get(cmp('pid', '=', 1), { start: Date.UTC(2020, 11, 19, 7), stop: Date.UTC(2020, 11, 19, 8) }));
    expect(q.statement).toContain('AND "@timestamp" >= $3::timestamptz AND "@timestamp" < $4::timestamptz ORDER BY');
    expect(q.parameters?.slice(2)).toEqual(['2020-12-19T07:00:00.000Z', '2020-12-19T08:00:00.000Z']);
  });

  test('the time column is the field the ECS mapping reads the record time from (the event time, as files are filtered)', () => {
    expect(TIME_COLUMN).toBe(timeField('ecs'));
  });

  test('hostile values stay parameters; hostile table names are quoted', () => {
    const hostile = `'; DROP TABLE events; --`;
    const q = compileQuery('ev"ents; DROP TABLE x', get(cmp('name', 'IN', [hostile, `"quoted"`])));
    expect(q.statement).toBe(
      `SELECT id, doc FROM "ev""ents; DROP TABLE x" WHERE ("process.name" = ANY($1::text[]) OR "process.parent.name" = ANY($2::text[]))${ORDER}`,
    );
    expect(q.parameters).toEqual([[hostile, '"quoted"'], [hostile, '"quoted"']]);
  });
});

test('quoteIdentifier doubles double quotes', () => {
  expect(quoteIdentifier('a"b""c')).toBe('"a""b""""c"');
  expect(quoteIdentifier('@timestamp')).toBe('"@timestamp"');
});
