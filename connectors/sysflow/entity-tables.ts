import { oidKey, unwrap, type Container, type File, type OID, type Process, type SFHeader } from './sysflow-records';

/**
 * SysFlow's entities (Process, File, Container, the header), kept while a trace streams: events and flows
 * name them by oid. A Process record that comes again (after an exec, say) replaces the earlier one, so an
 * event sees its process as it was when the event was written, as sf-processor does.
 */
export class EntityTables {
  header?: SFHeader;
  private readonly processes = new Map<string, Process>();
  private readonly files = new Map<string, File>();
  private readonly containers = new Map<string, Container>();

  /** Stores an entity record; false when the record is not an entity. */
  add(type: string, value: Record<string, unknown>): boolean {
    switch (type) {
      case 'SFHeader':
        this.header = value as unknown as SFHeader;
        return true;
      case 'Process': {
        const p = value as unknown as Process;
        this.processes.set(oidKey(p.oid), p);
        return true;
      }
      case 'File': {
        const f = value as unknown as File;
        this.files.set(f.oid.toString('hex'), f);
        return true;
      }
      case 'Container': {
        const c = value as unknown as Container;
        this.containers.set(c.id, c);
        return true;
      }
      case 'Pod':
        return true;
    }
    return false;
  }

  process(oid: OID | undefined): Process | undefined {
    return oid && this.processes.get(oidKey(oid));
  }

  parent(p: Process): Process | undefined {
    return this.process(unwrap(p.poid));
  }

  file(oid: Buffer | undefined): File | undefined {
    return oid && this.files.get(oid.toString('hex'));
  }

  container(id: string | undefined): Container | undefined {
    return id === undefined ? undefined : this.containers.get(id);
  }

  /** The process's known ancestors, parent first (a poid cycle in broken data stops the walk). */
  ancestors(p: Process): Process[] {
    const out: Process[] = [];
    const seen = new Set([oidKey(p.oid)]);
    for (let a = this.parent(p); a && !seen.has(oidKey(a.oid)); a = this.parent(a)) {
      seen.add(oidKey(a.oid));
      out.push(a);
    }
    return out;
  }
}
