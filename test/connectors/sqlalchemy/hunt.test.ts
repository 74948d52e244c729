import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { column, fixtureSession } from '../../hunt';
import { hasPostgres, startPgCluster, type PgCluster } from '../../pg-cluster';
import { tempHome } from '../../temp-home';
import { bashTree, expectBashTree } from '../kestrel2-process-tree';

/*
 * Kestrel 2's sqlalchemy interface tests' table: its ECS process-creation events (logs_ecs_process_creation.csv),
 * as `events` with `time` as the timestamp, in a SQLite file and in PostgreSQL, named by a sqlalchemy.yaml written as
 * Kestrel 2 documents it.
 */
const CSV = path.join(__dirname, '..', '..', 'fixtures', 'kestrel2', 'logs_ecs_process_creation.csv');
const lines = readFileSync(CSV, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
const columns = lines[0].split(',');
const rows = lines.slice(1).map((l) => l.split(','));
const INTEGER = new Set(['process.pid', 'process.parent.pid']);
const ddl = `CREATE TABLE events (${columns.map((c) => `"${c}" ${INTEGER.has(c) ? 'BIGINT' : 'TEXT'}`).join(', ')})`;
const cell = (c: string, v: string) => (INTEGER.has(c) ? Number(v) : v);

const { tmp, configDir } = tempHome('kestrel-sqla-');
const saved = process.env.KESTREL_SQLALCHEMY_CONFIG;
let cluster: PgCluster | undefined;

function writeConfig(pgUrl?: string): void {
  const db = path.join(tmp, 'events.db');
  const yaml = `connections:
  local:
    url: sqlite:///${db}
${pgUrl ? `  pg:\n    url: ${pgUrl.replace('postgresql://', 'postgresql+psycopg2://')}\n` : ''}datasources:
  events:
    connection: local
    table: events
    timestamp: time
    timestamp_format: "%Y-%m-%dT%H:%M:%S.%fZ"
${pgUrl ? '  pgevents:\n    connection: pg\n    table: events\n    timestamp: time\n    timestamp_format: "%Y-%m-%dT%H:%M:%S.%fZ"\n' : ''}`;
  writeFileSync(path.join(configDir, 'sqlalchemy.yaml'), yaml);
}

beforeAll(async () => {
  const { default: initSqlJs } = require('sql.js') as typeof import('sql.js');
  const db = new (await initSqlJs()).Database();
  (db as unknown as { run: (sql: string, p?: unknown[]) => void }).run(ddl);
  for (const r of rows) (db as unknown as { run: (sql: string, p?: unknown[]) => void }).run(`INSERT INTO events VALUES (${columns.map(() => '?').join(', ')})`, r.map((v, i) => cell(columns[i], v)));
  writeFileSync(path.join(tmp, 'events.db'), (db as unknown as { export: () => Uint8Array }).export());
  db.close();
  if (hasPostgres()) {
    cluster = await startPgCluster();
    const client = new Client({ connectionString: cluster.uri });
    await client.connect();
    await client.query(ddl);
    for (const r of rows) await client.query(`INSERT INTO events VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`, r.map((v, i) => cell(columns[i], v)));
    await client.end();
  }
  writeConfig(cluster?.uri);
  process.env.KESTREL_SQLALCHEMY_CONFIG = path.join(configDir, 'sqlalchemy.yaml');
}, 60_000);

afterAll(async () => {
  if (saved === undefined) delete process.env.KESTREL_SQLALCHEMY_CONFIG;
  else process.env.KESTREL_SQLALCHEMY_CONFIG = saved;
  await cluster?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

const sources = hasPostgres() ? ['events', 'pgevents'] : ['events'];
if (!hasPostgres()) process.stderr.write('sqlalchemy over PostgreSQL: skipped, initdb and pg_ctl are not on PATH (install PostgreSQL 15 to run it)\n');

describe.each(sources)('sqlalchemy://%s (Kestrel 2 interface config)', (name) => {
  const run = async (hf: string) => {
    const r = await fixtureSession().run(hf);
    if (r.errors.length) throw new Error(JSON.stringify(r.errors));
    return r;
  };

  it('GET pushes the WHERE down through the ECS map and FIND walks the tree', async () => {
    const r = await run(bashTree(`sqlalchemy://${name}`));
    expectBashTree(r);
  });

  it('EXPLAIN shows the SQL, its values as parameters', async () => {
    const r = await run(`
      p = GET process FROM sqlalchemy://${name} WHERE binary_ref.name = 'cat' OR pid = 1030 START 2024-07-08T00:00:00Z STOP 2024-07-09T00:00:00Z
      EXPLAIN p`);
    const explain = JSON.stringify(r.outputs.find((o) => o.kind === 'explain'));
    expect(explain).toContain('SELECT DISTINCT * FROM \\"events\\" WHERE');
    expect(explain).toContain('\\"time\\" >= ');
    expect(explain).toContain('2024-07-08T00:00:00.000000Z');
  });

  it('filters on time and on the path a file name is mapped to (winpath/posixpath LIKE)', async () => {
    const r = await run(`
      p = GET process FROM sqlalchemy://${name} WHERE binary_ref.name = 'ping' OR command_line LIKE 'cat %' START 2024-07-08T00:00:05Z STOP 2024-07-09T00:00:00Z
      DISP p ATTR name, pid SORT BY pid ASC`);
    expect(column(r, 'pid')).toEqual([1028, 1030]);
  });
});

describe('sqlalchemy config problems', () => {
  it('an unknown datasource names the file and the datasources it has', async () => {
    const r = await fixtureSession().run('p = GET process FROM sqlalchemy://nope WHERE pid = 1');
    expect(r.errors[0].code).toBe('E_DATA_SOURCE');
    expect(r.errors[0].message).toContain('no datasource nope');
    expect(r.errors[0].message).toContain('events');
  });
});
