import { describe, expect, it } from 'vitest';
import type { BudgetRow } from '../check/budgetRows';
import { improveBests } from './budgetBests';

const row = (name: string, worst: number, better: BudgetRow['better'] = 'lower'): BudgetRow => ({
  name,
  unit: 'u',
  better,
  worst,
  worstSeed: 1,
  median: worst,
  limit: 3,
  reference: 2,
  passedSeeds: 1,
  seeds: 1,
});

describe('improveBests', () => {
  it('keeps a figure only when it beats the best so far, in the budget’s direction', () => {
    let bests = improveBests({}, [row('calls', 3.1), row('kept', 0.4, 'higher')], 10);
    expect(bests).toEqual({ calls: { value: 3.1, at: 10 }, kept: { value: 0.4, at: 10 } });
    bests = improveBests(bests, [row('calls', 3.5), row('kept', 0.6, 'higher')], 20);
    expect(bests).toEqual({ calls: { value: 3.1, at: 10 }, kept: { value: 0.6, at: 20 } });
    bests = improveBests(bests, [row('calls', 2.2)], 30);
    expect(bests.calls).toEqual({ value: 2.2, at: 30 });
  });

  it('a Check with nothing to measure never becomes a best', () => {
    expect(improveBests({}, [row('calls', NaN)], 1)).toEqual({});
  });
});
