/**
 * Cost and latency: percentiles, messages per operation, and `budget`, the check that holds a learner's run
 * to a figure beside the reference solution's ("3.1 sends per note; the reference needs 1.4; at most 3").
 */
import type { Check, CheckOutcome, RunResult } from '../scenario';
import { fixed } from './format';

/** The p-th percentile (0..100) of `values` by nearest rank; NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export interface LatencyStats {
  count: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Summary of a list of latencies (ms). */
export function latencyStats(values: readonly number[]): LatencyStats {
  const count = values.length;
  const mean = count === 0 ? NaN : values.reduce((a, b) => a + b, 0) / count;
  return {
    count,
    p50: percentile(values, 50),
    p90: percentile(values, 90),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
    max: count === 0 ? NaN : Math.max(...values),
    mean,
  };
}

/** `count / ops`, or Infinity when work was spent on no operation at all (0 / 0 is 0). */
export function perOp(count: number, ops: number): number {
  if (ops === 0) return count === 0 ? 0 : Infinity;
  return count / ops;
}

/** What a budget measured on a run, for the reason and the stats panel. */
export interface BudgetMeasure {
  value: number;
  /** Said after the figure, e.g. "(412 sends for 130 notes)". */
  detail?: string;
  /** Where it was worst, for the UI to jump to. */
  at?: number;
  nodes?: string[];
}

export interface BudgetOptions {
  /** What the figure is, after the number: "sends per note", "ms p99 latency". */
  unit: string;
  /** The limit (pass when value <= atMost). */
  atMost?: number;
  /** Or a floor (pass when value >= atLeast). */
  atLeast?: number;
  /** The reference solution's figure on a typical seed, said in the reason. */
  reference: number;
  /** Decimals to print (default 1). */
  digits?: number;
}

/**
 * A cost or latency goal beside correctness. `measure` returns the figure (or a {@link BudgetMeasure}); the
 * check passes when it is within the limit. Its outcome carries the figures (`measured`) for the stats panel.
 * @example budget('messages per note', (run) => perOp(sends(run).length, notes(run)), { unit: 'sends per note', atMost: 3, reference: 1.4 })
 */
export function budget(
  name: string,
  measure: (run: RunResult) => number | BudgetMeasure,
  options: BudgetOptions,
): Check {
  const { unit, atMost, atLeast, reference, digits = 1 } = options;
  if ((atMost === undefined) === (atLeast === undefined))
    throw new Error(`budget '${name}': give exactly one of atMost or atLeast`);
  return {
    name,
    kind: 'budget',
    check(run): CheckOutcome {
      const raw = measure(run);
      const m: BudgetMeasure = typeof raw === 'number' ? { value: raw } : raw;
      const limit = (atMost ?? atLeast)!;
      const passed =
        !Number.isNaN(m.value) && (atMost !== undefined ? m.value <= atMost : m.value >= atLeast!);
      const figure = Number.isNaN(m.value) ? 'nothing to measure' : `${fixed(m.value, digits)} ${unit}`;
      const bound =
        atMost !== undefined ? `at most ${fixed(atMost, digits)}` : `at least ${fixed(atLeast!, digits)}`;
      const reason = `${figure}${m.detail ? ` ${m.detail}` : ''}; the reference needs ${fixed(reference, digits)}; ${bound}`;
      const outcome: CheckOutcome = {
        passed,
        reason,
        measured: {
          value: m.value,
          limit,
          reference,
          unit,
          better: atMost !== undefined ? 'lower' : 'higher',
        },
      };
      if (!passed && m.at !== undefined) outcome.at = m.at;
      if (!passed && m.nodes) outcome.nodes = m.nodes;
      return outcome;
    },
  };
}
