import type { EventView } from './event-view';
import { ECS_FIELDS, EVTX_SYSTEM, OTRF_ALIASES, type EventFormat } from './field-names';

type Doc = Record<string, unknown>;

/** The format of one event document: evtx JSON (`Event.System`), ECS (`ecs`/`event`/`winlog`), else OTRF. */
export function eventFormat(doc: Doc): EventFormat {
  const ev = doc.Event as Doc | undefined;
  if (ev && typeof ev === 'object' && ev.System && typeof ev.System === 'object') return 'evtx';
  if (isObject(doc.ecs) || isObject(doc.winlog) || isObject(doc.event) || 'event.code' in doc || 'winlog.channel' in doc) return 'ecs';
  return 'otrf';
}

/** A view of one event for compiled rules, in its format. */
export function eventView(doc: Doc, format: EventFormat = eventFormat(doc)): EventView {
  switch (format) {
    case 'evtx':
      return evtxView(doc);
    case 'ecs':
      return ecsView(doc);
    default:
      return otrfView(doc);
  }
}

function evtxView(doc: Doc): EventView {
  const event = doc.Event as Doc;
  const system = event.System as Doc;
  const data = isObject(event.EventData) ? (event.EventData as Doc) : undefined;
  const userData = isObject(event.UserData) ? Object.values(event.UserData as Doc).filter(isObject) : [];
  return {
    get(field) {
      if (data && Object.hasOwn(data, field)) return text(data[field]);
      const paths = EVTX_SYSTEM[field];
      if (paths) {
        for (const p of paths) {
          const v = text(at(system, p));
          if (v !== undefined) return v;
        }
      }
      for (const u of userData) if (Object.hasOwn(u, field)) return text(u[field]);
      return undefined;
    },
    leaves: () => leaves([data, ...userData]),
  };
}

function otrfView(doc: Doc): EventView {
  return {
    get(field) {
      for (const name of OTRF_ALIASES[field] ?? [field]) if (Object.hasOwn(doc, name) && doc[name] !== undefined) return doc[name];
      return undefined;
    },
    leaves: () => leaves([doc]),
  };
}

function ecsView(doc: Doc): EventView {
  return {
    get(field) {
      for (const p of ECS_FIELDS[field] ?? []) {
        const v = at(doc, p);
        if (v !== undefined && v !== null) return v;
      }
      return at(doc, `winlog.event_data.${field}`);
    },
    leaves: () => leaves([doc]),
  };
}

/** A value at a dotted path, through nested objects or flat dotted keys (`{"process.name": …}`). */
function at(doc: unknown, path: string): unknown {
  if (!isObject(doc)) return undefined;
  const d = doc as Doc;
  if (Object.hasOwn(d, path)) return d[path];
  let i = path.indexOf('.');
  while (i > 0) {
    const head = path.slice(0, i);
    if (Object.hasOwn(d, head)) {
      const v = at(d[head], path.slice(i + 1));
      if (v !== undefined) return v;
    }
    i = path.indexOf('.', i + 1);
  }
  return undefined;
}

/** evtx JSON writes an element with attributes as `{"#text": v, "#attributes": {…}}`; Sigma wants v. */
function text(v: unknown): unknown {
  if (isObject(v) && Object.hasOwn(v as Doc, '#text')) return (v as Doc)['#text'];
  if (isObject(v) && Object.hasOwn(v as Doc, '#attributes')) return undefined;
  return v;
}

function leaves(roots: unknown[]): unknown[] {
  const out: unknown[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (isObject(v)) for (const [k, x] of Object.entries(v as Doc)) k !== '#attributes' && walk(x);
    else if (v !== null && v !== undefined) out.push(v);
  };
  roots.forEach(walk);
  return out;
}

function isObject(v: unknown): v is Doc {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
