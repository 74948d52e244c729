import * as path from 'node:path';
import { O_RDONLY, openFlagNames, opFlagNames } from './op-flags';
import { ipv4 } from './network';
import { unwrap, type Container, type File, type Process } from './sysflow-records';

/** What a policy sees of one event or flow: the record and the entities it names, as they were then. */
export interface PolicyInput {
  type: string;
  record: Record<string, unknown>;
  proc?: Process;
  pproc?: Process;
  ancestors: Process[];
  file?: File;
  newFile?: File;
  container?: Container;
}

/** A field's value as sf-processor's field mapper gives it: text (lists joined by ",") or an integer. */
export type FieldValue = string | number;

type Getter = (i: PolicyInput) => FieldValue;

const LISTSEP = ',';
const RET_TYPES = new Set(['ProcessEvent', 'FileEvent', 'NetworkEvent']);

const num = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : 0);
const name = (p?: string): string => (p ? path.posix.basename(p) : '');
const dir = (p?: string): string => path.posix.dirname(p ?? '');
const cmdline = (p?: Process): string => (p ? `${p.exe} ${p.exeArgs}` : '');
const containerOf = (i: PolicyInput) => i.container;
const rec = (i: PolicyInput, field: string) => i.record[field];

function processFields(prefix: string, pick: (i: PolicyInput) => Process | undefined): Record<string, Getter> {
  return {
    [`${prefix}.name`]: (i) => name(pick(i)?.exe),
    [`${prefix}.exe`]: (i) => pick(i)?.exe ?? '',
    [`${prefix}.args`]: (i) => pick(i)?.exeArgs ?? '',
    [`${prefix}.cmdline`]: (i) => cmdline(pick(i)),
    [`${prefix}.uid`]: (i) => pick(i)?.uid ?? 0,
    [`${prefix}.user`]: (i) => pick(i)?.userName ?? '',
    [`${prefix}.gid`]: (i) => pick(i)?.gid ?? 0,
    [`${prefix}.group`]: (i) => pick(i)?.groupName ?? '',
    [`${prefix}.tty`]: (i) => String(pick(i)?.tty ?? false),
    [`${prefix}.entry`]: (i) => String(pick(i)?.entry ?? false),
  };
}

/**
 * The SysFlow attributes (and Falco aliases) the evaluator knows, after sf-processor's field mapper. A name
 * that is not here is, for sf-processor and for us, the text of the name itself.
 */
export const FIELDS: ReadonlyMap<string, Getter> = new Map(Object.entries({
  'sf.type': (i: PolicyInput) => i.type,
  'sf.opflags': (i: PolicyInput) => opFlagNames(num(rec(i, 'opFlags'))).join(LISTSEP),
  'sf.ret': (i: PolicyInput) => (RET_TYPES.has(i.type) ? num(rec(i, 'ret')) : 0),
  'sf.ts': (i: PolicyInput) => num(rec(i, 'ts')),
  'sf.proc.pid': (i: PolicyInput) => num(i.proc?.oid.hpid),
  'sf.proc.tid': (i: PolicyInput) => num(rec(i, 'tid')),
  'sf.proc.createts': (i: PolicyInput) => num(i.proc?.oid.createTS),
  ...processFields('sf.proc', (i) => i.proc),
  'sf.proc.aname': (i: PolicyInput) => i.ancestors.map((a) => name(a.exe)).join(LISTSEP),
  'sf.proc.aexe': (i: PolicyInput) => i.ancestors.map((a) => a.exe).join(LISTSEP),
  'sf.proc.acmdline': (i: PolicyInput) => i.ancestors.map(cmdline).join(LISTSEP),
  'sf.proc.apid': (i: PolicyInput) => i.ancestors.map((a) => String(a.oid.hpid)).join(LISTSEP),
  'sf.pproc.pid': (i: PolicyInput) => num(unwrap(i.proc?.poid)?.hpid),
  ...processFields('sf.pproc', (i) => i.pproc),
  'sf.file.path': (i: PolicyInput) => i.file?.path ?? '',
  'sf.file.name': (i: PolicyInput) => name(i.file?.path),
  'sf.file.directory': (i: PolicyInput) => dir(i.file?.path),
  'fd.directory': (i: PolicyInput) => dir(i.file?.path),
  'fd.name': (i: PolicyInput) => name(i.file?.path),
  'sf.file.newpath': (i: PolicyInput) => i.newFile?.path ?? '',
  'sf.file.newname': (i: PolicyInput) => name(i.newFile?.path),
  'sf.file.newdirectory': (i: PolicyInput) => dir(i.newFile?.path),
  'sf.file.type': (i: PolicyInput) => (i.file ? String.fromCharCode(i.file.restype) : ''),
  'sf.file.fd': (i: PolicyInput) => num(rec(i, 'fd')),
  'sf.file.openflags': (i: PolicyInput) => openFlagNames(num(rec(i, 'openFlags'))).join(LISTSEP),
  'sf.file.is_open_read': (i: PolicyInput) => String((num(rec(i, 'openFlags')) & O_RDONLY) !== 0),
  'sf.net.proto': (i: PolicyInput) => num(rec(i, 'proto')),
  'sf.net.sport': (i: PolicyInput) => num(rec(i, 'sport')),
  'sf.net.dport': (i: PolicyInput) => num(rec(i, 'dport')),
  'sf.net.port': (i: PolicyInput) => `${num(rec(i, 'sport'))}${LISTSEP}${num(rec(i, 'dport'))}`,
  'sf.net.sip': (i: PolicyInput) => ipv4(num(rec(i, 'sip'))),
  'sf.net.dip': (i: PolicyInput) => ipv4(num(rec(i, 'dip'))),
  'sf.net.ip': (i: PolicyInput) => `${ipv4(num(rec(i, 'sip')))}${LISTSEP}${ipv4(num(rec(i, 'dip')))}`,
  'sf.flow.rbytes': (i: PolicyInput) => num(rec(i, 'numRRecvBytes')),
  'sf.flow.wbytes': (i: PolicyInput) => num(rec(i, 'numWSendBytes')),
  'sf.container.id': (i: PolicyInput) => containerOf(i)?.id ?? '',
  'sf.container.name': (i: PolicyInput) => containerOf(i)?.name ?? '',
  'sf.container.image': (i: PolicyInput) => containerOf(i)?.image ?? '',
  'sf.container.imageid': (i: PolicyInput) => containerOf(i)?.imageid ?? '',
  'sf.container.type': (i: PolicyInput) => containerOf(i)?.type ?? '',
  'sf.container.privileged': (i: PolicyInput) => (containerOf(i)?.privileged ? 1 : 0),
}));
