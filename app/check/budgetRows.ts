/**
 * The stats panel's model: one row per budget of an exercise's checks, from one Check's results (one result
 * per check and seed). A budget must hold on every seed, so the learner's figure is their worst seed's.
 */
import type { CheckResult } from '../../workers/host/headless';
import type { CheckMeasure } from '../../workers/kernel/scenario';

export interface BudgetRow {
  name: string;
  unit: string;
  better: CheckMeasure['better'];
  /** The worst figure over the seeds (NaN when a seed had nothing to measure). */
  worst: number;
  /** The seed it was measured on. */
  worstSeed: number;
  /** The median over the seeds, for a sense of the typical run. */
  median: number;
  limit: number;
  reference: number;
  passedSeeds: number;
  seeds: number;
}

/** `a` is worse than `b` for a figure where `better` wins; NaN (nothing measured) is worst of all. */
export function isWorse(a: number, b: number, better: CheckMeasure['better']): boolean {
  if (Number.isNaN(a)) return !Number.isNaN(b);
  if (Number.isNaN(b)) return false;
  return better === 'lower' ? a > b : a < b;
}

function median(values: number[]): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The budgets of one Check, in the order the checks are declared. */
export function budgetRows(results: readonly CheckResult[]): BudgetRow[] {
  const byName = new Map<string, { row: BudgetRow; values: number[] }>();
  for (const r of results) {
    if (r.kind !== 'budget' || !r.measured) continue;
    const m = r.measured;
    let entry = byName.get(r.name);
    if (!entry) {
      entry = {
        row: {
          name: r.name,
          unit: m.unit,
          better: m.better,
          worst: m.value,
          worstSeed: r.seed,
          median: NaN,
          limit: m.limit,
          reference: m.reference,
          passedSeeds: 0,
          seeds: 0,
        },
        values: [],
      };
      byName.set(r.name, entry);
    } else if (isWorse(m.value, entry.row.worst, m.better)) {
      entry.row.worst = m.value;
      entry.row.worstSeed = r.seed;
    }
    entry.values.push(m.value);
    entry.row.seeds++;
    if (r.passed) entry.row.passedSeeds++;
  }
  return [...byName.values()].map(({ row, values }) => ({ ...row, median: median(values) }));
}
