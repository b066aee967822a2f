/**
 * The candidate within edit distance 2 of `word` (case-insensitive), if any:
 * enough to catch `endpiont` or `folowUp` without suggesting nonsense.
 */
export function closest(word: string, candidates: string[]): string | undefined {
  const a = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const b = candidate.toLowerCase();
    // Levenshtein distance, one row at a time.
    let row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
      const next = [i];
      for (let j = 1; j <= b.length; j++) {
        next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      }
      row = next;
    }
    if (row[b.length]! < bestDistance) {
      bestDistance = row[b.length]!;
      best = candidate;
    }
  }
  return best;
}
