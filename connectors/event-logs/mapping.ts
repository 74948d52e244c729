import { KestrelError } from '../../src/model/errors';
import type { AttrValue, Observation, ObservedObject } from '../../src/model/observation';
import { stableId } from '../../src/model/stable-id';
import { fieldGetter, type FieldGetter } from './field-path';
import type { EventSpec, MappingSpec, ObjectSpec } from './mapping-spec';
import { isPlaceholder, TEXT_KEEPING, TRANSFORMS, typeNeeded, VALUE_PRESERVING, type Transform } from './transforms';

/** One attribute: the first of its fields that holds a usable value, transformed. */
interface CompiledAttr {
  name: string;
  fields: string[];
  getters: FieldGetter[];
  transformName: string;
  transform: Transform;
}

interface CompiledObject {
  name: string;
  type: string;
  attrs: CompiledAttr[];
  identifying: boolean[];
  /** Index into attrs of the list attribute that makes one object per element, or -1. */
  each: number;
  refs: { name: string; target: string }[];
}

/** An event kind with its objects in order and its refs resolved to positions in that order. */
interface CompiledEvent {
  action?: string;
  category?: string;
  objects: CompiledObject[];
  objectRefs: { name: string; target: number }[][];
  eventRefs: { name: string; target: number }[];
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * A mapping file compiled once into getters and arrays, so mapping a document reads fields and builds
 * objects without interpreting the YAML again.
 */
export class CompiledMapping {
  private readonly kind: FieldGetter[];
  private readonly time: CompiledAttr;
  private readonly loggedAt?: CompiledAttr;
  private readonly host: CompiledAttr;
  private readonly eventAttrs: CompiledAttr[];
  private readonly objects = new Map<string, CompiledObject>();
  private readonly events = new Map<string, CompiledEvent>();
  private readonly fallback: CompiledEvent;

  constructor(spec: MappingSpec, private readonly file: string) {
    this.kind = spec.kind.map(fieldGetter);
    this.time = this.attr('time', spec.time);
    this.loggedAt = spec.logged_at === undefined ? undefined : this.attr('logged_at', spec.logged_at);
    this.host = this.attr('hostname', spec.host);
    this.eventAttrs = Object.entries(spec.event).map(([name, s]) => this.attr(name, s));
    for (const [name, o] of Object.entries(spec.objects)) this.objects.set(name, this.object(name, o));
    let fallback: CompiledEvent | undefined;
    for (const [first, byCode] of Object.entries(spec.events)) {
      if (first === '*') {
        fallback = this.event(byCode as EventSpec, '*');
        continue;
      }
      for (const [code, e] of Object.entries(byCode as Record<string, EventSpec>)) {
        this.events.set(`${first.toLowerCase()}|${code}`, this.event(e, `${first} ${code}`));
      }
    }
    this.fallback = fallback ?? this.event({}, '*');
  }

  /** `onWrongType` hears each field whose value has a type its attribute cannot take; the attribute is left out. */
  map(doc: Record<string, unknown>, source: string, position: string | number, onWrongType?: WrongType): Observation {
    const first = kindKey(this.kind[0](doc));
    const second = this.kind.length > 1 ? this.kind[1](doc) : undefined;
    const event =
      this.events.get(`${first}|${second}`) ?? this.events.get(`${first}|*`) ?? this.fallback;
    const time = value(this.time, doc, onWrongType) as string | undefined;
    const objects: ObservedObject[] = [];
    const asset: ObservedObject = { key: '0', type: 'x-oca-asset', attrs: {}, refs: {} };
    const hostname = value(this.host, doc, onWrongType);
    if (hostname !== undefined) asset.attrs.hostname = hostname;
    const ev: ObservedObject = { key: '1', type: 'x-oca-event', attrs: {}, refs: { host_ref: '0' } };
    for (const a of this.eventAttrs) {
      const v = value(a, doc, onWrongType);
      if (v !== undefined) ev.attrs[a.name] = v;
    }
    if (event.action !== undefined) ev.attrs.action = event.action;
    if (event.category !== undefined) ev.attrs.category = event.category;
    objects.push(asset, ev);

    const made: (ObservedObject | ObservedObject[] | undefined)[] = new Array(event.objects.length);
    for (let i = 0; i < event.objects.length; i++) made[i] = build(event.objects[i], doc, objects, onWrongType);
    for (let i = 0; i < made.length; i++) {
      const m = made[i];
      if (m === undefined) continue;
      for (const r of event.objectRefs[i]) {
        const target = keysOf(made[r.target], r.name);
        if (target === undefined) continue;
        if (Array.isArray(m)) for (const o of m) o.refs[r.name] = target;
        else m.refs[r.name] = target;
      }
    }
    for (const r of event.eventRefs) {
      const target = keysOf(made[r.target], r.name);
      if (target !== undefined) ev.refs[r.name] = target;
    }
    const obs: Observation = {
      id: recordId(source, position),
      source,
      firstObserved: time,
      lastObserved: time,
      numberObserved: 1,
      objects,
    };
    if (this.loggedAt) {
      const logged = value(this.loggedAt, doc, onWrongType);
      if (typeof logged === 'string') obs.loggedAt = logged;
    }
    return obs;
  }

