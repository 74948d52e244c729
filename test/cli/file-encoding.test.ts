import * as fs from 'node:fs';
import { fixture, huntflowDir, kestrel } from './run-cli';

describe('huntflow files from Windows editors', () => {
  it('runs a file with a byte-order mark and CRLF line ends', async () => {
    const dir = huntflowDir();
    try {
      const file = dir.write('bom.hf',
        `\uFEFFprocs = GET process FROM file://${fixture('doctored-1k.json')} WHERE name = 'cmd.exe'\r\nDISP procs ATTR pid\r\n`);
      const r = await kestrel(['run', file, '--json']);
      expect(r.code).toBe(0);
      const doc = JSON.parse(r.stdout);
      expect(doc.variables).toEqual([{ name: 'procs', type: 'process', entities: 9, records: 14 }]);
      expect(doc.outputs[0].rows).toHaveLength(9);
    } finally {
      dir.cleanup();
    }
  });

  it('warns with file:line about bytes that are not UTF-8, and runs the rest', async () => {
    const dir = huntflowDir();
    try {
      const file = dir.write('latin1.hf', '');
      fs.writeFileSync(file, Buffer.concat([
        Buffer.from(`procs = GET process FROM file://${fixture('doctored-1k.json')} WHERE name = 'cmd.exe'\r\n# caf`),
        Buffer.from([0xe9, 0x20, 0xff, 0xfe]),
        Buffer.from(' \uFFFD written as such\rDISP procs ATTR pid\n'),
      ]));
      const r = await kestrel(['run', file, '--json']);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).warnings).toEqual([`${file}:2: 3 bytes that are not UTF-8 replaced by U+FFFD`]);
      const text = await kestrel(['run', file]);
      expect(text.stderr).toContain(`warning: ${file}:2: 3 bytes that are not UTF-8 replaced by U+FFFD`);
    } finally {
      dir.cleanup();
    }
  });
});
