import type { WalkResult } from '../../graph/provenance';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What a walk along a process tree left out or could not know, in words; nothing when it is complete. */
export function walkLimits(walk: Pick<WalkResult, 'cutByDepth' | 'cutBySize' | 'cycles' | 'roots'>, reached: 'ancestor' | 'descendant' | 'entity'): string[] {
  const notes: string[] = [];
  const many = reached === 'entity' ? 'entities' : `${reached}s`;
  if (walk.cutByDepth) notes.push(`${plural(walk.cutByDepth, `more ${reached}`, `more ${many}`)} beyond the depth bound`);
  if (walk.cutBySize) notes.push(`${plural(walk.cutBySize, reached, many)} left out: the walk stopped at its size bound`);
  if (walk.cycles.length) notes.push(`${plural(walk.cycles.length, 'parent cycle')} in the data, each walked once`);
  const inferred = walk.roots.filter((r) => r.inferred).length;
  if (inferred) notes.push(`${plural(inferred, 'root')} ${inferred === 1 ? 'is' : 'are'} only the earliest ancestor seen in the data (its parent is not in the data)`);
  return notes;
}
