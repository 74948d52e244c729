import { imageName } from '../src/model/identity';
import type { AttrValue } from '../src/model/observation';

/**
 * Resolves a pid seen on a host to one process instance. A sighting covers the time from the process's
 * creation (when the sensor reports it) to the record that saw it. Sightings of the same pid, and the same
 * image and command line when both are known, that overlap or come within `gapMs` of each other are one
 * process; a longer silence, another image or another command line is a new process that reused the pid.
 * Processes with a GUID are learnt under their GUID's entity id: a sighting without a GUID joins the closest
 * compatible one, and two GUIDs are never one process.
 *
 * Also kept here, for every load of the store: what creation events said. A GUID is the process its first
 * creation event ran; a sighting of the GUID with another image is another process (Sysmon reuses a GUID for
 * a new process with the same pid). And the attributes and references each creation event gave a process,
 * which a record of lower rank may not change: rank 0 for a record that is not the process's creation event,
 * 1 for a creation event without a GUID (Security 4688), 2 for one with (Sysmon 1).
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
  /** GUID identity key → the image of its first creation event. */
  private readonly guidImages = new Map<string, string | undefined>();
  /** Entity id → the names creation events of rank 1 or more, and of rank 2, gave the process. */
  private readonly created = new Map<string, [Set<string>, Set<string>]>();

  constructor(private readonly gapMs: number) {}

  /** A creation event of the process with this GUID key (and these attributes); only the first one's image names the GUID. */
  learnCreation(guidKey: string, attrs: Record<string, AttrValue>): void {
    if (!this.guidImages.has(guidKey)) this.guidImages.set(guidKey, imageName(attrs));
  }

  /**
   * The identity key of a sighting of a GUID: the GUID's own, or the GUID and the image when the sighting shows
   * another image than the GUID's first creation event ran.
   */
  guidKey(key: string, attrs: Record<string, AttrValue>): string {
    const first = this.guidImages.get(key);
    if (first === undefined) return key;
    const image = imageName(attrs);
    return image === undefined || image === first ? key : `${key}|${image}`;
  }

  /** A creation event of rank 1 or 2 gave the process `id` these attributes and references. */
  sayCreated(id: string, names: readonly string[], rank: 1 | 2): void {
    let said = this.created.get(id);
    if (!said) this.created.set(id, (said = [new Set(), new Set()]));
    for (let r = 0; r < rank; r++) for (const n of names) said[r].add(n);
  }

  /** The attribute and reference names of the process `id` that a record of this rank keeps out of. */
  saidAbove(id: string, rank: 0 | 1 | 2): ReadonlySet<string> | undefined {
    return rank === 2 ? undefined : this.created.get(id)?.[rank];
  }

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