  /** The fields that hold `attribute` (a path through refs, `parent_ref.name`) of `entityType` verbatim. */
  nativeFields(entityType: string, attribute: string): string[] {
    const steps = attribute.split('.');
    const fields = new Set<string>();
    const follow = (o: CompiledObject, i: number) => {
      if (i === steps.length - 1) {
        const a = o.attrs.find((x) => x.name === steps[i]);
        if (a && VALUE_PRESERVING.has(a.transformName)) for (const f of a.fields) fields.add(f);
        return;
      }
      const r = o.refs.find((x) => x.name === steps[i]);
      const target = r && this.objects.get(r.target);
      if (target) follow(target, i + 1);
    };
    const ipType = entityType === 'ipv4-addr' || entityType === 'ipv6-addr';
    for (const o of this.objects.values()) if (o.type === entityType || (ipType && o.type === 'ip-addr')) follow(o, 0);
    if (steps.length === 1 && entityType === 'x-oca-asset' && attribute === 'hostname') this.host.fields.forEach((f) => fields.add(f));
    if (steps.length === 1 && entityType === 'x-oca-event') {
      const a = this.eventAttrs.find((x) => x.name === attribute);
      if (a && VALUE_PRESERVING.has(a.transformName)) a.fields.forEach((f) => fields.add(f));
    }
    return [...fields];
  }

  /**
   * Whether every field that gives `attribute` (no path) of `entityType` keeps the text the document wrote, whole
   * or in part (a basename, lower-cased): then a line without the value's text holds no such entity with that value.
   */
  keepsText(entityType: string, attribute: string): boolean {
    const ipType = entityType === 'ipv4-addr' || entityType === 'ipv6-addr';
    const specs: CompiledAttr[] = [];
    for (const o of this.objects.values()) {
      if (o.type === entityType || (ipType && o.type === 'ip-addr')) specs.push(...o.attrs.filter((a) => a.name === attribute));
    }
    if (entityType === 'x-oca-event') {
      // An event kind names its action and category itself, whatever the document says.
      if (attribute === 'action' || attribute === 'category') return false;
      specs.push(...this.eventAttrs.filter((a) => a.name === attribute));
    }
    if (entityType === 'x-oca-asset' && attribute === 'hostname') specs.push(this.host);
    return specs.length > 0 && specs.every((a) => TEXT_KEEPING.has(a.transformName));
  }

  timeField(): string {
    return this.time.fields[0];
  }

  private attr(name: string, spec: string): CompiledAttr {
    if (FORBIDDEN_KEYS.has(name)) throw this.error(`attribute name ${name} is not allowed`);
    const bar = spec.indexOf('|');
    const fields = (bar < 0 ? spec : spec.slice(0, bar)).split(',').map((f) => f.trim()).filter(Boolean);
    const transformName = bar < 0 ? 'verbatim' : spec.slice(bar + 1).trim();
    const transform = TRANSFORMS[transformName];
    if (!transform) throw this.error(`${name}: unknown transform ${transformName} (known: ${Object.keys(TRANSFORMS).join(', ')})`);
    if (!fields.length) throw this.error(`${name}: no field in "${spec}"`);
    return { name, fields, getters: fields.map(fieldGetter), transformName, transform };
  }

  private object(name: string, spec: ObjectSpec): CompiledObject {
    if (!spec || typeof spec.type !== 'string' || !spec.attrs) throw this.error(`object ${name} needs a type and attrs`);
    const attrs = Object.entries(spec.attrs).map(([a, s]) => this.attr(a, s));
    const ids = spec.identified_by ?? attrs.map((a) => a.name);
    for (const id of ids) if (!attrs.some((a) => a.name === id)) throw this.error(`object ${name}: identified_by names no attribute ${id}`);
    const each = spec.each === undefined ? -1 : attrs.findIndex((a) => a.name === spec.each);
    if (spec.each !== undefined && each < 0) throw this.error(`object ${name}: each names no attribute ${spec.each}`);
    const refs = Object.entries(spec.refs ?? {}).map(([r, target]) => {
      if (FORBIDDEN_KEYS.has(r)) throw this.error(`ref name ${r} is not allowed`);
      return { name: r, target };
    });
    return { name, type: spec.type, attrs, identifying: attrs.map((a) => ids.includes(a.name)), each, refs };
  }

