import type { AttrValue, ObservedObject } from '../../src/model/observation';

/** Which reference targets exist in the record, and who hears about one that does not. */
export interface RefTargets {
  has(target: string): boolean;
  unresolved(key: string, property: string, target: unknown): void;
}

/**
 * Splits one STIX object into attributes and references. Top-level `*_ref` (a string) and `*_refs` (strings)
 * become refs when their target exists, and are dropped otherwise; nested values are kept as parsed.
 * `omit` names properties that are neither (type, and for STIX 2.1 objects id and spec_version).
 */
export function toObservedObject(
  key: string,
  raw: Record<string, unknown>,
  omit: ReadonlySet<string>,
  targets: RefTargets,
): ObservedObject {
  const attrs: Record<string, AttrValue> = {};
  const refs: Record<string, string | string[]> = {};
  // for-in, not Object.keys: no array per object, and JSON.parse output has only own enumerable properties.
  for (const name in raw) {
    if (omit.has(name)) continue;
    const value = raw[name];
    if (name.endsWith('_ref')) {
      if (typeof value === 'string' && targets.has(value)) setOwn(refs, name, value);
      else targets.unresolved(key, name, value);
    } else if (name.endsWith('_refs')) {
      if (!Array.isArray(value)) {
        targets.unresolved(key, name, value);
        continue;
      }
      const kept: string[] = [];
      for (const target of value) {
        if (typeof target === 'string' && targets.has(target)) kept.push(target);
        else targets.unresolved(key, name, target);
      }
      if (kept.length > 0) setOwn(refs, name, kept);
    } else setOwn(attrs, name, value as AttrValue);
  }
  return { key, type: raw.type as string, attrs, refs };
}

/** Plain assignment of `__proto__` would replace the prototype instead of adding a property. */
function setOwn<T>(target: Record<string, T>, name: string, value: T): void {
  if (name === '__proto__') {
    Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
  } else target[name] = value;
}
