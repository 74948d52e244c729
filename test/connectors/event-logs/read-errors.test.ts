import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { eventLogConnector } from '../../../connectors/event-logs';
import { byCode, DIR, eventOf, readAll } from './helpers';

describe('event-logs: gzip, bad lines and missing files', () => {
  it('reads a gzip file like the plain one (by magic bytes under any scheme)', async () => {
    const plain = await readAll(path.join(DIR, 'schtask_create.json'));
    const gz = await readAll(`otrf://${path.join(DIR, 'schtask_create.json.gz')}`);
    expect(gz.map((o) => o.objects)).toEqual(plain.map((o) => o.objects));
    expect(gz).toHaveLength(1041);
  });

  it('skips malformed lines with file:line warnings and a count, and keeps the rest', async () => {
    const warnings: string[] = [];
    const file = path.join(DIR, 'bad.jsonl');
    const obs = await readAll('bad.jsonl', warnings);
    expect(obs).toHaveLength(3);
    expect(warnings).toEqual([
      expect.stringMatching(new RegExp(`^${file}:2: not JSON`)),
      `${file}:4: not a JSON object; line skipped`,
      expect.stringMatching(new RegExp(`^${file}:6: not JSON`)),
      `${file}: 3 malformed lines skipped`,
    ]);
  });

  it('keeps an unknown event as a record with its code, host and process', async () => {
    const [unknown] = byCode(await readAll('bad.jsonl'), 9999);
    expect(eventOf(unknown).attrs).toEqual({ code: 9999, module: 'Microsoft-Windows-Kestrel/Test' });
    expect(unknown.objects.find((x) => x.type === 'process')!.attrs).toEqual({ pid: 16 });
    expect(unknown.objects.find((x) => x.type === 'x-oca-asset')!.attrs.hostname).toBe('WORKSTATION5.theshire.local');
  });

  it('reports a missing file as E_DATA_SOURCE naming the path', async () => {
    await expect(readAll('no-such.ndjson')).rejects.toMatchObject({
      code: 'E_DATA_SOURCE', message: `${path.join(DIR, 'no-such.ndjson')}: no such file`,
    });
  });

  it('reports a corrupt gzip as E_BAD_INPUT_FILE with the file and how to check it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kestrel-el-'));
    const file = path.join(dir, 'broken.ndjson.gz');
    const gz = gzipSync(Buffer.from('{"EventID": 1}\n'.repeat(2000)));
    writeFileSync(file, Buffer.concat([gz.subarray(0, 40), Buffer.alloc(40, 7)]));
    await expect(readAll(file)).rejects.toMatchObject({ code: 'E_BAD_INPUT_FILE', file, hint: expect.stringContaining(`gzip -t ${file}`) });
  });

  it('tells progress every 10,000 records', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kestrel-el-'));
    const file = path.join(dir, 'many.jsonl');
    writeFileSync(file, `${JSON.stringify({ EventID: 4689, Channel: 'Security', ProcessId: '0x10' })}\n`.repeat(25_000));
    const progress: number[] = [];
    let n = 0;
    for await (const _ of eventLogConnector.read(file, { baseDir: dir, onProgress: (r) => progress.push(r) })) n++;
    expect(n).toBe(25_000);
    expect(progress).toEqual([10_000, 20_000]);
  });
});
