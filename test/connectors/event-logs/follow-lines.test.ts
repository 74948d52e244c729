import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { followLines } from '../../../connectors/event-logs/follow-lines';
import type { Line } from '../../../connectors/event-logs/read-lines';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const lineTexts = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `{"n":${from + i}}`);
const text = (ls: string[]) => ls.map((l) => `${l}\n`).join('');

/** Follows a file in the background; `lines` grows as they come. */
function follow(file: string, pollMs: number) {
  const stop = new AbortController();
  const lines: Line[] = [];
  const warnings: string[] = [];
  let caughtUp = false;
  const done = (async () => {
    for await (const b of followLines(file, { signal: stop.signal, pollMs, onWarning: (w) => warnings.push(w) })) {
      lines.push(...b.lines);
      caughtUp ||= b.caughtUp;
    }
  })();
  const until = async (n: number) => {
    const deadline = Date.now() + 5000;
    while (lines.length < n && Date.now() < deadline) await sleep(10);
  };
  return { lines, warnings, until, caught: () => caughtUp, stop: async () => { stop.abort(); await done; } };
}

describe('followLines: a log file followed as tail -F follows it', () => {
  let dir: string;
  let log: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kestrel-follow-lines-'));
    log = path.join(dir, 'events.json');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const expectAll = (lines: Line[], n: number) => {
    expect(lines.map((l) => l.text)).toEqual(lineTexts(1, n));
    expect(lines.map((l) => l.number)).toEqual(lineTexts(1, n).map((_, i) => i + 1));
  };

  it('reads what the file holds, then appended lines; a last line without its newline waits until it is whole', async () => {
    fs.writeFileSync(log, text(lineTexts(1, 100)));
    const f = follow(log, 20);
    await f.until(100);
    expect(f.caught()).toBe(true);
    fs.appendFileSync(log, text(lineTexts(101, 150)));
    fs.appendFileSync(log, '{"n":15');
    await f.until(150);
    await sleep(100);
    expect(f.lines.length).toBe(150);
    fs.appendFileSync(log, '1}');
    await f.until(151);
    fs.appendFileSync(log, `\n${text(lineTexts(152, 160))}`);
    await f.until(160);
    await f.stop();
    expectAll(f.lines, 160);
  });

  it('follows a rename rotation: the rest of the old file (written after the rename), then the new file', async () => {
    fs.writeFileSync(log, text(lineTexts(1, 100)));
    const f = follow(log, 50);
    await f.until(100);
    const writer = fs.openSync(log, 'a');
    fs.writeSync(writer, text(lineTexts(101, 120)));
    fs.renameSync(log, `${log}.1`);
    fs.writeSync(writer, text(lineTexts(121, 130))); // the writer had it open: these land in events.json.1
    fs.closeSync(writer);
    fs.writeFileSync(log, text(lineTexts(131, 200)));
    await f.until(200);
    await f.stop();
    expectAll(f.lines, 200);
  });

  it('follows a rotation whose old file is gzip-compressed and removed before it was read to its end', async () => {
    fs.writeFileSync(log, text(lineTexts(1, 100)));
    const f = follow(log, 300);
    await f.until(100);
    fs.appendFileSync(log, text(lineTexts(101, 150)));
    fs.renameSync(log, `${log}.1`);
    fs.writeFileSync(`${log}.1.gz`, gzipSync(fs.readFileSync(`${log}.1`)));
    fs.unlinkSync(`${log}.1`);
    fs.writeFileSync(log, text(lineTexts(151, 180)));
    await f.until(180);
    await f.stop();
    expectAll(f.lines, 180);
  });

  it('follows a copytruncate rotation: lines copied away before they were read are read from the gzip copy', async () => {
    fs.writeFileSync(log, text(lineTexts(1, 100)));
    const f = follow(log, 300);
    await f.until(100);
    fs.appendFileSync(log, text(lineTexts(101, 140)));
    fs.writeFileSync(`${log}.1.gz`, gzipSync(fs.readFileSync(log)));
    fs.truncateSync(log, 0);
    fs.appendFileSync(log, text(lineTexts(141, 150)));
    await f.until(150);
    await f.stop();
    expect(f.warnings).toEqual([]);
    expectAll(f.lines, 150);
  });

  it('reads a gzip file once and says it is not followed', async () => {
    fs.writeFileSync(log, gzipSync(text(lineTexts(1, 50))));
    const f = follow(log, 20);
    await f.until(50);
    await sleep(50);
    await f.stop();
    expectAll(f.lines, 50);
    expect(f.warnings).toEqual([expect.stringContaining('a gzip file is read once, not followed')]);
  });
});
