/**
 * How `--backend neo4j` finds its server: the options openStore hands to Neo4jStore.connect, from the flags and
 * NEO4J_* variables. connect is replaced by a recorder here (nothing is connected to, and nothing here stands
 * for Neo4j): what is tested is which options reach it.
 */
import type { Neo4jOptions } from '../../graph/neo4j/options';
import { openStore } from '../../src/cli/open-store';

const connect = jest.fn(async (options: Neo4jOptions) => ({ options, close: async () => undefined }));
jest.mock('../../graph/neo4j/neo4j-store', () => ({ Neo4jStore: { connect: (o: Neo4jOptions) => connect(o) } }));

const VARIABLES = ['NEO4J_URI', 'NEO4J_USER', 'NEO4J_PASSWORD', 'NEO4J_DATABASE'];
let saved: Record<string, string | undefined>;
beforeEach(() => {
  saved = Object.fromEntries(VARIABLES.map((v) => [v, process.env[v]]));
});
afterEach(() => {
  for (const v of VARIABLES) {
    if (saved[v] === undefined) delete process.env[v];
    else process.env[v] = saved[v];
  }
});

async function optionsFor(flags: Parameters<typeof openStore>[0], env: Record<string, string>): Promise<Neo4jOptions> {
  for (const v of VARIABLES) delete process.env[v];
  Object.assign(process.env, env);
  connect.mockClear();
  await openStore({ backend: 'neo4j', ...flags });
  return connect.mock.calls[0][0];
}

describe('openStore --backend neo4j', () => {
  it('honours NEO4J_USER, NEO4J_PASSWORD and NEO4J_DATABASE with --neo4j-uri and no NEO4J_URI', async () => {
    const options = await optionsFor({ neo4jUri: 'bolt://db:7687' }, { NEO4J_USER: 'hunter', NEO4J_PASSWORD: 'pw', NEO4J_DATABASE: 'hunts' });
    expect(options).toMatchObject({ uri: 'bolt://db:7687', user: 'hunter', password: 'pw', database: 'hunts' });
  });

  it('combines flags and variables, the flags winning', async () => {
    const options = await optionsFor({ neo4jUri: 'neo4j+s://flag.example', neo4jTimeout: '30' }, { NEO4J_URI: 'bolt://env:7687', NEO4J_USER: 'u' });
    expect(options).toMatchObject({ uri: 'neo4j+s://flag.example', user: 'u', timeoutMs: 30_000 });
    expect(await optionsFor({}, { NEO4J_URI: 'bolt://env:7687', NEO4J_DATABASE: '' })).toEqual({ uri: 'bolt://env:7687' });
  });

  it('refuses a timeout that is not a positive number of seconds', async () => {
    connect.mockClear();
    await expect(openStore({ backend: 'neo4j', neo4jUri: 'bolt://db:7687', neo4jTimeout: 'soon' })).rejects.toMatchObject({
      code: 'E_GRAPH_STORE', message: expect.stringContaining('--neo4j-timeout'),
    });
    expect(connect).not.toHaveBeenCalled();
  });
});
