import { describe, expect, it } from 'vitest';
import { macrotaskYield } from './macrotask';

describe('macrotaskYield', () => {
  it('callers in the same turn share one task; a call after it has run gets a new one', async () => {
    const yieldNow = macrotaskYield();
    const a = yieldNow();
    const b = yieldNow();
    expect(b).toBe(a);
    await a;
    const c = yieldNow();
    expect(c).not.toBe(a);
    await c;
  });

  it('resumes each caller after every microtask queued before its call, however long the chain', async () => {
    const yieldNow = macrotaskYield();
    let steps = 0;
    const chain = (n: number): Promise<void> =>
      n === 0 ? Promise.resolve() : Promise.resolve().then(() => (steps++, chain(n - 1)));
    const first = yieldNow();
    void chain(500);
    // Joins the task `first` asked for, after a chain that `first` came before: it must still wait it out.
    const second = yieldNow();
    await second;
    expect(steps).toBe(500);
    await first;
  });

  it('in a browser Worker (no setImmediate) it uses scheduler.postTask when there is one', async () => {
    const saved = {
      setImmediate: globalThis.setImmediate,
      scheduler: (globalThis as { scheduler?: unknown }).scheduler,
    };
    let posted = 0;
    try {
      (globalThis as { setImmediate?: unknown }).setImmediate = undefined;
      (globalThis as { scheduler?: unknown }).scheduler = {
        postTask: (task: () => void) => {
          posted++;
          return new Promise<void>((resolve) => setTimeout(() => (task(), resolve()), 0));
        },
      };
      const yieldNow = macrotaskYield();
      await Promise.all([yieldNow(), yieldNow(), yieldNow()]);
      expect(posted).toBe(1);
    } finally {
      globalThis.setImmediate = saved.setImmediate;
      (globalThis as { scheduler?: unknown }).scheduler = saved.scheduler;
    }
  });
});
