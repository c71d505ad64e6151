/**
 * Compare: where a run first differs from the previous run of the same seed (after an edit). Both traces
 * are deterministic, so until the edited code behaves differently they are equal event for event; the
 * first unequal event is where the edit showed. Incremental: the new trace is compared as it arrives.
 */
import type { TraceEvent } from '../../workers/kernel/protocol';

export type Divergence =
  /**
   * Equal so far; `upTo` events compared. `until`: the previous run stopped there (it was not run to its
   * end) and this one has gone past it, so nothing after that time can be compared.
   */
  | { kind: 'same'; upTo: number; until?: number }
  /** First unequal event: its index, and the virtual time of the earlier of the two events there. */
  | { kind: 'differs'; index: number; t: number; was: TraceEvent | undefined; now: TraceEvent | undefined };

/** How far a run went: to its end, or stopped (paused, or only loaded) at `ms`. */
export type RunReach = { finished: true } | { finished: false; ms: number };

const key = (e: TraceEvent) => JSON.stringify(e);

export class DivergenceFinder {
  private compared = 0;
  private found: Divergence | undefined;

  /**
   * `reached`: how far the previous run went. A complete one (`finished`) has all its events, so an event
   * of the new run past its last one differs; one stopped at `ms` has all its events before `ms` and says
   * nothing of what came after.
   */
  constructor(
    private readonly previous: readonly TraceEvent[],
    private readonly reached: RunReach,
  ) {}

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
    const now = current[this.previous.length];
    if (now === undefined) return { kind: 'same', upTo: end };
    // The new run has an event the previous trace does not: new, unless the previous run stopped before it.
    if (this.reached.finished || now.t < this.reached.ms) {
      const index = this.previous.length;
      return (this.found = { kind: 'differs', index, t: now.t, was: undefined, now });
    }
    return { kind: 'same', upTo: end, until: this.reached.ms };
  }
}
