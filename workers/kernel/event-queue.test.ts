import { describe, it, expect } from 'vitest';
import { EventQueue } from './event-queue';
import { RandomStream } from './prng';

function drain<T>(q: EventQueue<T>): T[] {
  const out: T[] = [];
  for (let item = q.pop(); item !== undefined; item = q.pop()) out.push(item);
  return out;
}

describe('EventQueue', () => {
  it('is empty at first', () => {
    const q = new EventQueue<string>();
    expect(q.size).toBe(0);
    expect(q.peekTime()).toBe(Infinity);
    expect(q.pop()).toBeUndefined();
  });

  it('orders by time, then push order, under random pushes (against a sorted reference)', () => {
    const rng = new RandomStream(11);
    const q = new EventQueue<number>();
    const reference: { time: number; seq: number }[] = [];
    for (let seq = 0; seq < 5_000; seq++) {
      // Few distinct times, so ties are frequent.
      const time = Math.floor(rng.next() * 50);
      q.push(time, seq);
      reference.push({ time, seq });
    }
    reference.sort((a, b) => a.time - b.time || a.seq - b.seq);
    expect(q.size).toBe(5_000);
    expect(q.peekTime()).toBe(reference[0]!.time);
    expect(drain(q)).toEqual(reference.map((r) => r.seq));
    expect(q.size).toBe(0);
  });

  it('keeps order with pushes interleaved between pops', () => {
    const rng = new RandomStream(12);
    const q = new EventQueue<{ time: number; seq: number }>();
    const popped: { time: number; seq: number }[] = [];
    let seq = 0;
    let now = 0;
    for (let step = 0; step < 20_000; step++) {
      if (q.size === 0 || rng.next() < 0.55) {
        // Like the kernel: new events are never in the past.
        const time = now + Math.floor(rng.next() * 20);
        q.push(time, { time, seq: seq++ });
      } else {
        const e = q.pop()!;
        popped.push(e);
        now = e.time;
      }
    }
    popped.push(...drain(q));
    for (let i = 1; i < popped.length; i++) {
      const a = popped[i - 1]!;
      const b = popped[i]!;
      expect(a.time < b.time || (a.time === b.time && a.seq < b.seq)).toBe(true);
    }
    expect(popped.length).toBe(seq);
  });

  it('keeps (time, seq) order and tags when long monotone runs (the fast lane) mix with earlier times', () => {
    const rng = new RandomStream(13);
    const q = new EventQueue<number>();
    const popped: { time: number; seq: number; tag: number }[] = [];
    const timeOf: number[] = [];
    let now = 0;
    for (let seq = 0; seq < 30_000; seq++) {
      // Mostly "one latency later" (non-decreasing, kept in the lane), sometimes earlier (the heap).
      const time = rng.next() < 0.9 ? now + 10 + Math.floor(seq / 500) : now + Math.floor(rng.next() * 10);
      timeOf.push(time);
      q.push(time, seq, seq * 2);
      // Pop a little less than we push, so the lane never runs empty and must compact.
      if (seq % 3 !== 0) {
        const item = q.pop()!;
        popped.push({ time: timeOf[item]!, seq: item, tag: q.poppedTag });
        now = Math.max(now, timeOf[item]!);
      }
    }
    for (let item = q.pop(); item !== undefined; item = q.pop())
      popped.push({ time: timeOf[item]!, seq: item, tag: q.poppedTag });
    expect(popped).toHaveLength(30_000);
    for (let i = 1; i < popped.length; i++) {
      const a = popped[i - 1]!;
      const b = popped[i]!;
      // Nothing is pushed before the latest pop's time, so pops come out in (time, seq) order.
      expect(a.time < b.time || (a.time === b.time && a.seq < b.seq), `pop ${i}`).toBe(true);
    }
    expect(popped.every((p) => p.tag === p.seq * 2)).toBe(true);
  });

  it('peekTime, and NaN rejection', () => {
    const q = new EventQueue<string>();
    q.push(3, 'c');
    q.push(1, 'a');
    expect(q.peekTime()).toBe(1);
    expect(() => q.push(NaN, 'x')).toThrow(/NaN/);
    expect(drain(q)).toEqual(['a', 'c']);
    expect(q.peekTime()).toBe(Infinity);
  });
});
