import { stableId } from '../src/model/stable-id';

const DAY_MS = 86_400_000;

type Json = Record<string, unknown>;

function shift(iso: unknown, ms: number): unknown {
  if (typeof iso !== 'string') return iso;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : new Date(t + ms).toISOString();
}

/**
 * A bundle `factor` times the size of the input with the same shape: copy k has fresh observed-data ids and
 * every time moved k days later, so its processes are new processes and its records new records.
 */
export function scaleBundle(bundle: Json, factor: number): Json {
  const objects = bundle.objects as Json[];
  const out: Json[] = objects.filter((o) => o.type !== 'observed-data');
  for (let k = 0; k < factor; k++) {
    const ms = k * DAY_MS;
    for (const o of objects) {
      if (o.type !== 'observed-data') continue;
      const scos: Record<string, Json> = {};
      for (const [key, sco] of Object.entries(o.objects as Record<string, Json>)) {
        scos[key] = sco.type === 'process' && sco.created ? { ...sco, created: shift(sco.created, ms) } : sco;
      }
      out.push({
        ...o,
        id: k === 0 ? o.id : stableId('observed-data', `${o.id}#${k}`),
        first_observed: shift(o.first_observed, ms),
        last_observed: shift(o.last_observed, ms),
        objects: scos,
      });
    }
  }
  return { ...bundle, id: stableId('bundle', `${bundle.id}#x${factor}`), objects: out };
}
