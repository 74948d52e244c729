/** `kestrel run` honours Kestrel's configuration file ($KESTREL_CONFIG) and reports a broken one. */
import { fixture, huntflowDir, kestrel } from './run-cli';

const dir = huntflowDir();
const saved = process.env.KESTREL_CONFIG;
afterEach(() => {
  if (saved === undefined) delete process.env.KESTREL_CONFIG;
  else process.env.KESTREL_CONFIG = saved;
});
afterAll(dir.cleanup);

const HUNT = [
  `procs = GET process FROM file://${fixture('doctored-1k.json')} WHERE name = 'svchost.exe'`,
  'DISP procs ATTR pid SORT BY pid',
].join('\n');

describe('configuration', () => {
  it('default_sort_order applies to SORT BY without ASC or DESC', async () => {
    const hf = dir.write('sort.hf', HUNT);
    const pids = async () => JSON.parse((await kestrel(['run', hf, '--json'])).stdout).outputs[0].rows.map((r: number[]) => r[0]);
    process.env.KESTREL_CONFIG = dir.write('none.yaml', '');
    const desc = await pids();
    process.env.KESTREL_CONFIG = dir.write('asc.yaml', 'language:\n  default_sort_order: asc\n');
    const asc = await pids();
    expect(desc.length).toBeGreaterThan(1);
    expect(asc).toEqual([...desc].reverse());
  });

  it('a broken configuration file is E_CONFIG naming the file, and nothing runs', async () => {
    const hf = dir.write('sort2.hf', HUNT);
    const config = dir.write('bad.yaml', 'language:\n  default_sort_order: sideways\n');
    process.env.KESTREL_CONFIG = config;
    const { code, stdout } = await kestrel(['run', hf, '--json']);
    expect(code).toBe(1);
    const doc = JSON.parse(stdout);
    expect(doc.errors[0]).toMatchObject({ code: 'E_CONFIG', file: config });
    expect(doc.variables).toEqual([]);
  });
});
