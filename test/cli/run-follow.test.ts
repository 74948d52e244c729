/**
 * `kestrel run --follow` as a user runs it (the built command, `npm test` builds first): JSON lines as a log grows,
 * the latency targets of issue 20 (one new Sysmon event in 0.5 s, a burst of 2,000 in 2 s) and a clean Ctrl-C.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { KIDS_HUNT, newChild, startLog } from './growing-log';

const ROOT = path.join(__dirname, '..', '..');

class Followed {
  readonly out: Record<string, unknown>[] = [];
  stderr = '';
  private waiters: (() => void)[] = [];
  readonly exited: Promise<number | null>;

  text = '';

  constructor(readonly child: ChildProcessWithoutNullStreams, json: boolean) {
    let rest = '';
    child.stdout.on('data', (d: Buffer) => {
      this.text += d.toString('utf8');
      const text = rest + d.toString('utf8');
      const parts = text.split('\n');
      rest = parts.pop()!;
      if (json) for (const p of parts) if (p.trim()) this.out.push(JSON.parse(p) as Record<string, unknown>);
      for (const w of this.waiters.splice(0)) w();
    });
    child.stderr.on('data', (d: Buffer) => {
      this.stderr += d.toString('utf8');
      for (const w of this.waiters.splice(0)) w();
    });
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  }

  async until(test: () => boolean, ms = 10_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!test()) {
      if (Date.now() > deadline) throw new Error(`timed out; stdout so far: ${JSON.stringify(this.out).slice(-2000)}\nstderr: ${this.stderr}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  kids(): number {
    const counts = this.out.filter((o) => o.variable === 'kids');
    return counts.length ? (counts[counts.length - 1].entities as number) : -1;
  }
}

describe('kestrel run --follow', () => {
  let dir: string;
  let running: Followed | undefined;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kestrel-follow-cli-'));
  });
  afterEach(() => {
    running?.child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function start(args: string[]): Followed {
    startLog(dir);
    fs.writeFileSync(path.join(dir, 'hunt.hf'), KIDS_HUNT.join('\n'));
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'kestrel.js'), 'run', 'hunt.hf', '--follow', ...args], { cwd: dir });
    running = new Followed(child, args.includes('--json'));
    return running;
  }

  it('prints JSON lines as the log grows: one new event in 0.5 s, 2,000 in 2 s; Ctrl-C stops it cleanly', async () => {
    const f = start(['--json']);
    await f.until(() => f.stderr.includes('following') && f.kids() >= 0);
    expect(f.out.find((o) => o.output === 'kids')).toMatchObject({ added: [{ pid: 8920, name: 'schtasks.exe', 'parent_ref.name': 'cmd.exe' }] });
    const k0 = f.kids();
    expect(k0).toBeGreaterThanOrEqual(1);
    const log = path.join(dir, 'log.json');

    let t0 = performance.now();
    fs.appendFileSync(log, `${newChild(0)}\n`);
    await f.until(() => f.out.some((o) => o.output === 'kids' && (o.added as { pid: number }[]).some((r) => r.pid === 20000)));
    const one = performance.now() - t0;
    const line = f.out.find((o) => o.output === 'kids' && (o.added as { pid: number }[]).some((r) => r.pid === 20000))!;
    expect(line).toEqual({ output: 'kids', added: [{ pid: 20000, name: 'schtasks.exe', 'parent_ref.name': 'cmd.exe' }], changed: [], at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    await f.until(() => f.kids() === k0 + 1);

    t0 = performance.now();
    fs.appendFileSync(log, Array.from({ length: 2000 }, (_, i) => `${newChild(i + 1)}\n`).join(''));
    await f.until(() => f.kids() === k0 + 2001);
    const burst = performance.now() - t0;
    process.stderr.write(`kestrel run --follow: one event shown in ${one.toFixed(0)} ms, a burst of 2,000 in ${burst.toFixed(0)} ms\n`);
    expect(one).toBeLessThanOrEqual(500);
    expect(burst).toBeLessThanOrEqual(2000);

    f.child.kill('SIGINT');
    expect(await f.exited).toBe(0);
    expect(f.out[f.out.length - 1]).toMatchObject({ stopped: true, variables: [{ name: 'shells', entities: 1 }, { name: 'kids', entities: k0 + 2001 }] });
  }, 60_000);

  it('in text mode prints the tables, then each new row marked with the time it was seen, then the final counts', async () => {
    const f = start([]);
    await f.until(() => f.stderr.includes('following'));
    fs.appendFileSync(path.join(dir, 'log.json'), `${newChild(7)}\n`);
    await f.until(() => /20007\s+schtasks\.exe\s+cmd\.exe/.test(f.text));
    f.child.kill('SIGINT');
    expect(await f.exited).toBe(0);
    const stdout = f.text;
    expect(stdout).toMatch(/\[\d{4}-\d\d-\d\dT[\d:.]+Z\] DISP kids: 1 new, 0 changed/);
    expect(stdout).toMatch(/\d\d:\d\d:\d\d\.\d{3}\s+\+\s+20007\s+schtasks\.exe\s+cmd\.exe/);
    expect(stdout).toMatch(/\[SUMMARY\] stopped following: 1 new records in 1 updates/);
    expect(stdout).toMatch(/kids\s+process\s+\d+\s+/);
  }, 60_000);
});
