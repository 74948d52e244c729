import type { WalkResult } from '../../graph/provenance';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What a walk along a process tree left out or could not know, in words; nothing when it is complete. */
export function walkLimits(walk: WalkResult, direction: 'up' | 'down'): string[] {
  const notes: string[] = [];
  const kin = direction === 'up' ? 'ancestor' : 'descendant';
  if (walk.cutByDepth) notes.push(`${plural(walk.cutByDepth, `more ${kin}`)} beyond the depth bound`);
  if (walk.cutBySize) notes.push(`${plural(walk.cutBySize, 'process', 'processes')} not walked: the walk stopped at its size bound`);
  if (walk.cycles.length) notes.push(`${plural(walk.cycles.length, 'parent cycle')} in the data, each walked once`);
  const inferred = walk.roots.filter((r) => r.inferred).length;
  if (inferred) notes.push(`${plural(inferred, 'root')} only the earliest ancestor seen in the data (its parent is not in the data)`);
  return notes;
}
