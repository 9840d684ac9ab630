/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/** Candidates ordered by closeness to `word`; ties keep their order. */
export function byCloseness(word: string, candidates: readonly string[]): string[] {
  return candidates
    .map((c, i) => ({ c, i, d: editDistance(word.toLowerCase(), c.toLowerCase()) }))
    .sort((x, y) => x.d - y.d || x.i - y.i)
    .map(x => x.c);
}

/** The closest candidate if it is plausibly a typo of `word`. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const best = byCloseness(word, candidates)[0];
  if (best === undefined) return undefined;
  // Short names like v1/v3 are different versions, not typos of each other.
  const limit = Math.max(1, Math.min(3, Math.floor(word.length / 3)));
  const d = editDistance(word.toLowerCase(), best.toLowerCase());
  return d <= limit && d * 2 < word.length ? best : undefined;
}
