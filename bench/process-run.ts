import { spawnSync } from 'node:child_process';

export interface ProcessRun {
  wallS: number;
  cpuS: number;
  peakRssMb: number;
  stdout: string;
}

/**
 * Runs a command as a whole process under /usr/bin/time, which reports its CPU seconds and peak RSS as the
 * operating system counted them; the wall time is measured here.
 */
export function runProcess(command: string, args: readonly string[], cwd?: string): ProcessRun {
  const started = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '\n%U %S %M', command, ...args], { encoding: 'utf8', cwd, maxBuffer: 1 << 28 });
  const wallS = (performance.now() - started) / 1000;
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(-2000)}`);
  const [user, sys, rssKb] = r.stderr.trim().split('\n').pop()!.split(' ').map(Number);
  return { wallS, cpuS: user + sys, peakRssMb: rssKb / 1024, stdout: r.stdout };
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Runs A and B in turn `runs` times (A B A B …, so drift hits both) and gives each one's runs. */
export function alternate(runs: number, a: () => ProcessRun, b: () => ProcessRun): { a: ProcessRun[]; b: ProcessRun[] } {
  const out = { a: [] as ProcessRun[], b: [] as ProcessRun[] };
  a();
  b();
  for (let i = 0; i < runs; i++) {
    out.a.push(a());
    out.b.push(b());
  }
  return out;
}
