/**
 * Resolves a pid seen on a host to one process instance. A sighting covers the time from the process's
 * creation (when the sensor reports it) to the record that saw it. Sightings of the same pid, and the same
 * image and command line when both are known, that overlap or come within `gapMs` of each other are one
 * process; a longer silence, another image or another command line is a new process that reused the pid.
 * Processes with a GUID are learnt under their GUID's entity id: a sighting without a GUID joins the closest
 * compatible one, and two GUIDs are never one process.
 */
interface Instance {
  id: string;
  name?: string;
  commandLine?: string;
  first?: number;
  last?: number;
}

export interface Sighting {
  scope: string;
  pid: string;
  name?: string;
  commandLine?: string;
  time?: number;
  created?: number;
}

export class ProcessInstances {
  private readonly byPid = new Map<string, Instance[]>();

  constructor(private readonly gapMs: number) {}

  /** Records a sighting of the process with entity id `id` (one that has a GUID). */
  learn(s: Sighting, id: string): void {
    const list = this.listOf(s);
    const known = list.find((i) => i.id === id);
    if (known) extend(known, s, s.time, s.time);
    else list.push({ id, name: s.name, commandLine: s.commandLine, first: s.time, last: s.time });
  }

  resolve(s: Sighting, makeId: (seed: string) => string): string {
    const key = `${s.scope}\u0000${s.pid}`;
    const start = s.created !== undefined && s.time !== undefined ? Math.min(s.created, s.time) : s.time ?? s.created;
    const end = s.time ?? s.created;
    const list = this.listOf(s);
    let match: Instance | undefined;
    let best = Infinity;
    for (const i of list) {
      if (!this.compatible(i, s, start, end)) continue;
      const d = distance(i, start, end);
      if (d < best) [match, best] = [i, d];
    }
    if (match) {
      extend(match, s, start, end);
      return match.id;
    }
    const seed = `${key}\u0000${s.name ?? ''}\u0000${start ?? ''}${s.commandLine === undefined ? '' : `\u0000${s.commandLine}`}`;
    const inst: Instance = { id: makeId(seed), name: s.name, commandLine: s.commandLine, first: start, last: end };
    list.push(inst);
    return inst.id;
  }

  private listOf(s: Sighting): Instance[] {
    const key = `${s.scope}\u0000${s.pid}`;
    let list = this.byPid.get(key);
    if (!list) this.byPid.set(key, (list = []));
    return list;
  }

  private compatible(i: Instance, s: Sighting, start: number | undefined, end: number | undefined): boolean {
    if (s.name && i.name && s.name !== i.name) return false;
    if (s.commandLine && i.commandLine && s.commandLine !== i.commandLine) return false;
    if (start === undefined || end === undefined || i.first === undefined || i.last === undefined) return true;
    return start <= i.last + this.gapMs && end >= i.first - this.gapMs;
  }
}

function extend(i: Instance, s: Sighting, start: number | undefined, end: number | undefined): void {
  if (s.name && !i.name) i.name = s.name;
  if (s.commandLine && !i.commandLine) i.commandLine = s.commandLine;
  if (start !== undefined && end !== undefined) {
    i.first = i.first === undefined ? start : Math.min(i.first, start);
    i.last = i.last === undefined ? end : Math.max(i.last, end);
  }
}

/** How far a sighting lies outside an instance's window (0 inside it or when either time is unknown). */
function distance(i: Instance, start: number | undefined, end: number | undefined): number {
  if (start === undefined || end === undefined || i.first === undefined || i.last === undefined) return 0;
  return Math.max(0, i.first - end, start - i.last);
}
