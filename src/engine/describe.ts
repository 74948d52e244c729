import type { GraphStore } from '../../graph/graph-store';
import type { AttrValue } from '../model/observation';
import type { EntitySet } from './entity-set';
import { attributeValues } from './path-values';

export type Description =
  | { attribute: string; count: number; mean: number; min: number; max: number }
  | { attribute: string; count: number; unique: number; top: AttrValue; freq: number };

/**
 * DESCRIBE var.attr over the entities that have the attribute: count, mean, min and max when every value
 * is a number; otherwise count, number of distinct values, the most frequent one and how often it occurs.
 */
export async function describe(store: GraphStore, set: EntitySet, attribute: string): Promise<Description> {
  const values = (await attributeValues(store, set, attribute)).filter((v) => v !== null && typeof v !== 'object');
  if (values.length && values.every((v) => typeof v === 'number')) {
    const nums = values as number[];
    return {
      attribute,
      count: nums.length,
      mean: nums.reduce((a, b) => a + b, 0) / nums.length,
      min: Math.min(...nums),
      max: Math.max(...nums),
    };
  }
  const freq = new Map<AttrValue, number>();
  for (const v of values) freq.set(v, (freq.get(v) ?? 0) + 1);
  let top: AttrValue = null;
  let most = 0;
  for (const [v, n] of freq) if (n > most) [top, most] = [v, n];
  return { attribute, count: values.length, unique: freq.size, top, freq: most };
}