  private event(spec: EventSpec, where: string): CompiledEvent {
    const names = spec.objects ?? [];
    const objects = names.map((n) => {
      const o = this.objects.get(n);
      if (!o) throw this.error(`event ${where}: no object named ${n}`);
      return o;
    });
    for (const o of objects) for (const r of o.refs) if (!this.objects.has(r.target)) throw this.error(`object ${o.name}: ref ${r.name} names no object ${r.target}`);
    const objectRefs = objects.map((o) =>
      o.refs.filter((r) => names.includes(r.target)).map((r) => ({ name: r.name, target: names.indexOf(r.target) })),
    );
    const eventRefs = Object.entries(spec.refs ?? {}).map(([name, target]) => {
      if (!names.includes(target)) throw this.error(`event ${where}: ref ${name} names ${target}, which the event does not create`);
      return { name, target: names.indexOf(target) };
    });
    return { action: spec.action, category: spec.category, objects, objectRefs, eventRefs };
  }

  private error(message: string): KestrelError {
    return new KestrelError('E_BAD_INPUT_FILE', `${this.file}: ${message}`, { file: this.file, hint: 'fix the mapping file (connectors/event-logs/README.md describes its form)' });
  }
}

/** Channels, providers and modules are compared case-blind: OTRF recordings log Security events under "security". */
function kindKey(v: unknown): string {
  return typeof v === 'string' ? v.toLowerCase() : String(v);
}

/** A field whose value the attribute's transform cannot take, and what the attribute needs. */
export type WrongType = (field: string, attribute: string, needs: string, raw: unknown) => void;

function value(a: CompiledAttr, doc: Record<string, unknown>, onWrongType?: WrongType): AttrValue | undefined {
  for (let i = 0; i < a.getters.length; i++) {
    const raw = a.getters[i](doc);
    if (isPlaceholder(raw)) continue;
    const v = a.transform(raw);
    if (v !== undefined) return v;
    if (onWrongType) {
      const needs = typeNeeded(a.transformName, raw);
      if (needs !== undefined) onWrongType(a.fields[i], a.name, needs, raw);
    }
  }
  return undefined;
}

/** Builds one object spec's objects (several for `each`) and appends them; undefined when none has an identifying value. */
function build(o: CompiledObject, doc: Record<string, unknown>, out: ObservedObject[], onWrongType?: WrongType): ObservedObject | ObservedObject[] | undefined {
  const attrs: Record<string, AttrValue> = {};
  let identified = false;
  for (let i = 0; i < o.attrs.length; i++) {
    const v = value(o.attrs[i], doc, onWrongType);
    if (v === undefined) continue;
    attrs[o.attrs[i].name] = v;
    if (o.identifying[i]) identified = true;
  }
  if (!identified) return undefined;
  if (o.each < 0) {
    const obj = { key: String(out.length), type: typeOf(o.type, attrs), attrs, refs: {} };
    out.push(obj);
    return obj;
  }
  const name = o.attrs[o.each].name;
  const list = attrs[name];
  const many: ObservedObject[] = [];
  for (const item of Array.isArray(list) ? list : [list]) {
    const one = { ...attrs, [name]: item };
    const obj = { key: String(out.length), type: typeOf(o.type, one), attrs: one, refs: {} };
    out.push(obj);
    many.push(obj);
  }
  return many;
}

function typeOf(type: string, attrs: Record<string, AttrValue>): string {
  if (type !== 'ip-addr') return type;
  return typeof attrs.value === 'string' && attrs.value.includes(':') ? 'ipv6-addr' : 'ipv4-addr';
}

/** The local keys a ref holds: a list for `*_refs` names, however many objects there are. */
function keysOf(made: ObservedObject | ObservedObject[] | undefined, ref: string): string | string[] | undefined {
  if (made === undefined) return undefined;
  if (Array.isArray(made)) return made.map((o) => o.key);
  return ref.endsWith('_refs') ? [made.key] : made.key;
}

let lastSource: string | undefined;
let sourceId = '';

/**
 * The record's id: for a line number, the source's stable id with the line in its last twelve hex digits
 * (one hash per file, not per line); for other positions (an Elasticsearch `_id`), a hash of both.
 */
export function recordId(source: string, position: string | number): string {
  if (typeof position !== 'number' || !Number.isSafeInteger(position) || position < 0 || position >= 2 ** 48) {
    return stableId('observed-data', `${source}:${position}`);
  }
  if (source !== lastSource) {
    lastSource = source;
    sourceId = stableId('observed-data', source).slice(0, -12);
  }
  return sourceId + position.toString(16).padStart(12, '0');
}
