/** Text tables fit the terminal (long cells cut with …) unless --wide, and never pass control characters through. */
import { fixture, huntflowDir, kestrel } from './run-cli';

const dir = huntflowDir();
afterAll(dir.cleanup);

const COMMAND_LINE = 'wmic  logicaldisk get size,freespace,caption';
const WMIC = `w = GET process FROM file://${fixture('doctored-1k.json')} WHERE pid = 8776\nDISP w ATTR pid, name, command_line`;

function table(stdout: string): string[] {
  return stdout.split('\n\n')[0].split('\n').slice(1);
}

describe('table width', () => {
  it('cuts long cells with … so that every line fits a narrow terminal', async () => {
    const { code, stdout } = await kestrel(['run', dir.write('narrow.hf', WMIC)], 40);
    expect(code).toBe(0);
    const rows = table(stdout);
    expect(rows).toEqual(['pid   name      command_line', '8776  WMIC.exe  wmic  logicaldisk get s…']);
    for (const line of stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(40);
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
    expect(row.endsWith('x…')).toBe(true);
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
