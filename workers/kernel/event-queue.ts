/**
 * The kernel's priority queue: a binary min-heap ordered by (time, then insertion sequence), so equal times pop
 * in push order and a run never depends on how the heap happens to break ties.
 *
 * Stored as parallel arrays rather than an array of { time, seq, item } nodes: a push allocates nothing
 * (beyond amortized array growth), which matters at a million events a second. Each item may carry a number
 * (its `tag`, e.g. the trace row of a message in flight) at no cost of an object.
 *
 * Items pushed in non-decreasing time (what constant latencies give: every message of a window arrives one
 * latency later) skip the heap: they go to a FIFO "lane", O(1) both ways. The lane and the heap are each in
 * (time, seq) order, so the earliest item is the smaller of their two heads and the order is the same as with
 * the heap alone.
 */
/** Consumed lane entries worth a compaction (and only once they are at least half of the lane). */
const LANE_COMPACT_AT = 4096;

export class EventQueue<T> {
  private times: number[] = [];
  private seqs: number[] = [];
  private items: T[] = [];
  private tags: number[] = [];
  /** The tag of the item the last `pop` returned. */
  poppedTag = -1;
  /** The lane: [laneHead, laneTimes.length) are queued, in push order (hence (time, seq) order). */
  private laneTimes: number[] = [];
  private laneSeqs: number[] = [];
  private laneItems: (T | undefined)[] = [];
  private laneTags: number[] = [];
  private laneHead = 0;
  /** Next insertion sequence number; 2^53 pushes will not happen. */
  private nextSeq = 0;

  /** Add an item due at virtual time `time`, with an optional numeric tag (-1 when absent). */
  push(time: number, item: T, tag = -1): void {
    // NaN compares false with everything and would silently corrupt the heap order.
    if (time !== time) throw new Error('EventQueue.push: time is NaN');
    const seq = this.nextSeq++;
    const lane = this.laneTimes;
    if (lane.length === this.laneHead || time >= lane[lane.length - 1]!) {
      lane.push(time);
      this.laneSeqs.push(seq);
      this.laneItems.push(item);
      this.laneTags.push(tag);
      return;
    }
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
    const heap = this.times.length > 0 ? this.times[0]! : Infinity;
    const lane = this.laneHead < this.laneTimes.length ? this.laneTimes[this.laneHead]! : Infinity;
    return lane < heap ? lane : heap;
  }

  /** Remove and return the earliest item (its tag in `poppedTag`), or undefined. */
  pop(): T | undefined {
    if (this.laneFirst()) {
      const head = this.laneHead;
      const item = this.laneItems[head];
      this.poppedTag = this.laneTags[head]!;
      this.laneItems[head] = undefined;
      this.laneHead = head + 1;
      if (this.laneHead === this.laneTimes.length) this.clearLane();
      else if (this.laneHead >= LANE_COMPACT_AT && this.laneHead * 2 >= this.laneTimes.length)
        this.compactLane();
      return item;
    }
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
    return this.times.length + this.laneTimes.length - this.laneHead;
  }

  /** Whether the lane's head comes before the heap's top. */
  private laneFirst(): boolean {
    const head = this.laneHead;
    if (head === this.laneTimes.length) return false;
    if (this.times.length === 0) return true;
    const lt = this.laneTimes[head]!;
    const ht = this.times[0]!;
    return lt < ht || (lt === ht && this.laneSeqs[head]! < this.seqs[0]!);
  }

  /** Drop the lane's consumed prefix (a lane that never runs empty would otherwise only grow). */
  private compactLane(): void {
    const head = this.laneHead;
    this.laneTimes.splice(0, head);
    this.laneSeqs.splice(0, head);
    this.laneItems.splice(0, head);
    this.laneTags.splice(0, head);
    this.laneHead = 0;
  }

  private clearLane(): void {
    this.laneTimes.length = 0;
    this.laneSeqs.length = 0;
    this.laneItems.length = 0;
    this.laneTags.length = 0;
    this.laneHead = 0;
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
