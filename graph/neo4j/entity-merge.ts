import type { AttrValue } from '../../src/model/observation';

/** An entity as the loader holds it while merging: what the database had, plus this load's records. */
export interface EntityState {
  type: string;
  attrs: Record<string, AttrValue>;
  variants?: Record<string, AttrValue[]>;
  /** Sequence number of an entity this load creates; null for one already stored. */
  seq: number | null;
}

/**
 * The embedded store's merge rule (graph/memory-store.ts), kept equal to it: the latest non-null value wins,
 * and an earlier value that a later scalar disagrees with is kept as a variant. Calls `added` with each
 * attribute name new to the entity.
 */
export function mergeAttributes(state: EntityState, from: Readonly<Record<string, AttrValue>>, added: (name: string) => void): void {
  const attrs = state.attrs;
  for (const k in from) {
    const v = from[k];
    if (v === null || v === undefined) continue;
    if (!Object.hasOwn(attrs, k)) added(k);
    else if (attrs[k] !== v && typeof v !== 'object') addVariant(state, k, attrs[k]);
    attrs[k] = v;
  }
}

/** What setAttributes does: every given value replaces the stored one, null included, with no variant. */
export function replaceAttributes(state: EntityState, from: Readonly<Record<string, AttrValue>>, added: (name: string) => void): void {
  for (const [k, v] of Object.entries(from)) {
    if (!Object.hasOwn(state.attrs, k)) added(k);
    state.attrs[k] = v;
  }
}

/** Attributes or variants read back from their JSON property, without a prototype (a key may be `constructor`). */
export function parseMap<T>(json: string): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, JSON.parse(json) as Record<string, T>);
}

function addVariant(state: EntityState, key: string, previous: AttrValue): void {
  state.variants ??= Object.create(null) as Record<string, AttrValue[]>;
  const list = (state.variants[key] ??= []);
  if (!list.includes(previous)) list.push(previous);
}
