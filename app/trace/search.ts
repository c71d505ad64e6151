/** Binary searches over sorted arrays: seeking must not scan the whole trace. */
import type { TraceEvent } from '../../workers/kernel/protocol';

/** Number of events with event.t <= t (the trace is in virtual-time order). */
export function countUpTo(events: readonly TraceEvent[], t: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((events[mid] as TraceEvent).t <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Number of events with event.t < t. */
export function countBefore(events: readonly TraceEvent[], t: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((events[mid] as TraceEvent).t < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Number of entries of a sorted number array that are < x. */
export function countBelow(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
