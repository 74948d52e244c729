/**
 * Text tables fit the terminal (long cells cut in the middle with …, times and numbers whole) unless --wide, and
 * never pass control characters through.
 */
import { fixture, huntflowDir, kestrel } from './run-cli';

const dir = huntflowDir();
afterAll(dir.cleanup);

const COMMAND_LINE = 'wmic  logicaldisk get size,freespace,caption';
const WMIC = `w = GET process FROM file://${fixture('doctored-1k.json')} WHERE pid = 8776\nDISP w ATTR pid, name, command_line`;

function table(stdout: string): string[] {
  return stdout.split('\n\n')[0].split('\n').slice(1);
}

describe('table width', () => {
  it('cuts long cells in the middle with … so that every line fits a narrow terminal', async () => {
    const { code, stdout } = await kestrel(['run', dir.write('narrow.hf', WMIC)], 40);
    expect(code).toBe(0);
    const rows = table(stdout);
    expect(rows).toEqual(['pid   name      command_line', '8776  WMIC.exe  wmic  logic…pace,caption']);
    for (const line of stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(40);
  });

  it('keeps the end that tells long values apart: the target host of a schtasks command line', async () => {
    const hf = dir.write('tail.hf', `t = GET process FROM file://${fixture('event-logs/schtask_create.json')} WHERE name = 'schtasks.exe'
DISP t ATTR pid, command_line`);
    const [, row] = table((await kestrel(['run', hf], 60)).stdout);
    expect(row).toHaveLength(60);
    expect(row).toMatch(/^8920  schtasks {2}\/create .*….*\/ru system \/S WORKSTATION6$/);
  });

  it('never cuts times or numbers: a GROUP bin stays a whole timestamp', async () => {
    const hf = dir.write('bins.hf', `conns = GET network-traffic FROM file://${fixture('test_bundle.json')} WHERE dst_port > 0
ts = TIMESTAMPED(conns)
per_min = GROUP ts BY BIN(first_observed, 1m) WITH COUNT(dst_port) AS count
DISP per_min`);
    const rows = table((await kestrel(['run', hf], 20)).stdout);
    expect(rows[1]).toBe('2020-06-30T19:25:00Z  20');
  });

  it('fits $COLUMNS when stdout is piped', async () => {
    process.env.COLUMNS = '50';
    try {
      const { stdout } = await kestrel(['run', dir.write('env.hf', WMIC)]);
      const [, row] = table(stdout);
      expect(row).toHaveLength(50);
      expect(row.endsWith('caption')).toBe(true);
    } finally {
      delete process.env.COLUMNS;
    }
  });

  it('keeps every cell whole with --wide', async () => {
    const { stdout } = await kestrel(['run', dir.write('wide.hf', WMIC), '--wide'], 40);
    expect(table(stdout)).toEqual(['pid   name      command_line', `8776  WMIC.exe  ${COMMAND_LINE}`]);
    expect(stdout).not.toContain('…');
  });

  it('fits 120 columns when stdout is not a terminal', async () => {
    const long = 'x'.repeat(300);
    const { stdout } = await kestrel(['run', dir.write('pipe.hf', `p = NEW process [{"name":"${long}","pid":1}]\nDISP p ATTR pid, name`)]);
    const [, row] = table(stdout);
    expect(row).toHaveLength(120);
    expect(row).toMatch(/^1 {4}x+…x+$/);
  });
});

describe('control characters in data', () => {
  it('are escaped in text tables', async () => {
    const hf = dir.write('escape.hf', 'n = NEW process [{"name":"a\\u001b[31mb","pid":1,"command_line":"x\\ty\\u0007"}]\nDISP n ATTR name, command_line');
    const { code, stdout } = await kestrel(['run', hf]);
    expect(code).toBe(0);
    expect(table(stdout)[1]).toBe('a\\x1b[31mb  x y\\x07');
    expect(stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });

  it('reach the JSON output unchanged', async () => {
    const hf = dir.write('escape-json.hf', 'n = NEW process [{"name":"a\\u001b[31mb","pid":1}]\nDISP n ATTR name');
    const doc = JSON.parse((await kestrel(['run', hf, '--json'])).stdout);
    expect(doc.outputs[0].rows).toEqual([['a\u001b[31mb']]);
  });
});
