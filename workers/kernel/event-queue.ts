/**
 * The kernel's priority queue: a binary min-heap ordered by (time, then insertion sequence), so equal times pop
 * in push order and a run never depends on how the heap happens to break ties.
 *
 * Stored as parallel arrays rather than an array of { time, seq, item } nodes: a push allocates nothing
 * (beyond amortized array growth), which matters at a million events a second. Each item may carry a number
 * (its `tag`, e.g. the trace row of a message in flight) at no cost of an object.
 */
export class EventQueue<T> {
  private times: number[] = [];
  private seqs: number[] = [];
  private items: T[] = [];
  private tags: number[] = [];
  /** The tag of the item the last `pop` returned. */
  poppedTag = -1;
  /** Next insertion sequence number; 2^53 pushes will not happen. */
  private nextSeq = 0;

  /** Add an item due at virtual time `time`, with an optional numeric tag (-1 when absent). */
  push(time: number, item: T, tag = -1): void {
    // NaN compares false with everything and would silently corrupt the heap order.
    if (time !== time) throw new Error('EventQueue.push: time is NaN');
    const seq = this.nextSeq++;
    // Sift up with a hole: move parents down until the new entry's slot is found, then write it once.
    let i = this.times.length;
    this.times.push(time);
    this.seqs.push(seq);
    this.items.push(item);
    this.tags.push(tag);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = this.times[parent]!;
      if (pt < time || (pt === time && this.seqs[parent]! < seq)) break;
      this.move(parent, i);
      i = parent;
    }
    this.times[i] = time;
    this.seqs[i] = seq;
    this.items[i] = item;
    this.tags[i] = tag;
  }

  /** Time of the earliest item, or Infinity when empty. */
  peekTime(): number {
    return this.times.length > 0 ? this.times[0]! : Infinity;
  }

  /** The earliest item without removing it, or undefined. */
  peek(): T | undefined {
    return this.items.length > 0 ? this.items[0] : undefined;
  }

  /** Remove and return the earliest item (its tag in `poppedTag`), or undefined. */
  pop(): T | undefined {
    const n = this.times.length;
    if (n === 0) return undefined;
    const top = this.items[0];
    this.poppedTag = this.tags[0]!;
    // Array.pop shrinks the arrays and releases the last slot's reference in one step.
    const lastTime = this.times.pop()!;
    const lastSeq = this.seqs.pop()!;
    const lastItem = this.items.pop()!;
    const lastTag = this.tags.pop()!;
    if (n > 1) this.siftDown(0, lastTime, lastSeq, lastItem, lastTag);
    return top;
  }

  get size(): number {
    return this.times.length;
  }

  /** Remove every item (e.g. when a run is reset). The sequence keeps counting, which is harmless. */
  clear(): void {
    this.times.length = 0;
    this.seqs.length = 0;
    this.items.length = 0;
    this.tags.length = 0;
  }

  /** Remove every item matching pred (rare: used on crash/stop); returns how many. */
  removeWhere(pred: (item: T) => boolean): number {
    const n = this.times.length;
    let kept = 0;
    for (let i = 0; i < n; i++) {
      const item = this.items[i]!;
      if (pred(item)) continue;
      this.times[kept] = this.times[i]!;
      this.seqs[kept] = this.seqs[i]!;
      this.items[kept] = item;
      this.tags[kept] = this.tags[i]!;
      kept++;
    }
    const removed = n - kept;
    if (removed === 0) return 0;
    this.times.length = kept;
    this.seqs.length = kept;
    this.items.length = kept;
    this.tags.length = kept;
    // Floyd's heapify: O(n), and the (time, seq) keys are preserved, so pop order among survivors is unchanged.
    for (let i = (kept >> 1) - 1; i >= 0; i--) {
      this.siftDown(i, this.times[i]!, this.seqs[i]!, this.items[i]!, this.tags[i]!);
    }
    return removed;
  }

  /** All items in pop order without removing (for snapshots/tests). */
  toSortedArray(): { time: number; item: T }[] {
    const order = this.times.map((_, i) => i);
    order.sort((a, b) => this.times[a]! - this.times[b]! || this.seqs[a]! - this.seqs[b]!);
    return order.map((i) => ({ time: this.times[i]!, item: this.items[i]! }));
  }

  private move(from: number, to: number): void {
    this.times[to] = this.times[from]!;
    this.seqs[to] = this.seqs[from]!;
    this.items[to] = this.items[from]!;
    this.tags[to] = this.tags[from]!;
  }

  /** Place (time, seq, item, tag) at or below slot `i`, moving smaller children up into the hole. */
  private siftDown(i: number, time: number, seq: number, item: T, tag: number): void {
    const n = this.times.length;
    const half = n >> 1;
    while (i < half) {
      let child = 2 * i + 1;
      let ct = this.times[child]!;
      let cs = this.seqs[child]!;
      const right = child + 1;
      if (right < n) {
        const rt = this.times[right]!;
        const rs = this.seqs[right]!;
        if (rt < ct || (rt === ct && rs < cs)) {
          child = right;
          ct = rt;
          cs = rs;
        }
      }
      if (time < ct || (time === ct && seq < cs)) break;
      this.move(child, i);
      i = child;
    }
    this.times[i] = time;
    this.seqs[i] = seq;
    this.items[i] = item;
    this.tags[i] = tag;
  }
}
