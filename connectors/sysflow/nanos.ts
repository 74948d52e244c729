const NS_PER_MS = 1_000_000n;

/** ISO-8601 UTC, to the millisecond, of a time in nanoseconds since the epoch. */
export function nanosToIso(ns: bigint): string {
  return new Date(Number(ns / NS_PER_MS)).toISOString();
}
