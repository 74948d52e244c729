import { Neo4jError } from 'neo4j-driver';
import { clearTestDatabase } from '../../graph/neo4j/clear';
import { redactUri, storeError } from '../../graph/neo4j/errors';
import { Neo4jStore } from '../../graph/neo4j/neo4j-store';
import { KestrelError } from '../../src/model/errors';

const AT = { uri: 'bolt://db.example:7687', database: 'hunts', secret: 's3cret' };
const driverError = (code: string, message: string) => new Neo4jError(message, code, '50N42', 'error: general processing exception');

describe('Neo4j errors', () => {
  it('maps wrong credentials to E_GRAPH_STORE naming the URI, with a hint', () => {
    const e = storeError(driverError('Neo.ClientError.Security.Unauthorized', 'The client is unauthorized due to authentication failure.'), AT, 'connecting');
    expect(e).toMatchObject({ code: 'E_GRAPH_STORE', hint: expect.stringContaining('NEO4J_PASSWORD') });
    expect(e.message).toContain('bolt://db.example:7687');
  });

  it.each(['ServiceUnavailable', 'SessionExpired'])('maps %s (server gone) to E_GRAPH_STORE saying the load can be re-run', (code) => {
    const e = storeError(driverError(code, 'Connection was closed by server'), AT, 'loading a batch of records');
    expect(e.code).toBe('E_GRAPH_STORE');
    expect(e.message).toContain('bolt://db.example:7687');
    expect(e.message).toContain('loading a batch of records');
    expect(e.hint).toMatch(/re-running the hunt is safe/);
  });

  it('names a missing database', () => {
    const e = storeError(driverError('Neo.ClientError.Database.DatabaseNotFound', 'Database does not exist.'), AT, 'connecting');
    expect(e.message).toContain('"hunts"');
  });

  it('never shows the password, even when a message or the URI carries it', () => {
    const e = storeError(driverError('Neo.ClientError.Statement.SyntaxError', 'bad input near s3cret'), { ...AT, uri: 'bolt://neo4j:s3cret@db.example:7687' }, 'reading');
    expect(e.message).not.toContain('s3cret');
    expect(e.message).toContain('bolt://db.example:7687');
    expect(redactUri('neo4j+s://u:p@host:7687/x')).toBe('neo4j+s://host:7687/x');
  });

  it('passes a KestrelError through', () => {
    const k = new KestrelError('E_DATA_SOURCE', 'x');
    expect(storeError(k, AT, 'reading')).toBe(k);
  });

  it('reports an unreachable server as E_GRAPH_STORE naming the URI, not the password', async () => {
    const connect = Neo4jStore.connect({ uri: 'bolt://127.0.0.1:1', user: 'neo4j', password: 's3cret' });
    await expect(connect).rejects.toMatchObject({ code: 'E_GRAPH_STORE', message: expect.stringContaining('bolt://127.0.0.1:1') });
    await expect(connect).rejects.toMatchObject({ message: expect.not.stringContaining('s3cret') });
  });

  it('refuses to empty a database nobody named for tests', async () => {
    await expect(clearTestDatabase({ uri: 'bolt://127.0.0.1:1' }, {})).rejects.toMatchObject({ code: 'E_GRAPH_STORE', hint: expect.stringContaining('KESTREL_NEO4J_TEST=1') });
  });
});
