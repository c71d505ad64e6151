import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../workers/host/headless';
import { budgetRows, isWorse } from './budgetRows';

const budget = (
  seed: number,
  value: number,
  passed = true,
  better: 'lower' | 'higher' = 'lower',
): CheckResult => ({
  name: 'calls per order',
  kind: 'budget',
  seed,
  passed,
  reason: '',
  measured: { value, limit: 3.4, reference: 2.6, unit: 'calls per order', better },
});

describe('budgetRows', () => {
  it('keeps one row per budget with the worst seed, the median and how many seeds held', () => {
    const rows = budgetRows([
      budget(1, 2.5),
      { name: 'one tree', kind: 'invariant', seed: 1, passed: true, reason: 'ok' },
      budget(2, 3.6, false),
      budget(3, 2.7),
    ]);
    expect(rows).toEqual([
      {
        name: 'calls per order',
        unit: 'calls per order',
        better: 'lower',
        worst: 3.6,
        worstSeed: 2,
        median: 2.7,
        limit: 3.4,
        reference: 2.6,
        passedSeeds: 2,
        seeds: 3,
      },
    ]);
  });

  it('for a floor, the worst seed is the lowest figure', () => {
    const [row] = budgetRows([budget(1, 0.9, true, 'higher'), budget(2, 0.7, true, 'higher')]);
    expect(row?.worst).toBe(0.7);
    expect(row?.worstSeed).toBe(2);
  });

  it('a seed with nothing to measure (NaN) is the worst', () => {
    const [row] = budgetRows([budget(1, 2), budget(4, NaN, false), budget(5, 3)]);
    expect(row?.worst).toBeNaN();
    expect(row?.worstSeed).toBe(4);
    expect(row?.median).toBe(2.5);
  });

  it('isWorse follows the direction', () => {
    expect(isWorse(3, 2, 'lower')).toBe(true);
    expect(isWorse(3, 2, 'higher')).toBe(false);
    expect(isWorse(NaN, 2, 'higher')).toBe(true);
    expect(isWorse(2, NaN, 'lower')).toBe(false);
  });
});
