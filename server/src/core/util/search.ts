/**
 * Index of the last element of an ascending list that is at or before `value` (0 when none is):
 * which line an offset is on, which label of a packed string a match fell in.
 */
export function lastAtOrBefore(sorted: ArrayLike<number>, value: number, last = sorted.length - 1): number {
  let lo = 0;
  let hi = last;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid] <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
