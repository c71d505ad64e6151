/** The faults of a run in time order; injected faults slot in after earlier ones at the same time. */
import type { FaultSpec } from './protocol';

export class FaultSchedule {
  private readonly pending: FaultSpec[] = [];

  constructor(faults: readonly FaultSpec[] = []) {
    for (const fault of faults) this.insert(fault);
  }

  insert(fault: FaultSpec): void {
    if (!Number.isFinite(fault.at) || fault.at < 0) {
      throw new Error(`fault '${fault.kind}' has at=${fault.at}; use a virtual time in ms >= 0`);
    }
    let i = this.pending.length;
    while (i > 0 && this.pending[i - 1]!.at > fault.at) i--;
    this.pending.splice(i, 0, fault);
  }

  /** Time of the next fault, or Infinity. */
  peekTime(): number {
    return this.pending[0]?.at ?? Infinity;
  }

  /** Remove and return every fault due at or before `t`, in order. */
  takeDue(t: number): FaultSpec[] {
    let n = 0;
    while (n < this.pending.length && this.pending[n]!.at <= t) n++;
    return this.pending.splice(0, n);
  }
}
