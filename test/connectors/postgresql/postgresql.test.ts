import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { loadEcsNdjson, postgresqlConnector } from '../../../connectors/postgresql';
import { nativeFields } from '../../../connectors/event-logs';
import { fieldValue, nestFields } from '../../../connectors/postgresql/nest-fields';
import { posixRegex } from '../../../connectors/postgresql/posix-regex';
import { compare } from '../../../src/engine/compare';
import { isKestrelError, type KestrelError } from '../../../src/model/errors';
import type { AttrValue, Observation } from '../../../src/model/observation';
import type { QueryComparison, QueryOp, QueryScalar, SourceQuery } from '../../../src/model/source-query';
import { freePort } from '../../pg-cluster';
import { tempHome } from '../../temp-home';
import { describeWithPostgres, EVENTS_FILE, EVENTS_IN_FILE, useEventsCluster } from './cluster';

const ROOT = path.join(__dirname, '..', '..', '..');
const ctx = { baseDir: '/' };
const DOCS = readFileSync(EVENTS_FILE, 'utf8').split('\n').filter((l) => l.trim()).map((l) => nestFields(JSON.parse(l)));

async function readAll(uri: string, query?: SourceQuery, onProgress?: (n: number) => void): Promise<Observation[]> {
  const out: Observation[] = [];
  for await (const o of postgresqlConnector.read(uri, { ...ctx, onProgress }, query)) out.push(o);
  return out;
}

async function failure(p: Promise<unknown>): Promise<KestrelError> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  if (!isKestrelError(e)) throw new Error(`expected a KestrelError, got ${String(e)}`);
  return e;
}

async function sql<T>(uri: string, text: string, values?: unknown[]): Promise<T[]> {
  const client = new Client({ connectionString: uri });
  await client.connect();
  try {
    return (await client.query(text, values)).rows;
  } finally {
    await client.end();
  }
}

const comparison = (attribute: string, op: QueryOp, value: QueryScalar | QueryScalar[], entityType = 'process'): QueryComparison => ({
  kind: 'comparison', entityType, attribute, op, value,
});

/** The fixture lines (1-based, as the loader numbered the rows) where some field value satisfies the comparison as the engine decides it. */
function engineMatches(c: QueryComparison): number[] {
  const fields = nativeFields('ecs', c.entityType, c.attribute);
  return DOCS.flatMap((doc, i) => {
    const values = fields.flatMap((f) => [fieldValue(doc, f)].flat()).filter((v) => v !== undefined && v !== null) as AttrValue[];
    return compare(values, c.op, c.value) ? [i + 1] : [];
  });
}

