/** One row of the distance table, kept between calls (grown when a longer word comes). */
let row = new Uint32Array(64);

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  return boundedDistance(a, b, Infinity);
}

/**
 * Levenshtein distance of `a` and `b` when it is at most `limit`; some number over `limit`
 * otherwise (the table stops once a whole row is over it: the distance only grows from there).
 */
function boundedDistance(a: string, b: string, limit: number): number {
  if (a === b) return 0;
  const n = b.length;
  if (Math.abs(a.length - n) > limit) return limit + 1;
  if (row.length < n + 1) row = new Uint32Array(Math.max(n + 1, row.length * 2));
  for (let j = 0; j <= n; j++) row[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0];
    row[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const above = row[j];
      const replace = diag + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      const remove = above + 1;
      const insert = row[j - 1] + 1;
      const d = replace < remove ? (replace < insert ? replace : insert) : remove < insert ? remove : insert;
      row[j] = d;
      if (d < rowMin) rowMin = d;
      diag = above;
    }
    if (rowMin > limit) return limit + 1;
  }
  return row[n];
}

/** Candidates ordered by closeness to `word`; ties keep their order. */
export function byCloseness(word: string, candidates: readonly string[]): string[] {
  const lower = word.toLowerCase();
  return candidates
    .map((c, i) => ({ c, i, d: editDistance(lower, c.toLowerCase()) }))
    .sort((x, y) => x.d - y.d || x.i - y.i)
    .map(x => x.c);
}

/** The closest candidate if it is plausibly a typo of `word`. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  // Short names like v1/v3 are different versions, not typos of each other.
  const limit = Math.min(Math.max(1, Math.min(3, Math.floor(word.length / 3))), Math.ceil(word.length / 2) - 1);
  if (limit < 0) return undefined;
  // The first of the closest candidates, if within the limit: farther ones are only bounded.
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const c of candidates) {
    const d = boundedDistance(lower, c.toLowerCase(), bestDistance - 1);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}
