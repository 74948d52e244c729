import { execFile } from 'node:child_process';
import { accessSync, chownSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const run = promisify(execFile);

export interface PgCluster {
  /** `postgresql://postgres@127.0.0.1:PORT/kestrel`: the superuser needs no password; other roles need theirs. */
  uri: string;
  /** How long initdb + start + createdb took, in milliseconds. */
  startedInMs: number;
  stop: () => Promise<void>;
}

const DATABASE = 'kestrel';

/** Whether initdb and pg_ctl are on PATH; the PostgreSQL suites skip (and say so) when they are not. */
export function hasPostgres(): boolean {
  return ['initdb', 'pg_ctl'].every((bin) =>
    (process.env.PATH ?? '').split(path.delimiter).some((dir) => isExecutable(path.join(dir, bin))),
  );
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * A throwaway PostgreSQL cluster in a fresh temp folder, listening on a free loopback port, with one database.
 * initdb refuses to run as root, so under root the cluster belongs to the `postgres` user.
 */
export async function startPgCluster(): Promise<PgCluster> {
  const started = Date.now();
  const dir = mkdtempSync(path.join(tmpdir(), 'kestrel-pg-'));
  const asRoot = process.getuid?.() === 0;
  const as = (cmd: string, args: string[]) => (asRoot ? run('runuser', ['-u', 'postgres', '--', cmd, ...args]) : run(cmd, args));
  if (asRoot) {
    const { uid, gid } = postgresUser();
    chownSync(dir, uid, gid);
  }
  const data = path.join(dir, 'data');
  const port = await freePort();
  try {
    await as('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
    const conf = [`listen_addresses = '127.0.0.1'`, `port = ${port}`, `unix_socket_directories = '${dir}'`, 'fsync = off'];
    writeFileSync(path.join(data, 'postgresql.auto.conf'), `${conf.join('\n')}\n`);
    writeFileSync(path.join(data, 'pg_hba.conf'), 'host all postgres 127.0.0.1/32 trust\nhost all all 127.0.0.1/32 scram-sha-256\n');
    await as('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-w', '-t', '30', 'start']);
    const admin = new Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${DATABASE}`).finally(() => admin.end());
  } catch (e) {
    await as('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    uri: `postgresql://postgres@127.0.0.1:${port}/${DATABASE}`,
    startedInMs: Date.now() - started,
    stop: async () => {
      await as('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgresUser(): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('running as root, and there is no postgres user to own the throwaway cluster');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** A loopback port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
