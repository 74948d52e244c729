/**
 * The known name closest to `word` if it is close enough to be a typo (case-insensitive optimal string
 * alignment distance: none for 1-2 characters, 1 for 3-4, 2 beyond), else undefined. Ties go to the earlier name.
 * A local copy of the idea of src/lang/did-you-mean: connectors may import only src/model.
 */
export function closestName(word: string, names: Iterable<string>): string | undefined {
  const lowered = word.toLowerCase();
  const limit = lowered.length <= 2 ? 0 : lowered.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const name of names) {
    // The distance is at least the difference in length: no need to measure a name of a far-off length.
    if (Math.abs(name.length - lowered.length) > limit) continue;
    const distance = editDistance(lowered, name.toLowerCase());
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
      current.push(d);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length];
}
