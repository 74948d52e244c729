import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { defaultConnectors } from '../../../connectors/registry';
import { MemoryStore } from '../../../graph/memory-store';
import { Session } from '../../../src/engine/session';
import { follow, sleep, tempDir, type Followed } from './replay';

/**
 * A bounded soak of `--follow` (issue 20): for SOAK_MS, a followed Sysmon log gains RATE events a second that
 * mention a fixed set of processes and DLLs (40 processes, 25 DLLs), so entities stop growing early and only
 * records keep coming. The store keeps every record (decision 43), so the heap has to grow with records; what
 * this measures is whether anything else grows with time:
 * - the heap after a full GC, per record the live hunt has taken in, is flat: bytes per record over the second
 *   half of the run are not above those of the first half by more than half;
 * - at the end, the live session's heap (store, DAG values, DISP's last rows, the follow's own state) is within
 *   25% (+16 MB) of a one-shot session over the same final log, i.e. the follow holds little beyond the store.
 * It does not measure native memory (RSS), nor runs of hours.
 */
const SOAK_MS = 20_000;
const RATE = 1000;
const TICK_MS = 50;
const PROCESSES = 40;
const DLLS = 25;

v8.setFlagsFromString('--expose_gc');
const gc = vm.runInNewContext('gc') as () => void;
function heap(): number {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

const FIXTURE = path.join(__dirname, '..', '..', 'fixtures', 'event-logs', 'schtask_create.json');
const template = (id: number) => JSON.parse(fs.readFileSync(FIXTURE, 'utf8').split('\n').find((l) => l.includes(`"EventID":${id},`) && l.includes('Sysmon'))!) as Record<string, unknown>;
const CREATE = template(1);
const LOAD = template(7);
const guid = (i: number) => `{67e11d8c-0000-5fdd-${(0x1000 + i).toString(16)}-000000000700}`;
const NAMES = ['cmd.exe', 'powershell.exe', 'rundll32.exe', 'svchost.exe'];
const image = (i: number) => `C:\\Windows\\System32\\${NAMES[i % NAMES.length]}`;
const at = (n: number) => new Date(Date.parse('2026-01-01T00:00:00Z') + n).toISOString();

function created(i: number): string {
  const parent = i < 4 ? 1000 : i % 4;
  return JSON.stringify({ ...CREATE, Message: undefined, TimeCreated: at(i), '@timestamp': at(i), UtcTime: at(i).replace('T', ' ').slice(0, 23), ProcessGuid: guid(i), ProcessId: String(4000 + i), Image: image(i), CommandLine: `${image(i)} /c job ${i}`, ParentProcessGuid: guid(parent), ParentProcessId: String(4000 + parent), ParentImage: image(parent) });
}
function loaded(n: number): string {
  const i = n % PROCESSES;
  const t = at(PROCESSES + n);
  return JSON.stringify({ ...LOAD, Message: undefined, TimeCreated: t, '@timestamp': t, UtcTime: t.replace('T', ' ').slice(0, 23), ProcessGuid: guid(i), ProcessId: String(4000 + i), Image: image(i), ImageLoaded: `C:\\Windows\\System32\\lib${n % DLLS}.dll` });
}

const HUNT = (log: string) => `
ps = GET process FROM file://${log} WHERE name IN ('cmd.exe', 'powershell.exe', 'rundll32.exe', 'svchost.exe')
kids = FIND process CREATED BY ps
dlls = FIND file LINKED ps
by_name = GROUP ps BY name WITH COUNT(pid) AS n
DISP ps ATTR pid, name, command_line
DISP by_name
`;

test(`soak: ${SOAK_MS / 1000} s of ${RATE} events/s into a followed log over a bounded set of entities: heap per record stays flat, and the follow holds little beyond the store`, async () => {
  const dir = tempDir();
  const log = path.join(dir, 'sysmon.json');
  const huntFile = path.join(dir, 'hunt.hf');
  fs.writeFileSync(log, Array.from({ length: PROCESSES }, (_, i) => `${created(i)}\n`).join(''));
  const base = heap();
  let f: Followed | undefined = await follow(HUNT(log), huntFile, 20, 300);
  const samples: { records: number; heap: number }[] = [];
  let n = 0;
  try {
    const start = Date.now();
    let nextSample = start + 2000;
    while (Date.now() - start < SOAK_MS) {
      const due = Math.floor(((Date.now() - start) * RATE) / 1000);
      let lines = '';
      for (; n < due; n++) lines += `${loaded(n)}\n`;
      if (lines) fs.appendFileSync(log, lines);
      await sleep(TICK_MS);
      if (Date.now() >= nextSample) {
        nextSample += 2000;
        samples.push({ records: f.live.stats.records, heap: heap() });
      }
    }
    await f.settled();
    // The live hunt kept up: it took in every line written.
    expect(f.live.stats.records).toBe(n);
    samples.push({ records: f.live.stats.records, heap: heap() });
    const ps = (await f.live.summaries()).find((v) => v.name === 'ps')!;
    // The 40 processes and the parent of the first four (seen only as a parent).
    expect(ps.entities).toBe(PROCESSES + 1);
  } finally {
    await f.stop();
  }
  const live = heap() - base;
  f = undefined;

  // Bytes per record between the first sample and the middle one, and between the middle one and the last.
  const first = samples[0];
  const middle = samples[Math.floor(samples.length / 2)];
  const last = samples[samples.length - 1];
  const slope = (a: typeof first, b: typeof first) => (b.heap - a.heap) / Math.max(1, b.records - a.records);
  const early = slope(first, middle);
  const late = slope(middle, last);

  const before = heap();
  let once: Session | undefined = new Session({ store: new MemoryStore(), connectors: defaultConnectors() });
  const result = await once.execute(HUNT(log), huntFile);
  expect(result.errors).toEqual([]);
  const oneShot = heap() - before;
  once = undefined;
  fs.rmSync(dir, { recursive: true, force: true });

  const mb = (b: number) => `${(b / 2 ** 20).toFixed(1)} MB`;
  console.log(`soak: ${n} records; heap per record ${early.toFixed(0)} B (first half), ${late.toFixed(0)} B (second half); live session ${mb(live)}, one-shot ${mb(oneShot)}; samples ${samples.map((s) => `${s.records}:${mb(s.heap)}`).join(' ')}`);
  expect(n).toBeGreaterThan((SOAK_MS / 1000) * RATE * 0.9);
  expect(late).toBeLessThanOrEqual(Math.max(early * 1.5, early + 200));
  expect(live).toBeLessThanOrEqual(oneShot * 1.25 + 16 * 2 ** 20);
}, 90_000);
