/**
 * Compare: where a run first differs from the previous run of the same seed (after an edit). Both traces
 * are deterministic, so until the edited code behaves differently they are equal event for event; the
 * first unequal event is where the edit showed. Incremental: the new trace is compared as it arrives.
 */
import type { TraceEvent } from '../../workers/kernel/protocol';

export type Divergence =
  /** Equal so far; `upTo` events compared. */
  | { kind: 'same'; upTo: number }
  /** First unequal event: its index, and the virtual time of the earlier of the two events there. */
  | { kind: 'differs'; index: number; t: number; was: TraceEvent | undefined; now: TraceEvent | undefined };

const key = (e: TraceEvent) => JSON.stringify(e);

export class DivergenceFinder {
  private compared = 0;
  private found: Divergence | undefined;

  constructor(private readonly previous: readonly TraceEvent[]) {}

  /**
   * Compare what is new in `current` (a trace that only grows). `finished`: the current run is complete,
   * so a previous trace with more events differs where the current one ended.
   */
  update(current: readonly TraceEvent[], finished: boolean): Divergence {
    if (this.found) return this.found;
    const end = Math.min(current.length, this.previous.length);
    for (let i = this.compared; i < end; i++) {
      const was = this.previous[i] as TraceEvent;
      const now = current[i] as TraceEvent;
      if (was.t !== now.t || was.kind !== now.kind || key(was) !== key(now))
        return (this.found = { kind: 'differs', index: i, t: Math.min(was.t, now.t), was, now });
    }
    this.compared = end;
    if (finished && this.previous.length > current.length) {
      const was = this.previous[current.length];
      return (this.found = { kind: 'differs', index: current.length, t: was?.t ?? 0, was, now: undefined });
    }
    return { kind: 'same', upTo: end };
  }
}
