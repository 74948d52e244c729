/** SysFlow's operation flags (sf-apis `OP_*`), bit by bit, with the names sf-processor policies use. */
const OP_FLAGS = [
  'CLONE', 'EXEC', 'EXIT', 'SETUID', 'SETNS', 'ACCEPT', 'CONNECT', 'OPEN', 'READ_RECV', 'WRITE_SEND', 'CLOSE',
  'TRUNCATE', 'SHUTDOWN', 'MMAP', 'DIGEST', 'MKDIR', 'RMDIR', 'LINK', 'UNLINK', 'SYMLINK', 'RENAME',
] as const;

/** open(2) flags as the collector records them (sysdig's `PPM_O_*`); RDWR is RDONLY and WRONLY together. */
const OPEN_FLAGS: readonly [number, string][] = [
  [1 << 0, 'O_RDONLY'], [1 << 1, 'O_WRONLY'], [1 << 2, 'O_CREAT'], [1 << 3, 'O_APPEND'], [1 << 4, 'O_DSYNC'],
  [1 << 5, 'O_EXCL'], [1 << 6, 'O_NONBLOCK'], [1 << 7, 'O_SYNC'], [1 << 8, 'O_TRUNC'], [1 << 9, 'O_DIRECT'],
  [1 << 10, 'O_DIRECTORY'], [1 << 11, 'O_LARGEFILE'], [1 << 12, 'O_CLOEXEC'], [1 << 13, 'O_TMPFILE'],
];

export const O_RDONLY = 1 << 0;

export function opFlagNames(flags: number): string[] {
  return OP_FLAGS.filter((_, bit) => (flags & (1 << bit)) !== 0);
}

export function openFlagNames(flags: number): string[] {
  return OPEN_FLAGS.filter(([bit]) => (flags & bit) !== 0).map(([, name]) => name);
}

/** The x-oca-event action of an event or flow: its operations, lower case, in bit order ("open,read_recv,close"). */
export function actionOf(flags: number): string {
  return opFlagNames(flags).map((n) => n.toLowerCase()).join(',');
}
