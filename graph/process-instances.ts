/**
 * Resolves a pid seen on a host to one process instance. A sighting covers the time from the process's
 * creation (when the sensor reports it) to the record that saw it. Sightings of the same pid, and the same
 * image and command line when both are known, that overlap or come within `gapMs` of each other are one
 * process; a longer silence, another image or another command line is a new process that reused the pid.
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

  resolve(s: Sighting, makeId: (seed: string) => string): string {
    const key = `${s.scope}\u0000${s.pid}`;
    const start = s.created !== undefined && s.time !== undefined ? Math.min(s.created, s.time) : s.time ?? s.created;
    const end = s.time ?? s.created;
    let list = this.byPid.get(key);
    if (!list) this.byPid.set(key, (list = []));
    const match = list.find((i) => this.compatible(i, s, start, end));
    if (match) {
      if (s.name && !match.name) match.name = s.name;
      if (s.commandLine && !match.commandLine) match.commandLine = s.commandLine;
      if (start !== undefined && end !== undefined) {
        match.first = match.first === undefined ? start : Math.min(match.first, start);
        match.last = match.last === undefined ? end : Math.max(match.last, end);
      }
      return match.id;
    }
    const seed = `${key}\u0000${s.name ?? ''}\u0000${start ?? ''}${s.commandLine === undefined ? '' : `\u0000${s.commandLine}`}`;
    const inst: Instance = { id: makeId(seed), name: s.name, commandLine: s.commandLine, first: start, last: end };
    list.push(inst);
    return inst.id;
  }

  private compatible(i: Instance, s: Sighting, start: number | undefined, end: number | undefined): boolean {
    if (s.name && i.name && s.name !== i.name) return false;
    if (s.commandLine && i.commandLine && s.commandLine !== i.commandLine) return false;
    if (start === undefined || end === undefined || i.first === undefined || i.last === undefined) return true;
    return start <= i.last + this.gapMs && end >= i.first - this.gapMs;
  }
}
