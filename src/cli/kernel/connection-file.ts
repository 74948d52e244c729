import * as fs from 'node:fs';
import { KestrelError } from '../../model/errors';

/** What Jupyter writes for a kernel it starts: where to bind and how to sign. */
export interface ConnectionInfo {
  transport: string;
  ip: string;
  shell_port: number;
  control_port: number;
  iopub_port: number;
  stdin_port: number;
  hb_port: number;
  key: string;
  signature_scheme: string;
}

const PORTS = ['shell_port', 'control_port', 'iopub_port', 'stdin_port', 'hb_port'] as const;

/** Reads a connection file; E_KERNEL when it is unreadable, not JSON, lacks a port or names another scheme than hmac-sha256. */
export function readConnectionFile(file: string): ConnectionInfo {
  const bad = (why: string) =>
    new KestrelError('E_KERNEL', `cannot use connection file ${file}: ${why}`, {
      file, hint: 'Jupyter writes this file when it starts the kernel; `kestrel kernel install` registers the command it runs',
    });
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    throw bad((e as NodeJS.ErrnoException).code ?? (e as Error).message);
  }
  if (typeof doc !== 'object' || doc === null) throw bad('not a JSON object');
  for (const p of PORTS) if (!Number.isInteger(doc[p])) throw bad(`${p} is missing`);
  const scheme = (doc.signature_scheme as string | undefined) ?? 'hmac-sha256';
  if (scheme !== 'hmac-sha256') throw bad(`signature scheme ${scheme} is not supported (only hmac-sha256)`);
  return {
    ...(doc as unknown as ConnectionInfo),
    transport: (doc.transport as string | undefined) ?? 'tcp',
    ip: (doc.ip as string | undefined) ?? '127.0.0.1',
    key: (doc.key as string | undefined) ?? '',
    signature_scheme: scheme,
  };
}

/** A socket's address: `tcp://127.0.0.1:5555`, or `ipc://path-5555` for the ipc transport. */
export function endpoint(info: ConnectionInfo, port: number): string {
  return info.transport === 'ipc' ? `ipc://${info.ip}-${port}` : `${info.transport}://${info.ip}:${port}`;
}
