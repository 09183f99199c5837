// Binary searches over sorted data: the one shape every lookup by offset uses.

/**
 * How many of the indices 0…n−1 satisfy `holds`, a predicate true for a
 * prefix of them (false from some index on): the first index where it fails.
 */
export function countWhere(n: number, holds: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (holds(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The index of the last element of ascending `sorted` at or before `value`, or −1 when every element is after it. */
export function lastAtOrBefore(sorted: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
