/**
 * The SysFlow records kestrel-ts reads, as avsc decodes them with `long` as BigInt and unions wrapped
 * (`{ 'sysflow.type.OID': {...} }`, `{ string: '...' }`, or null). Field names are SysFlow's schema names.
 */
export interface OID {
  createTS: bigint;
  hpid: bigint;
}

type Wrapped<T> = Record<string, T> | null;

export interface SFHeader {
  version: bigint;
  exporter: string;
  ip: string;
  filename?: string;
}

export interface Container {
  id: string;
  name: string;
  image: string;
  imageid: string;
  type: string;
  privileged: boolean;
}

export interface Process {
  state: string;
  oid: OID;
  poid: Wrapped<OID>;
  ts: bigint;
  exe: string;
  exeArgs: string;
  uid: number;
  userName: string;
  gid: number;
  groupName: string;
  tty: boolean;
  containerId: Wrapped<string>;
  entry: boolean;
  cwd?: string;
}

export interface File {
  state: string;
  oid: Buffer;
  ts: bigint;
  restype: number;
  path: string;
  containerId: Wrapped<string>;
}

/**
 * An event or flow: what all of them have, and the fields of the kinds that have them (ProcessEvent `ret`;
 * FileEvent/FileFlow `fileOID`; FileEvent `newFileOID`; flows `endTs` and byte counts; network `sip`…`proto`).
 */
export interface Activity {
  procOID: OID;
  ts: bigint;
  tid: bigint;
  opFlags: number;
  ret?: number;
  openFlags?: number;
  endTs?: bigint;
  fileOID?: Buffer;
  newFileOID?: Wrapped<Buffer>;
  sip?: number;
  sport?: number;
  dip?: number;
  dport?: number;
  proto?: number;
  numRRecvBytes?: bigint;
  numWSendBytes?: bigint;
}

/** One record of a trace: its type's short name (`Process`, `NetworkFlow`, …) and its fields. */
export interface SysFlowRecord {
  type: string;
  value: Record<string, unknown>;
}

/** The value of a wrapped union (`{ 'sysflow.type.OID': x }` → x), or undefined for null. */
export function unwrap<T>(v: Wrapped<T> | undefined): T | undefined {
  if (v === null || v === undefined) return undefined;
  for (const k in v) return v[k];
  return undefined;
}

/** The text of an oid that names one process on one host: host pid and creation time in ns. */
export function oidKey(oid: OID): string {
  return `${oid.hpid}:${oid.createTS}`;
}
