/** Helpers for the plain JSON/YAML values profiles are made of. */

export type Env = Readonly<Record<string, string | undefined>>;
export type PlainObject = Record<string, unknown>;

export function isPlainObject(value: unknown): value is PlainObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Plain assignment of `__proto__` would replace the prototype instead of adding a property. */
export function setOwn(target: PlainObject, name: string, value: unknown): void {
  if (name === '__proto__') {
    Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
  } else target[name] = value;
}

const ENV_REFERENCE = /\$(?:([A-Za-z0-9_]+)|\{([^}]*)\})/g;

/**
 * Kestrel's environment expansion (Python's os.path.expandvars): `$NAME` and `${NAME}` become the variable's
 * value; a variable that is not set stays as written.
 */
export function expandEnvVars(text: string, env: Env): string {
  return text.replace(ENV_REFERENCE, (whole, bare: string | undefined, braced: string | undefined) => {
    const name = bare ?? braced ?? '';
    return (Object.hasOwn(env, name) ? env[name] : undefined) ?? whole;
  });
}

/** A copy of `value` with `$VAR` expanded in every string (keys stay as written). */
export function expandDeep(value: unknown, env: Env): unknown {
  if (typeof value === 'string') return expandEnvVars(value, env);
  if (Array.isArray(value)) return value.map((item) => expandDeep(item, env));
  if (isPlainObject(value)) {
    const copy: PlainObject = {};
    for (const key of Object.keys(value)) setOwn(copy, key, expandDeep(value[key], env));
    return copy;
  }
  return value;
}

/** Kestrel's update_nested_dict: `update` wins, except that mappings present on both sides merge key by key. */
export function mergeNested(base: PlainObject, update: PlainObject): PlainObject {
  const merged: PlainObject = {};
  for (const key of Object.keys(base)) setOwn(merged, key, base[key]);
  for (const key of Object.keys(update)) {
    const old = Object.hasOwn(merged, key) ? merged[key] : undefined;
    const value = update[key];
    setOwn(merged, key, isPlainObject(value) && isPlainObject(old) ? mergeNested(old, value) : value);
  }
  return merged;
}

/** A value as messages show it: JSON-quoted and cut short, or its kind. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  return String(value);
}
