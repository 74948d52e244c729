import { parsePath, type PathSegment } from './attribute-path';
import { referenceType } from './entity-types';
import { KestrelError } from './errors';
import type { AttrValue, ObservedObject } from './observation';

type Entry = [path: PathSegment[], value: AttrValue];

/**
 * The objects one NEW or LOAD row describes, the row's own first. A dotted key through a reference is an attribute
 * of the entity the reference reaches (`parent_ref.binary_ref.name`: the parent's binary's name), whose type is
 * `<ref>.type` when the row gives it, else the reference's usual one; through any other attribute it nests
 * (`hashes.MD5`). The `type` key is not an attribute.
 */
export function rowObjects(type: string, row: Readonly<Record<string, AttrValue>>): ObservedObject[] {
  const entries = Object.entries(row).flatMap(([key, value]): Entry[] => {
    const path = key.includes('.') ? parsePath(key) : [];
    if (path.length < 2) return [[[{ name: key, isRef: false }], value]];
    return value === null ? [] : [[path, value]];
  });
  const objects: ObservedObject[] = [];
  build(type, entries, objects);
  return objects;
}

function build(type: string, entries: Entry[], objects: ObservedObject[]): string {
  const object: ObservedObject = { key: String(objects.length), type, attrs: {}, refs: {} };
  objects.push(object);
  const reached = new Map<string, Entry[]>();
  for (const [[head, ...rest], value] of entries) {
    if (head.isRef && rest.length) reached.set(head.name, [...(reached.get(head.name) ?? []), [rest, value]]);
    else if (rest.length || head.name !== 'type') nest(object.attrs, [head, ...rest], value);
  }
  for (const [ref, sub] of reached) {
    const given = attribute(sub, 'type');
    const key = build(typeof given === 'string' ? given : targetType(ref, sub), sub, objects);
    object.refs[ref] = ref.endsWith('_refs') ? [key] : key;
  }
  return object.key;
}

function attribute(entries: Entry[], name: string): AttrValue | undefined {
  return entries.find(([path]) => path.length === 1 && path[0].name === name)?.[1];
}

function targetType(ref: string, entries: Entry[]): string {
  const type = referenceType(ref);
  if (!type) {
    throw new KestrelError('E_MISSING_ENTITY_TYPE', `cannot tell what type of entity ${ref} reaches`, {
      hint: `give it in the row: "${ref}.type": "<entity type>"`,
    });
  }
  const value = attribute(entries, 'value');
  return type === 'ipv4-addr' && typeof value === 'string' && value.includes(':') ? 'ipv6-addr' : type;
}

/** Sets the value at a path of nested objects; names are own properties whatever they are (`__proto__` too). */
function nest(attrs: Record<string, AttrValue>, path: PathSegment[], value: AttrValue): void {
  let target = attrs;
  for (const { name } of path.slice(0, -1)) {
    const next = Object.hasOwn(target, name) ? target[name] : null;
    const inner = next !== null && typeof next === 'object' && !Array.isArray(next) ? next : {};
    put(target, name, inner);
    target = inner;
  }
  put(target, path[path.length - 1].name, value);
}

function put(target: Record<string, AttrValue>, name: string, value: AttrValue): void {
  Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
}