describeWithPostgres('postgresql connector on a throwaway cluster', () => {
  const { cluster } = useEventsCluster();
  const uri = () => cluster().uri;
  /** The rows the pushed-down statement selects; the loader gave line n of the fixture row id n. */
  const rowIds = async (query: SourceQuery) => {
    const { statement, parameters } = postgresqlConnector.nativeQuery!(uri(), query, ctx)!;
    return (await sql<{ id: string }>(uri(), statement, parameters)).map((r) => Number(r.id)).sort((a, b) => a - b);
  };

  test('the loader put every document of the fixture in the table, columns filled from the document', async () => {
    const [row] = await sql<{ n: string; pids: string }>(
      uri(),
      `SELECT count(*) AS n, count("process.pid") AS pids FROM events WHERE doc->'process'->'pid' IS NOT NULL OR "process.pid" IS NULL`,
    );
    expect(Number(row.n)).toBe(EVENTS_IN_FILE);
    expect(Number(row.pids)).toBe(DOCS.filter((d) => fieldValue(d, 'process.pid') !== undefined).length);
  });

  test('GET process WHERE name = schtasks.exe reads only the matching rows, and the real process is among them', async () => {
    const query: SourceQuery = { entityType: 'process', where: comparison('name', '=', 'schtasks.exe') };
    const read = await readAll(uri(), query);
    expect(read.length).toBe(engineMatches(comparison('name', '=', 'schtasks.exe')).length);
    expect(read.length).toBeLessThan(EVENTS_IN_FILE / 10);
    const processes = read.flatMap((o) => o.objects).filter((x) => x.type === 'process' && x.attrs.name === 'schtasks.exe');
    expect(processes.map((p) => p.attrs.command_line)).toContain(
      'schtasks  /create /F /tn \\Microsoft\\Windows\\SoftwareProtectionPlatform\\EventCacheManager /tr "C:\\Windows\\system32\\cmd.exe /C C:\\Windows\\System32\\notepad.exe" /sc ONSTART /ru system /S WORKSTATION6',
    );
  });

  test.each<[string, QueryComparison]>([
    ['= on two roles', comparison('name', '=', 'cmd.exe')],
    ['IN', comparison('parent_ref.name', 'IN', ['cmd.exe', 'powershell.exe'])],
    ['!=', comparison('parent_ref.name', '!=', 'svchost.exe')],
    ['NOT IN', comparison('name', 'NOT IN', ['svchost.exe', 'conhost.exe'])],
    ['= number on integer columns', comparison('pid', '=', 460)],
    ['= numeric string on integer columns', comparison('pid', '=', '460')],
    ['< number', comparison('pid', '<', 1000)],
    ['NOT IN numbers', comparison('pid', 'NOT IN', [460, 6432])],
    ['LIKE, case-insensitive', comparison('command_line', 'LIKE', '%SCHTASKS%/CREATE%')],
    ['NOT LIKE', comparison('name', 'NOT LIKE', '%.exe')],
    ['MATCHES', comparison('command_line', 'MATCHES', 'schtasks\\s+/create\\s+/F')],
    ['NOT MATCHES', comparison('name', 'NOT MATCHES', '^svc')],
    ['MATCHES with [^...] and {n}', comparison('name', 'MATCHES', '^[^s]{3}\\.exe$')],
    ['!= null', comparison('parent_ref.name', '!=', null)],
    ['doc path and column', comparison('name', '=', 'ntdll.dll', 'file')],
    ['doc path LIKE', comparison('name', 'LIKE', '%.DLL', 'file')],
    ['= number on a text column', comparison('name', '=', 5)],
    ['< string', comparison('name', '<', 'd')],
  ])('pushdown of %s reads exactly the rows the engine would match', async (_, c) => {
    const expected = engineMatches(c);
    expect(await rowIds({ entityType: c.entityType, where: c })).toEqual(expected);
  });

  test('an untranslatable comparison inside OR reads every row; inside AND the other side still filters', async () => {
    const unknown = comparison('x_no_such', '=', 'x');
    const known = comparison('name', '=', 'schtasks.exe');
    expect((await readAll(uri(), { entityType: 'process', where: { kind: 'or', left: known, right: unknown } })).length).toBe(EVENTS_IN_FILE);
    const and = await readAll(uri(), { entityType: 'process', where: { kind: 'and', left: unknown, right: known } });
    expect(and.length).toBe(engineMatches(known).length);
  });

  test('the time range reads the rows whose @timestamp is in [start, stop)', async () => {
    const start = Date.parse('2020-12-19T07:00:22.000Z');
    const stop = Date.parse('2020-12-19T07:00:23.000Z');
    const read = await readAll(uri(), { entityType: 'process', start, stop });
    const expected = DOCS.filter((d) => {
      const t = Date.parse(fieldValue(d, '@timestamp') as string);
      return t >= start && t < stop;
    });
    expect(read.length).toBe(expected.length);
    expect(read.length).toBeGreaterThan(0);
    expect(read.every((o) => Date.parse(o.firstObserved as string) >= start)).toBe(true);
  });

  test('a hostile value finds nothing and harms nothing', async () => {
    const hostile = `'; DROP TABLE events; --`;
    expect(await readAll(uri(), { entityType: 'process', where: comparison('name', 'IN', [hostile, `x' OR '1'='1`]) })).toEqual([]);
    expect(await readAll(uri(), { entityType: 'process', where: comparison('command_line', 'LIKE', `%${hostile}`) })).toEqual([]);
    const [row] = await sql<{ n: string }>(uri(), 'SELECT count(*) AS n FROM events');
    expect(Number(row.n)).toBe(EVENTS_IN_FILE);
  });

  test('a table whose name holds quotes and SQL is created, loaded and read under that exact name', async () => {
    const table = `ev"ents; DROP TABLE events; --`;
    const tableUri = `${uri()}?table=${encodeURIComponent(table)}`;
    expect(await loadEcsNdjson(tableUri, EVENTS_FILE)).toBe(EVENTS_IN_FILE);
    const read = await readAll(tableUri, { entityType: 'process', where: comparison('name', '=', 'schtasks.exe') });
    expect(read.length).toBe(engineMatches(comparison('name', '=', 'schtasks.exe')).length);
    expect(read[0].source).toBe(tableUri);
    const tables = await sql<{ tablename: string }>(uri(), 'SELECT tablename FROM pg_tables WHERE schemaname = $1', ['public']);
    expect(tables.map((t) => t.tablename).sort()).toEqual([table, 'events'].sort());
  });

  test('records are read in time order, one Observation per row, progress told per batch', async () => {
    const progress: number[] = [];
    const all = await readAll(uri(), undefined, (n) => progress.push(n));
    expect(all.length).toBe(EVENTS_IN_FILE);
    expect(progress).toEqual([1000, EVENTS_IN_FILE]);
    const times = all.map((o) => o.firstObserved as string);
    expect([...times].sort()).toEqual(times);
    expect(new Set(all.map((o) => o.id)).size).toBe(EVENTS_IN_FILE);
  });

  test.each(['a\\sb', '^[a-c]+\\d{2}x?$', 'x\\.(?:exe|dll)', '[^\\]]\\W\\D'])('PostgreSQL reads the rewritten %s as JavaScript does', async (js) => {
    const samples = ['a b', 'a\u00a0b', 'ab', 'abc12', 'abc12x', 'x.exe', 'x.dll', 'x.com', 'q!z', ']!z'];
    const rows = await sql<{ m: boolean }>(uri(), 'SELECT s ~ $2 AS m FROM unnest($1::text[]) WITH ORDINALITY AS t(s, i) ORDER BY i', [samples, posixRegex(js)]);
    expect(rows.map((r) => r.m)).toEqual(samples.map((s) => new RegExp(js).test(s)));
  });

  test('a closed port is E_DATA_SOURCE naming the endpoint, never the password', async () => {
    const port = await freePort();
    const e = await failure(readAll(`postgresql://hunter:TopSecret1@127.0.0.1:${port}/kestrel`));
    expect(e.code).toBe('E_DATA_SOURCE');
    expect(e.message).toBe(`postgresql://127.0.0.1:${port}/kestrel: cannot connect (connection refused)`);
    expect(e.hint).toContain(`127.0.0.1:${port}`);
    expect(JSON.stringify(e)).not.toContain('TopSecret1');
  });

  test('a wrong password is E_DATA_SOURCE without the password', async () => {
    await sql(uri(), `CREATE ROLE hunter LOGIN PASSWORD 'right-one'`);
    const wrong = uri().replace('postgres@', 'hunter:TopSecret1@');
    const e = await failure(readAll(wrong));
    expect(e.code).toBe('E_DATA_SOURCE');
    expect(e.message).toMatch(/: authentication failed for user "hunter"$/);
    expect(`${e.message} ${e.hint} ${e.file}`).not.toContain('TopSecret1');
    expect(e.hint).toContain('PGPASSWORD');
  });

  test('a role given no password exits at once with a hint at the credentials, not the schema', async () => {
    await sql(uri(), `CREATE ROLE analyst LOGIN PASSWORD 'right-one'`);
    const home = tempHome('kestrel-pg-nopass-');
    const hunt = path.join(home.cwd, 'hunt.hf');
    writeFileSync(hunt, `x = GET process FROM '${uri().replace('postgres@', 'analyst@')}' WHERE name = 'a'\n`);
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: home.home, PGPASSFILE: path.join(home.tmp, 'none') };
    delete env.PGPASSWORD;
    const started = Date.now();
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'kestrel.js'), 'run', hunt], { env, encoding: 'utf8', timeout: 20_000 });
    rmSync(home.tmp, { recursive: true });
    expect(r.status).toBe(1);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(r.stderr).toContain('error[E_DATA_SOURCE]');
    expect(r.stderr).toMatch(/no password for user "analyst"/);
    expect(r.stderr).toMatch(/hint: .*PGUSER.*PGPASSWORD/);
    expect(r.stderr).not.toContain('schema');
  }, 30_000);

  test('a missing table is E_DATA_SOURCE that says how to load one', async () => {
    const e = await failure(readAll(`${uri()}?table=nothing_here`));
    expect(e).toMatchObject({ code: 'E_DATA_SOURCE', message: expect.stringContaining('table "nothing_here" does not exist') });
    expect(e.hint).toContain('loadEcsNdjson');
  });

  test('a missing NDJSON file is E_DATA_SOURCE', async () => {
    const e = await failure(loadEcsNdjson(`${uri()}?table=never`, path.join(__dirname, 'no-such-file.ndjson')));
    expect(e).toMatchObject({ code: 'E_DATA_SOURCE', message: expect.stringContaining('no-such-file.ndjson: cannot be read (ENOENT)') });
  });

  test.each([
    ['a line that is not JSON', '{"@timestamp": "2020-12-19T07:00:22.190Z"}\n{"process": \n', 2],
    ['a pid that is not an integer', '{"@timestamp": "2020-12-19T07:00:22.190Z", "process.pid": "0x22d8"}\n', 1],
  ])('%s fails the load with E_BAD_INPUT_FILE at its line, and loads nothing', async (_, text, line) => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'kestrel-ndjson-')), 'bad.ecs.ndjson');
    writeFileSync(file, text);
    const e = await failure(loadEcsNdjson(`${uri()}?table=broken`, file));
    expect(e).toMatchObject({ code: 'E_BAD_INPUT_FILE', file, line });
    expect(await sql(uri(), `SELECT FROM pg_tables WHERE tablename = 'broken'`)).toEqual([]);
    rmSync(path.dirname(file), { recursive: true });
  });
});
