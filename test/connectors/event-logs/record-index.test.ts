/**
 * A large event-log file read by query is indexed by its first scan (docs/DECISIONS.md 46): a prefetch by entity
 * keys reads back only the lines the index names, at their byte offsets, whatever the line endings, a byte-order
 * mark or lines longer than a read chunk, and by their numbers in a gzip file.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { eventLogConnector } from '../../../connectors/event-logs';
import type { Observation } from '../../../src/model/observation';
import type { SourceQuery } from '../../../src/model/source-query';
import { DIR } from './helpers';

async function read(file: string, kept: Map<string, unknown>, query?: SourceQuery): Promise<Observation[]> {
  const out: Observation[] = [];
  for await (const o of eventLogConnector.read(file, { baseDir: DIR, kept }, query)) out.push(o);
  return out;
}

const byPid = (pids: number[]): SourceQuery => ({ entityType: 'process', where: { kind: 'comparison', entityType: 'process', attribute: 'pid', op: 'IN', value: pids } });
const pidsOf = (o: Observation) => o.objects.filter((x) => x.type === 'process').map((x) => x.attrs.pid);

describe('the record index of a file read by query', () => {
  const lines = fs.readFileSync(path.join(DIR, 'schtask_create.json'), 'utf8').split('\n').filter((l) => l.trim());
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'record-index-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['LF', '\n', ''],
    ['CRLF with a byte-order mark', '\r\n', '\ufeff'],
  ])('reads back exactly the records of the asked pids (%s)', async (_name, eol, bom) => {
    const file = path.join(dir, `log-${eol.length}.json`);
    // A line of more than a read chunk (1 MiB) in the middle: an event with a long command line.
    const long = JSON.stringify({ ...JSON.parse(lines[3]), Padding: 'x'.repeat(1_500_000) });
    fs.writeFileSync(file, bom + [...lines.slice(0, 3), long, ...lines.slice(3)].join(eol) + eol);
    const kept = new Map<string, unknown>();
    const all = await read(file, kept, { entityType: 'process', where: { kind: 'comparison', entityType: 'process', attribute: 'name', op: '=', value: 'x' } });
    expect(kept.size).toBe(1);
    const wanted = [8920, 460];
    const expected = all.filter((o) => pidsOf(o).some((p) => wanted.includes(p as number)));
    expect(expected.length).toBeGreaterThan(10);

    const fetched = await read(file, kept, byPid(wanted));
    expect(fetched.map((o) => o.id)).toEqual(expected.map((o) => o.id));
    expect(fetched).toEqual(expected);

    const longOne = all[3];
    expect(await read(file, kept, byPid(pidsOf(longOne) as number[]))).toContainEqual(longOne);
  });

  it('finds the lines of a gzip file again by number', async () => {
    const file = path.join(dir, 'log.json.gz');
    fs.writeFileSync(file, gzipSync(`${lines.join('\n')}\n`));
    const kept = new Map<string, unknown>();
    const all = await read(file, kept, { entityType: 'process', where: { kind: 'comparison', entityType: 'process', attribute: 'name', op: '=', value: 'x' } });
    expect(all).toHaveLength(lines.length);
    const expected = all.filter((o) => pidsOf(o).includes(8920));
    expect(expected.length).toBeGreaterThan(5);
    expect(await read(file, kept, byPid([8920]))).toEqual(expected);
  });

  it('is dropped when the file changes, and the next read scans it again', async () => {
    const file = path.join(dir, 'growing.json');
    fs.writeFileSync(file, `${lines.slice(0, 50).join('\n')}\n`);
    const kept = new Map<string, unknown>();
    await read(file, kept, byPid([1]));
    fs.appendFileSync(file, `${lines.slice(50).join('\n')}\n`);
    const after = await read(file, kept, byPid([8920]));
    expect(after.length).toBe(lines.length);
  });
});
