import * as net from 'node:net';
import { Neo4jError } from 'neo4j-driver';
import { clearTestDatabase } from '../../graph/neo4j/clear';
import { driverConfig, openDriver, URI_SCHEMES } from '../../graph/neo4j/driver';
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

  it.each(['ServiceUnavailable', 'SessionExpired'])('maps %s (server gone) during a load to E_GRAPH_STORE saying the load can be re-run', (code) => {
    const e = storeError(driverError(code, 'Connection was closed by server'), AT, 'loading a batch of records', true);
    expect(e.code).toBe('E_GRAPH_STORE');
    expect(e.message).toContain('bolt://db.example:7687');
    expect(e.message).toContain('loading a batch of records');
    expect(e.hint).toMatch(/re-running the hunt is safe/);
  });

  it('says nothing of re-running when a connection or a read fails, and names the timeout flag', () => {
    const refused = storeError(driverError('ServiceUnavailable', 'connect ECONNREFUSED 127.0.0.1:7687'), AT, 'connecting');
    expect(refused.message).toContain('cannot be reached');
    expect(refused.hint).not.toMatch(/re-run/);
    expect(refused.hint).toContain('--neo4j-timeout');
    const silent = storeError(driverError('N/A', 'Connection acquisition timed out in 5000 ms. Pool status: Active conn count = 0'), AT, 'connecting');
    expect(silent.message).toContain('cannot be reached');
    expect(storeError(driverError('Neo.ClientError.Statement.SyntaxError', 'x'), AT, 'reading').hint).toBeUndefined();
  });

  it('tells an account locked after failed logins apart from a wrong password', () => {
    const e = storeError(driverError('Neo.ClientError.Security.AuthenticationRateLimit', 'The client has provided incorrect authentication details too many times in a row.'), AT, 'connecting');
    expect(e.message).toContain('refuses logins for a few seconds after failed tries');
    expect(e.message).not.toContain('refused the user name or password');
    expect(e.hint).toMatch(/wait a few seconds/);
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

  it('waits for a server a few seconds, or as long as timeoutMs says', () => {
    expect(driverConfig({ uri: 'bolt://h' })).toMatchObject({ connectionTimeout: 5000, connectionAcquisitionTimeout: 5000, maxTransactionRetryTime: 5000, disableLosslessIntegers: true });
    expect(driverConfig({ uri: 'bolt://h', timeoutMs: 60_000 })).toMatchObject({ connectionTimeout: 60_000, connectionAcquisitionTimeout: 60_000, maxTransactionRetryTime: 60_000 });
  });

  it.each(URI_SCHEMES.map((s) => `${s}://user:s3cret@db.example:7687`))('opens a driver for %s (one server, a cluster or Aura; TLS or not) without connecting', async (uri) => {
    await openDriver({ uri }).close();
  });

  it.each(['http://db.example:7474', 'db.example:7687', 'jdbc:neo4j://db.example'])('refuses %s as the URI of a Neo4j server, naming the schemes', (uri) => {
    expect(() => openDriver({ uri, password: 's3cret' })).toThrow(expect.objectContaining({ code: 'E_GRAPH_STORE', hint: expect.stringContaining('neo4j+s://') }));
  });

  it('reports a server that accepts connections but never answers within the timeout', async () => {
    const sockets: net.Socket[] = [];
    const server = net.createServer((s) => sockets.push(s));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const uri = `bolt://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
    const started = Date.now();
    try {
      await expect(Neo4jStore.connect({ uri, timeoutMs: 500 })).rejects.toMatchObject({ code: 'E_GRAPH_STORE', message: expect.stringContaining('cannot be reached') });
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      for (const s of sockets) s.destroy();
      server.close();
    }
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
