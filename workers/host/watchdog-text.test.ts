import { describe, expect, it } from 'vitest';
import { BOOT_BATCH_BUDGET_MS, NODE_BATCH_BUDGET_MS, budgetFor, describeBatch } from './watchdog-text';
import type { NodeBatch } from '../kernel/protocol';

describe('watchdog budgets', () => {
  it('gives a starting node (its Worker boots in the same batch) longer than a handler', () => {
    const boot = { node: 'a', from: 0, until: 5, events: [], boot: { role: 'a' } } as unknown as NodeBatch;
    const timers = { node: 'a', from: 5, until: 10, events: [] } as unknown as NodeBatch;
    expect(budgetFor(`node a (roles/a.ts:1) ${describeBatch(boot).text} at 0 ms`)).toBe(BOOT_BATCH_BUDGET_MS);
    expect(budgetFor(`node a (roles/a.ts:1) ${describeBatch(timers).text} at 5 ms`)).toBe(
      NODE_BATCH_BUDGET_MS,
    );
    expect(BOOT_BATCH_BUDGET_MS).toBeGreaterThan(NODE_BATCH_BUDGET_MS);
  });
});
