import type { AttrValue, Observation } from '../../src/model/observation';
import { stableId } from '../../src/model/stable-id';
import type { EntityTables } from './entity-tables';
import { nanosToIso } from './nanos';
import { ipv4, protocolName } from './network';
import { actionOf } from './op-flags';
import type { PolicyInput } from './policy-fields';
import { oidKey, unwrap, type Activity, type OID, type Process } from './sysflow-records';
import { matchRules, type TtpPolicy } from './ttp-policy';
import { ObjectBuilder } from './object-builder';

const ACTIVITY_TYPES = new Set(['ProcessEvent', 'ProcessFlow', 'FileEvent', 'FileFlow', 'NetworkEvent', 'NetworkFlow']);

/** The process's identity: its oid (host pid and creation time in ns), which SysFlow never reuses. */
export function uniqueId(oid: OID): string {
  return `sysflow-oid:${oid.hpid}:${oid.createTS}`;
}

function basename(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

function processAttrs(oid: OID, p: Process | undefined): Record<string, AttrValue | undefined> {
  return {
    pid: Number(oid.hpid),
    name: p && basename(p.exe),
    command_line: p && (p.exeArgs ? `${p.exe} ${p.exeArgs}` : p.exe),
    created: nanosToIso(oid.createTS),
    x_created_ns: String(oid.createTS),
    x_unique_id: uniqueId(oid),
    cwd: p?.cwd || undefined,
    x_container_id: p && unwrap(p.containerId),
  };
}

/**
 * Turns the events and flows of one trace into Observations, looking their entities up in `tables`, and
 * tags each process with the TTPs of every policy rule its records matched so far (the union travels on
 * each record, since a later record's list replaces an earlier one when the graph merges a process).
 */
export class TraceMapper {
  private readonly ttps = new Map<string, { tags: Set<string>; rules: Set<string> }>();
  private readonly unknownTypes = new Set<string>();

  constructor(
    private readonly source: string,
    private readonly tables: EntityTables,
    private readonly policy: TtpPolicy | undefined,
    private readonly warn: (message: string) => void,
    /** The trace file's URI, when `source` is its directory (`sysflow://DIR`): record ids name the file. */
    private readonly file: string = source,
  ) {}

  map(type: string, value: Record<string, unknown>, index: number): Observation {
    const id = stableId('observed-data', `${this.file}:${index}`);
    if (!ACTIVITY_TYPES.has(type)) return this.unknown(type, value, id);
    const act = value as unknown as Activity;
    const proc = this.tables.process(act.procOID);
    const b = new ObjectBuilder();
    const asset = this.addAsset(b, proc);
    const input: PolicyInput = {
      type,
      record: value,
      proc,
      pproc: proc && this.tables.parent(proc),
      ancestors: proc ? this.tables.ancestors(proc) : [],
      file: this.tables.file(act.fileOID),
      newFile: this.tables.file(unwrap(act.newFileOID)),
      container: this.tables.container(proc && unwrap(proc.containerId)),
    };
    const matched = this.policy ? matchRules(this.policy, input) : undefined;
    const traffic = type.startsWith('Network') ? this.addTraffic(b, act) : undefined;
    const { process, parent } = this.addProcess(b, act.procOID, proc, matched, traffic);
    const refs: Record<string, string> = { process_ref: process };
    if (parent) refs.parent_process_ref = parent;
    if (input.file) refs.file_ref = b.addFile(input.file.path);
    if (input.newFile) refs.x_new_file_ref = b.addFile(input.newFile.path);
    if (traffic) refs.network_ref = traffic;
    if (asset) refs.host_ref = asset;
    b.add('x-oca-event', {
      action: actionOf(act.opFlags),
      created: nanosToIso(act.ts),
      x_ts_ns: String(act.ts),
      x_record_type: type,
      x_opflags: act.opFlags,
      x_tid: Number(act.tid),
      x_ret: act.ret,
      x_ttp_tags: matched?.tags.length ? matched.tags : undefined,
      x_ttp_rules: matched?.rules.length ? matched.rules : undefined,
    }, refs);
    const end = act.endTs !== undefined && act.endTs > act.ts ? act.endTs : act.ts;
    return { id, source: this.source, firstObserved: nanosToIso(act.ts), lastObserved: nanosToIso(end), numberObserved: 1, objects: b.objects };
  }

  private addProcess(
    b: ObjectBuilder, oid: OID, proc: Process | undefined, matched: { tags: string[]; rules: string[] } | undefined, traffic: string | undefined,
  ): { process: string; parent?: string } {
    const refs: Record<string, string | string[]> = {};
    const poid = proc && unwrap(proc.poid);
    const parent = poid && b.add('process', processAttrs(poid, this.tables.process(poid)));
    if (parent) refs.parent_ref = parent;
    if (proc) {
      refs.binary_ref = b.addFile(proc.exe);
      refs.creator_user_ref = b.add('user-account', { user_id: String(proc.uid), account_login: proc.userName || undefined });
    }
    if (traffic) refs.opened_connection_refs = [traffic];
    const seen = this.accumulate(oidKey(oid), matched);
    const process = b.add('process', {
      ...processAttrs(oid, proc),
      x_ttp_tags: seen.tags.size ? [...seen.tags] : undefined,
      x_ttp_rules: seen.rules.size ? [...seen.rules] : undefined,
    }, refs);
    return { process, parent };
  }

  private accumulate(key: string, matched: { tags: string[]; rules: string[] } | undefined) {
    let seen = this.ttps.get(key);
    if (!seen) this.ttps.set(key, (seen = { tags: new Set(), rules: new Set() }));
    for (const t of matched?.tags ?? []) seen.tags.add(t);
    for (const r of matched?.rules ?? []) seen.rules.add(r);
    return seen;
  }

  private addTraffic(b: ObjectBuilder, act: Activity): string {
    const src = b.add('ipv4-addr', { value: ipv4(act.sip ?? 0) });
    const dst = b.add('ipv4-addr', { value: ipv4(act.dip ?? 0) });
    return b.add('network-traffic', {
      src_port: act.sport,
      dst_port: act.dport,
      protocols: [protocolName(act.proto ?? 0)],
      x_bytes_read: act.numRRecvBytes === undefined ? undefined : Number(act.numRRecvBytes),
      x_bytes_written: act.numWSendBytes === undefined ? undefined : Number(act.numWSendBytes),
    }, { src_ref: src, dst_ref: dst });
  }

  /** The host or container a record happened on, which scopes its pids and paths. */
  private addAsset(b: ObjectBuilder, proc: Process | undefined): string | undefined {
    const node = this.tables.header?.exporter || undefined;
    const containerId = proc && unwrap(proc.containerId);
    if (containerId) {
      const c = this.tables.container(containerId);
      return b.add('x-oca-asset', {
        hostname: containerId,
        x_container_id: containerId,
        x_container_name: c?.name,
        x_container_image: c?.image,
        x_node_id: node,
      });
    }
    return node === undefined ? undefined : b.add('x-oca-asset', { hostname: node, x_node_id: node });
  }

  private unknown(type: string, value: Record<string, unknown>, id: string): Observation {
    if (!this.unknownTypes.has(type)) {
      this.unknownTypes.add(type);
      this.warn(`${this.file.replace(/^file:\/\//, '')}: ${type} records are not mapped: each is kept as an x-oca-event without entities`);
    }
    const b = new ObjectBuilder();
    const ts = typeof value.ts === 'bigint' ? value.ts : undefined;
    b.add('x-oca-event', { x_record_type: type, created: ts === undefined ? undefined : nanosToIso(ts), x_ts_ns: ts === undefined ? undefined : String(ts) });
    const time = ts === undefined ? undefined : nanosToIso(ts);
    return { id, source: this.source, firstObserved: time, lastObserved: time, numberObserved: 1, objects: b.objects };
  }
}
