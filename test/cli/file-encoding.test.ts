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
});
