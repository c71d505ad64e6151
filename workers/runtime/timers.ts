/**
 * A node's pending timers in virtual time: learner timers (setTimer, every, setTimeout, setInterval), sleeps
 * and rpc timeouts share one queue, so they interleave in one deterministic order: (due time, creation order).
 *
 * A binary min-heap with lazy deletion: cancel() only flags an entry (O(1), the rpc hot path cancels a
 * timeout per reply); flagged entries are skipped when they reach the top, and the heap is rebuilt when
 * more than half of it is dead, so long rpc timeouts cannot pile up garbage.
 */
import { arrayPush } from './intrinsics';

/** What a timer is for: only learner timers show in the trace. */
export type TimerKind = 'user' | 'internal';

export interface TimerEntry {
  due: number;
  /** Creation order: breaks ties between timers due at the same time. */
  readonly seq: number;
  /** Learner-visible id (setTimeout's return value, the trace's timerId); 0 for internal timers. */
  readonly id: number;
  /** > 0 for repeating timers: the period in virtual ms. */
  readonly interval: number;
  readonly kind: TimerKind;
  readonly label: string | undefined;
  readonly fn: () => unknown;
  cancelled: boolean;
  /** Still in the heap (false once it fired for good or was cancelled and swept). */
  queued: boolean;
}

const before = (a: TimerEntry, b: TimerEntry): boolean => a.due < b.due || (a.due === b.due && a.seq < b.seq);

export class TimerQueue {
  private heap: TimerEntry[] = [];
  private seq = 0;
  private dead = 0;

  add(due: number, fn: () => unknown, kind: TimerKind, id: number, interval = 0, label?: string): TimerEntry {
    const entry: TimerEntry = {
      due,
      seq: ++this.seq,
      id,
      interval,
      kind,
      label,
      fn,
      cancelled: false,
      queued: true,
    };
    this.push(entry);
    return entry;
  }

  cancel(entry: TimerEntry): void {
    if (entry.cancelled) return;
    entry.cancelled = true;
    if (!entry.queued) return;
    if (++this.dead > 32 && this.dead * 2 > this.heap.length) this.compact();
  }

  /** The next live timer, without removing it. */
  peek(): TimerEntry | undefined {
    let top = this.heap[0];
    while (top?.cancelled) {
      this.popTop();
      this.dead--;
      top = this.heap[0];
    }
    return top;
  }

  /** Remove the top entry (call after peek() returned it). */
  take(): void {
    this.popTop();
  }

  /** Put a repeating timer back at its next due time (it keeps its creation order). */
  requeue(entry: TimerEntry, due: number): void {
    entry.due = due;
    entry.queued = true;
    this.push(entry);
  }

  /** Earliest live due time, or null. */
  nextDue(): number | null {
    return this.peek()?.due ?? null;
  }

  private push(entry: TimerEntry): void {
    const h = this.heap;
    let i = h.length;
    arrayPush(h, entry);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = h[parent] as TimerEntry;
      if (!before(entry, p)) break;
      h[i] = p;
      i = parent;
    }
    h[i] = entry;
  }

  private popTop(): void {
    const h = this.heap;
    const top = h[0];
    if (top) top.queued = false;
    const last = h.pop();
    if (!last || h.length === 0) return;
    this.siftDown(last, 0);
  }

  private siftDown(entry: TimerEntry, start: number): void {
    const h = this.heap;
    const n = h.length;
    let i = start;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && before(h[right] as TimerEntry, h[child] as TimerEntry)) child = right;
      const c = h[child] as TimerEntry;
      if (!before(c, entry)) break;
      h[i] = c;
      i = child;
    }
    h[i] = entry;
  }

  private compact(): void {
    const live = this.heap.filter((e) => {
      if (e.cancelled) e.queued = false;
      return !e.cancelled;
    });
    this.heap = [];
    this.dead = 0;
    for (const e of live) this.push(e);
  }
}
