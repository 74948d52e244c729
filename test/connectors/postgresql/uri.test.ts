import { postgresqlConnector } from '../../../connectors/postgresql';
import { parseUri } from '../../../connectors/postgresql/uri';

const ctx = { baseDir: '/tmp' };

describe('postgresql URIs', () => {
  test('canRead answers postgresql:// and postgres:// URIs and declines others with a reason', () => {
    expect(postgresqlConnector.canRead('postgresql://h/db')).toEqual({ ok: true });
    expect(postgresqlConnector.canRead('postgres://u:p@h:5433/db?table=ecs')).toEqual({ ok: true });
    expect(postgresqlConnector.canRead('file:///x.json')).toEqual({
      ok: false,
      reason: 'postgresql reads postgresql:// and postgres:// URIs, not file:///x.json',
    });
  });

  test.each([
    ['postgresql://h/db?sslmode=require', 'postgresql URIs take only ?table= and ?connect_timeout=, not sslmode'],
    ['postgresql://h:5432/db?table=', 'postgresql://h:5432/db?table=: the table name is empty'],
    ['postgresql://u:secret@h/db?connect_timeout=0', 'postgresql://u:***@h/db?connect_timeout=0: connect_timeout must be a positive number of seconds'],
  ])('declines %s', (uri, reason) => expect(postgresqlConnector.canRead(uri)).toEqual({ ok: false, reason }));

  test('a URI without database, where PGDATABASE is unset, is declined', () => {
    expect(parseUri('postgresql://h', {})).toBe('postgresql://h names no database (postgresql://host:port/DATABASE, or PGDATABASE)');
  });

  test('locate gives the canonical URI: scheme, default port and table spelt out, no password, no options', () => {
    expect(postgresqlConnector.locate('postgres://hunter:s3cret@DB.example:5432/soc?connect_timeout=3', ctx)).toBe(
      'postgresql://hunter@db.example:5432/soc?table=events',
    );
    expect(postgresqlConnector.locate('postgresql://[::1]/soc?table=ev%22ents', ctx)).toBe('postgresql://[::1]:5432/soc?table=ev%22ents');
  });

  test('what the URI leaves out comes from the libpq environment variables', () => {
    const source = parseUri('postgresql:///', { PGHOST: 'pg.lan', PGPORT: '6543', PGDATABASE: 'logs', PGUSER: 'ro', PGCONNECT_TIMEOUT: '2' });
    expect(source).toMatchObject({ host: 'pg.lan', port: 6543, database: 'logs', user: 'ro', connectTimeoutMs: 2000, password: undefined });
  });

  test('percent-encoded user, password and database are decoded', () => {
    expect(parseUri('postgresql://a%40b:p%2Fw@h/my%20db', {})).toMatchObject({ user: 'a@b', password: 'p/w', database: 'my db' });
  });
});
