/** How START and STOP take a time, for hints. */
export const TIMESTAMP_FORMATS =
  "write a UTC time with seconds and Z: 2021-01-01T00:00:00Z or 2021-01-01T00:00:00.000Z, bare or quoted ('…', t'…')";

/**
 * Epoch milliseconds of a timestamp the grammar accepted (`2021-01-01T00:00:00[.fff]Z`), or undefined when it
 * names no real time (month 13, February 30, hour 24).
 */
export function timestampMs(iso: string): number | undefined {
  const ms = Date.parse(iso);
  // Date.parse rolls February 30 over to March 2: a real time reads back as written.
  return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 19) !== iso.slice(0, 19) ? undefined : ms;
}
