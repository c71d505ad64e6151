/** Message activity per time bucket: sends and drops, for the timeline's density strip. */
import type { TraceEvent } from '../../trace';

export interface Bucket {
  t0: number;
  sends: number;
  drops: number;
}

/**
 * Counts kept as the trace grows: the trace is append-only, so each call counts only the events
 * since the last one (a recount of the whole trace per chunk grew with the run). A different trace array,
 * or a shorter one, starts over.
 */
export class DensityCounter {
  private readonly n: number;
  private readonly size: number;
  private readonly sends: Int32Array;
  private readonly drops: Int32Array;
  private events: readonly TraceEvent[] | undefined;
  private counted = 0;

  constructor(
    readonly duration: number,
    buckets: number,
  ) {
    this.n = Math.max(1, Math.floor(buckets));
    this.size = Math.max(duration, 1) / this.n;
    this.sends = new Int32Array(this.n);
    this.drops = new Int32Array(this.n);
  }

  /** The buckets of `events` (the same array grown since the last call, or another one). */
  count(events: readonly TraceEvent[]): Bucket[] {
    if (events !== this.events || events.length < this.counted) {
      this.events = events;
      this.counted = 0;
      this.sends.fill(0);
      this.drops.fill(0);
    }
    for (let i = this.counted; i < events.length; i++) {
      const e = events[i] as TraceEvent;
      if (e.kind !== 'send' && e.kind !== 'drop') continue;
      const b = Math.min(this.n - 1, Math.max(0, Math.floor(e.t / this.size)));
      if (e.kind === 'send') this.sends[b]!++;
      else this.drops[b]!++;
    }
    this.counted = events.length;
    return Array.from({ length: this.n }, (_, i) => ({
      t0: i * this.size,
      sends: this.sends[i]!,
      drops: this.drops[i]!,
    }));
  }
}
