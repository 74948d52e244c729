/**
 * Resolves a pid seen on a host at a time to one process instance. Sightings of the same pid (and the
 * same image name, when both are known) no more than `gapMs` apart are one process; a longer silence, or
 * another image name, is a new process that reused the pid.
 */
interface Instance {
  id: string;
  name?: string;
  first?: number;
  last?: number;
}

export class ProcessInstances {
  private readonly byPid = new Map<string, Instance[]>();

  constructor(private readonly gapMs: number) {}

  resolve(scope: string, pid: string, name: string | undefined, time: number | undefined, makeId: (seed: string) => string): string {
    const key = `${scope}\u0000${pid}`;
    const list = this.byPid.get(key) ?? [];
    this.byPid.set(key, list);
    const match = list.find((i) => this.compatible(i, name, time));
    if (match) {
      if (name && !match.name) match.name = name;
      if (time !== undefined) {
        match.first = match.first === undefined ? time : Math.min(match.first, time);
        match.last = match.last === undefined ? time : Math.max(match.last, time);
      }
      return match.id;
    }
    const inst: Instance = { id: makeId(`${key}\u0000${name ?? ''}\u0000${time ?? ''}`), name, first: time, last: time };
    list.push(inst);
    return inst.id;
  }

  private compatible(i: Instance, name: string | undefined, time: number | undefined): boolean {
    if (name && i.name && name !== i.name) return false;
    if (time === undefined || i.first === undefined || i.last === undefined) return true;
    return time >= i.first - this.gapMs && time <= i.last + this.gapMs;
  }
}
