import type { AttrValue } from '../src/model/observation';

const ROOT_PIDS = new Set([0, 4]);
const ROOT_NAMES = new Set(['system', 'systemd', 'init', 'launchd']);

/** Whether a process is where an operating system's process tree begins (Windows System, Unix init). */
export function isOsRoot(attrs: Readonly<Record<string, AttrValue>>): boolean {
  const pid = attrs.pid;
  if ((typeof pid === 'number' || typeof pid === 'string') && pid !== '' && ROOT_PIDS.has(Number(pid))) return true;
  const name = attrs.name;
  return typeof name === 'string' && ROOT_NAMES.has(name.split(/[\\/]/).pop()!.toLowerCase());
}
