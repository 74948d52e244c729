import { labelAttribute } from '../src/model/entity-types';
import type { EntityNode, GraphStore } from './graph-store';

/**
 * How people name entities: a process by name and pid, a connection by its ends, a user by login, others by
 * their label attribute; the addresses a connection is named by are fetched as needed.
 */
export async function entityLabels(store: GraphStore, entities: readonly EntityNode[]): Promise<Map<string, string>> {
  const traffic = entities.filter((e) => e.type === 'network-traffic').map((e) => e.id);
  const [src, dst] = traffic.length
    ? await Promise.all([store.neighbors(traffic, 'src_ref', 'out'), store.neighbors(traffic, 'dst_ref', 'out')])
    : [new Map<string, string[]>(), new Map<string, string[]>()];
  const known = new Map(entities.map((e) => [e.id, e]));
  const missing = [...new Set([...src.values(), ...dst.values()].flat())].filter((id) => !known.has(id));
  for (const e of await store.entities(missing)) known.set(e.id, e);
  const value = (id: string | undefined) => text(id === undefined ? undefined : known.get(id)?.attrs.value) ?? '?';
  return new Map(entities.map((e) => [e.id, e.type === 'network-traffic'
    ? `${value(src.get(e.id)?.[0])}:${text(e.attrs.src_port) ?? '?'} → ${value(dst.get(e.id)?.[0])}:${text(e.attrs.dst_port) ?? '?'}`
    : labelOf(e)]));
}

function text(v: unknown): string | undefined {
  return v === undefined || v === null ? undefined : String(v);
}

function labelOf(e: EntityNode): string {
  const a = e.attrs;
  if (e.type === 'process') return `${text(a.name) ?? '?'} [${text(a.pid) ?? '?'}]`;
  if (e.type === 'user-account') return text(a.account_login) ?? text(a.user_id) ?? e.id;
  if (e.type === 'x-oca-event') return eventLabel(a) ?? e.id;
  const key = labelAttribute(e.type);
  return text(key === undefined ? a.label : a[key]) ?? text(a.label) ?? e.id;
}

/** An event by what happened and its code, as a log names it: "process_creation (1)", "event 5158 (security)". */
function eventLabel(a: EntityNode['attrs']): string | undefined {
  const what = text(a.action) ?? text(a.category);
  const code = text(a.code);
  const where = text(a.module) ?? text(a.provider);
  if (what !== undefined) return code === undefined ? what : `${what} (${code})`;
  if (code !== undefined) return where === undefined ? `event ${code}` : `event ${code} (${where})`;
  return undefined;
}
