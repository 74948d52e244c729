/** `--backend`, `kestrel load` and `kestrel view` from the command line. */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { fixture, huntflowDir, kestrel } from './run-cli';

const dir = huntflowDir();
afterAll(dir.cleanup);

const HUNT = `tasks = GET process FROM file://${fixture('event-logs/schtask_create.json')} WHERE name = 'schtasks.exe'\nup = FIND process CREATED tasks DEPTH *`;

describe('--backend', () => {
  it('refuses a backend kestrel-ts does not have, and neo4j without a server address', async () => {
    const hf = dir.write('b.hf', HUNT);
    const janus = await kestrel(['run', hf, '--backend', 'janus']);
    expect(janus.code).toBe(1);
    expect(janus.stderr).toContain('E_NOT_IMPLEMENTED');
    expect(janus.stderr).toContain('backends are memory and neo4j');
    const saved = process.env.NEO4J_URI;
    delete process.env.NEO4J_URI;
    const bare = await kestrel(['run', hf, '--backend', 'neo4j']).finally(() => {
      if (saved !== undefined) process.env.NEO4J_URI = saved;
    });
    expect(bare.stderr).toContain('E_GRAPH_STORE');
    expect(bare.stderr).toContain('--neo4j-uri');
  });

  it('names an unreachable Neo4j server, never its password, and exits 1', async () => {
    const hf = dir.write('n.hf', HUNT);
    const saved = process.env.NEO4J_PASSWORD;
    process.env.NEO4J_PASSWORD = 'hunter2-secret';
    const r = await kestrel(['run', hf, '--backend', 'neo4j', '--neo4j-uri', 'bolt://127.0.0.1:1']).finally(() => {
      if (saved === undefined) delete process.env.NEO4J_PASSWORD;
      else process.env.NEO4J_PASSWORD = saved;
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('E_GRAPH_STORE');
    expect(r.stderr).toContain('bolt://127.0.0.1:1');
    expect(r.stderr).not.toContain('hunter2-secret');
  });

  it('reports a Neo4j server that does not answer after --neo4j-timeout seconds, without saying a re-run is safe', async () => {
    const hf = dir.write('t.hf', HUNT);
    const sockets: net.Socket[] = [];
    const silent = net.createServer((s) => sockets.push(s));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const uri = `bolt://127.0.0.1:${(silent.address() as net.AddressInfo).port}`;
    const started = Date.now();
    try {
      const r = await kestrel(['run', hf, '--backend', 'neo4j', '--neo4j-uri', uri, '--neo4j-timeout', '0.5']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`Neo4j at ${uri} cannot be reached`);
      expect(r.stderr).not.toContain('re-running');
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      for (const s of sockets) s.destroy();
      silent.close();
    }
  });

  it('refuses a --neo4j-timeout that is not a number and a URI that is not a Neo4j server\'s', async () => {
    const hf = dir.write('u.hf', HUNT);
    const timeout = await kestrel(['run', hf, '--backend', 'neo4j', '--neo4j-uri', 'bolt://127.0.0.1:1', '--neo4j-timeout', 'soon']);
    expect(timeout.stderr).toContain('--neo4j-timeout soon is not a number of seconds');
    const http = await kestrel(['run', hf, '--backend', 'neo4j', '--neo4j-uri', 'http://127.0.0.1:7474']);
    expect(http.code).toBe(1);
    expect(http.stderr).toContain('http://127.0.0.1:7474 is not the URI of a Neo4j server');
    expect(http.stderr).toContain('neo4j+s://');
  });
});

describe('kestrel load', () => {
  it('reads data sources into the store and says how many records each had', async () => {
    const r = await kestrel(['load', fixture('event-logs/schtask_create.json'), fixture('doctored-1k.json')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`file://${fixture('event-logs/schtask_create.json')}: 1041 records`);
    expect(r.stdout).toContain(`file://${fixture('doctored-1k.json')}: 974 records`);
  });
});

describe('kestrel view', () => {
  it('writes one offline HTML page with the variables and what connects them', async () => {
    const hf = dir.write('tree.hf', HUNT);
    const r = await kestrel(['view', hf]);
    expect(r.code).toBe(0);
    const out = path.join(path.dirname(hf), 'tree.html');
    expect(r.stdout).toContain(`${out}: 3 nodes, 2 edges`);
    const html = fs.readFileSync(out, 'utf8');
    expect(html).toContain('schtasks.exe [8920]');
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/<script[^>]+src=/);
  });
});
