/** Binary search over arrays sorted by a numeric key: range queries must not scan the whole trace. */

/** Index of the first item whose key is >= x (or > x when `after`), in an array sorted by key. */
export function firstAtOrAfter<T>(xs: readonly T[], x: number, key: (v: T) => number, after = false): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const k = key(xs[mid] as T);
    if (k < x || (after && k === x)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
