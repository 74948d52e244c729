type JsonObject = Record<string, unknown>;

const isObject = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * A document with flat dotted keys made nested (`{"process.name": "x"}` becomes `{"process": {"name": "x"}}`),
 * so that every field sits at the path its dotted name spells. A dotted key whose prefix holds a non-object
 * value stays as it is.
 */
export function nestFields(doc: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(doc)) {
    const parts = key.split('.');
    let target = out;
    let depth = 0;
    for (; depth < parts.length - 1; depth++) {
      const existing = Object.hasOwn(target, parts[depth]) ? target[parts[depth]] : undefined;
      if (existing === undefined) setOwn(target, parts[depth], {});
      else if (!isObject(existing)) break;
      target = target[parts[depth]] as JsonObject;
    }
    mergeInto(target, parts.slice(depth).join('.'), isObject(value) ? nestFields(value) : value);
  }
  return out;
}

/** Sets a field; two objects at one place merge, field by field. */
function mergeInto(target: JsonObject, name: string, value: unknown): void {
  const existing = Object.hasOwn(target, name) ? target[name] : undefined;
  if (isObject(existing) && isObject(value)) for (const [k, v] of Object.entries(value)) mergeInto(existing, k, v);
  else setOwn(target, name, value);
}

/** Plain assignment of `__proto__` would replace the prototype instead of adding a property. */
function setOwn(target: JsonObject, name: string, value: unknown): void {
  Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
}

/** The value at a dotted field of a nested document; undefined when absent. */
export function fieldValue(doc: JsonObject, field: string): unknown {
  let value: unknown = doc;
  for (const part of field.split('.')) {
    if (!isObject(value) || !Object.hasOwn(value, part)) return undefined;
    value = value[part];
  }
  return value;
}
