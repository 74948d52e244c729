import type { ProgressListener } from '../engine/data-sources';
import { printable } from './format-table';

const EVERY_MS = 250;

/**
 * One status line on a terminal, rewritten in place while sources load: records read and the rate. Quiet for
 * reads shorter than a quarter of a second; the line is cleared when the read ends.
 */
export function progressLine(out: { write(s: string): unknown; columns?: number }, now: () => number = () => performance.now()): ProgressListener {
  const started = new Map<string, number>();
  let shownAt = 0;
  let shown = false;
  return (source, records, done) => {
    const t = now();
    if (!started.has(source)) started.set(source, t);
    const elapsed = t - started.get(source)!;
    if (done) {
      started.delete(source);
      if (shown) out.write('\r\x1b[2K');
      shown = false;
      return;
    }
    if (elapsed < EVERY_MS || t - shownAt < EVERY_MS) return;
    shownAt = t;
    shown = true;
    const rate = Math.round(records / (elapsed / 1000));
    const line = `reading ${printable(source)}: ${records.toLocaleString('en-US')} records (${rate.toLocaleString('en-US')}/s)`;
    const width = (out.columns ?? 80) - 1;
    out.write(`\r\x1b[2K${line.length > width ? `…${line.slice(line.length - width + 1)}` : line}`);
  };
}
