// "Did you mean …?" for typos in keys, names, tags and codes. Optimal string alignment distance,
// so a swap of two neighbouring letters ("quiteHours") costs one edit, like a single typo.

export function suggestClosest(input: string, candidates: Iterable<string>): string | null {
  const wanted = input.toLowerCase();
  // Short inputs allow one edit; longer ones about one in three letters, so "xy" does not
  // suggest every two-letter code.
  const limit = Math.max(1, Math.floor(wanted.length / 3));
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    if (candidate === input) continue;
    const lower = candidate.toLowerCase();
    // A cut-off word ("grow" for growth) is as likely a slip as a typo.
    const truncated = wanted.length >= 3 && lower.startsWith(wanted);
    const distance = truncated ? Math.min(limit, measureEditDistance(wanted, lower)) : measureEditDistance(wanted, lower);
    if (distance <= limit && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** ` (did you mean "x"?)`, or '' when nothing is close: appended to a message. */
export function formatSuggestion(input: string, candidates: Iterable<string>): string {
  const suggestion = suggestClosest(input, candidates);
  return suggestion === null ? '' : ` (did you mean "${suggestion}"?)`;
}

export function measureEditDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const columns = b.length + 1;
  const table: number[] = new Array<number>(rows * columns).fill(0);
  const at = (i: number, j: number): number => table[i * columns + j] ?? 0;
  for (let i = 0; i < rows; i += 1) table[i * columns] = i;
  for (let j = 0; j < columns; j += 1) table[j] = j;
  for (let i = 1; i < rows; i += 1) {
    for (let j = 1; j < columns; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let distance = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        distance = Math.min(distance, at(i - 2, j - 2) + 1);
      }
      table[i * columns + j] = distance;
    }
  }
  return at(a.length, b.length);
}
