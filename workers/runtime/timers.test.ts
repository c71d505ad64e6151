import { describe, expect, it } from 'vitest';
import { TimerQueue } from './timers';

describe('TimerQueue', () => {
  it('orders by due time, then creation order, and skips cancelled timers', () => {
    const q = new TimerQueue();
    const fired: string[] = [];
    const add = (due: number, name: string) => q.add(due, () => fired.push(name), 'user', 0);
    add(5, 'c');
    const dead = add(1, 'dead');
    add(3, 'a');
    add(3, 'b');
    q.cancel(dead);
    expect(q.nextDue()).toBe(3);
    for (let t = q.peek(); t; t = q.peek()) {
      q.take();
      t.fn();
    }
    expect(fired).toEqual(['a', 'b', 'c']);
    expect(q.nextDue()).toBeNull();
  });

  it('sweeps cancelled entries so long timeouts cannot pile up', () => {
    const q = new TimerQueue();
    const entries = Array.from({ length: 1000 }, (_, i) => q.add(1000 + i, () => undefined, 'internal', 0));
    for (const e of entries.slice(0, 999)) q.cancel(e);
    expect((q as unknown as { heap: unknown[] }).heap.length).toBeLessThan(100);
    expect(q.nextDue()).toBe(1999);
  });
});
