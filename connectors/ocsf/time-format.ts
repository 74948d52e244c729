/** An epoch-milliseconds time written with a Python strftime format (Kestrel 2's `timestamp_format`), in UTC. */
export function strftime(ms: number, format: string): string {
  const d = new Date(ms);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const parts: Record<string, string> = {
    Y: String(d.getUTCFullYear()),
    m: pad(d.getUTCMonth() + 1),
    d: pad(d.getUTCDate()),
    H: pad(d.getUTCHours()),
    M: pad(d.getUTCMinutes()),
    S: pad(d.getUTCSeconds()),
    f: pad(d.getUTCMilliseconds() * 1000, 6),
    z: '+0000',
    Z: 'UTC',
    '%': '%',
  };
  return format.replace(/%([YmdHMSfzZ%])/g, (_, k: string) => parts[k]);
}
