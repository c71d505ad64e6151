/** Message activity per time bucket: sends and drops, for the timeline's density strip. */
import type { TraceEvent } from '../../trace';

export interface Bucket {
  t0: number;
  sends: number;
  drops: number;
}

export function density(events: readonly TraceEvent[], duration: number, buckets: number): Bucket[] {
  const n = Math.max(1, Math.floor(buckets));
  const size = Math.max(duration, 1) / n;
  const out: Bucket[] = Array.from({ length: n }, (_, i) => ({ t0: i * size, sends: 0, drops: 0 }));
  for (const e of events) {
    if (e.kind !== 'send' && e.kind !== 'drop') continue;
    const b = out[Math.min(n - 1, Math.max(0, Math.floor(e.t / size)))];
    if (!b) continue;
    if (e.kind === 'send') b.sends++;
    else b.drops++;
  }
  return out;
}
