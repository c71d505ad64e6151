import { describe, it, expect } from 'vitest';
import { MIN_LATENCY_FLOOR, minLatency, sampleLatency, validateLatency } from './latency';
import { RandomStream } from './prng';
import type { LatencySpec } from './protocol';

const N = 20_000;

function samples(spec: LatencySpec, seed = 1): number[] {
  const rng = new RandomStream(seed);
  return Array.from({ length: N }, () => sampleLatency(spec, rng));
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function stddev(xs: number[]): number {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length);
}

function quantile(xs: number[], q: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(q * (sorted.length - 1))]!;
}

describe('minLatency', () => {
  it('uses the spec min, default 1 ms, never below the floor', () => {
    expect(minLatency({ kind: 'constant', ms: 7 })).toBe(7);
    expect(minLatency({ kind: 'constant', ms: 0 })).toBe(MIN_LATENCY_FLOOR);
    expect(minLatency({ kind: 'uniform', min: 3, max: 9 })).toBe(3);
    expect(minLatency({ kind: 'uniform', min: 0, max: 9 })).toBe(MIN_LATENCY_FLOOR);
    expect(minLatency({ kind: 'normal', mean: 10, stddev: 2 })).toBe(1);
    expect(minLatency({ kind: 'normal', mean: 10, stddev: 2, min: 4 })).toBe(4);
    expect(minLatency({ kind: 'exponential', mean: 10 })).toBe(1);
    expect(minLatency({ kind: 'long-tail', median: 10, p99: 80, min: 0 })).toBe(MIN_LATENCY_FLOOR);
  });
});

describe('sampleLatency', () => {
  it('constant: always its ms (or the floor)', () => {
    expect(new Set(samples({ kind: 'constant', ms: 5 }))).toEqual(new Set([5]));
    expect(sampleLatency({ kind: 'constant', ms: 0 }, new RandomStream(1))).toBe(MIN_LATENCY_FLOOR);
  });

  it('uniform: within [min, max], mean (min+max)/2', () => {
    const xs = samples({ kind: 'uniform', min: 2, max: 10 });
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...xs)).toBeLessThan(10);
    // SE = (8/sqrt(12))/sqrt(N) ~ 0.016.
    expect(Math.abs(mean(xs) - 6)).toBeLessThan(0.08);
  });

  it('normal: mean and stddev within tolerance, respects min', () => {
    const xs = samples({ kind: 'normal', mean: 50, stddev: 5 });
    // SE of the mean = 5/sqrt(N) ~ 0.035.
    expect(Math.abs(mean(xs) - 50)).toBeLessThan(0.2);
    expect(Math.abs(stddev(xs) - 5)).toBeLessThan(0.15);
    const clamped = samples({ kind: 'normal', mean: 10, stddev: 5, min: 8 });
    expect(Math.min(...clamped)).toBe(8);
    // About P(z < -0.4) ~ 34% of draws land on the min.
    const atMin = clamped.filter((x) => x === 8).length / N;
    expect(Math.abs(atMin - 0.3446)).toBeLessThan(0.02);
  });

  it('exponential: min + an exponential with the given mean', () => {
    const xs = samples({ kind: 'exponential', mean: 10 });
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(1);
    // Mean min + mean = 11, SE = 10/sqrt(N) ~ 0.07.
    expect(Math.abs(mean(xs) - 11)).toBeLessThan(0.35);
    // Median of the exponential part: mean * ln 2.
    expect(Math.abs(quantile(xs, 0.5) - (1 + 10 * Math.LN2))).toBeLessThan(0.3);
    const withMin = samples({ kind: 'exponential', mean: 4, min: 20 });
    expect(Math.min(...withMin)).toBeGreaterThanOrEqual(20);
    expect(Math.abs(mean(withMin) - 24)).toBeLessThan(0.15);
  });

  it('long-tail: median and p99 as specified, respects min', () => {
    const xs = samples({ kind: 'long-tail', median: 10, p99: 100 });
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(1);
    expect(Math.abs(quantile(xs, 0.5) / 10 - 1)).toBeLessThan(0.04);
    expect(Math.abs(quantile(xs, 0.99) / 100 - 1)).toBeLessThan(0.15);
    const withMin = samples({ kind: 'long-tail', median: 10, p99: 100, min: 5 });
    expect(Math.min(...withMin)).toBe(5);
  });

  it('never returns less than minLatency for any kind', () => {
    const specs: LatencySpec[] = [
      { kind: 'uniform', min: 0, max: 0.05 },
      { kind: 'normal', mean: 0, stddev: 3 },
      { kind: 'exponential', mean: 0.01, min: 0 },
      { kind: 'long-tail', median: 0.2, p99: 5, min: 0 },
    ];
    for (const spec of specs) {
      expect(Math.min(...samples(spec))).toBeGreaterThanOrEqual(minLatency(spec));
    }
  });

  it('is deterministic for a seed', () => {
    const spec: LatencySpec = { kind: 'long-tail', median: 10, p99: 100 };
    expect(samples(spec, 3).slice(0, 100)).toEqual(samples(spec, 3).slice(0, 100));
  });
});

describe('validateLatency', () => {
  it('accepts sensible specs', () => {
    expect(() => validateLatency({ kind: 'constant', ms: 0 })).not.toThrow();
    expect(() => validateLatency({ kind: 'uniform', min: 1, max: 1 })).not.toThrow();
    expect(() => validateLatency({ kind: 'normal', mean: 10, stddev: 0, min: 2 })).not.toThrow();
    expect(() => validateLatency({ kind: 'exponential', mean: 3 })).not.toThrow();
    expect(() => validateLatency({ kind: 'long-tail', median: 10, p99: 10 })).not.toThrow();
  });

  it('rejects nonsense with a readable message', () => {
    expect(() => validateLatency({ kind: 'constant', ms: -1 })).toThrow(
      /'constant': ms must be .* >= 0 ms, got -1/,
    );
    expect(() => validateLatency({ kind: 'constant', ms: NaN })).toThrow(/got NaN/);
    expect(() => validateLatency({ kind: 'uniform', min: 5, max: 2 })).toThrow(
      /max \(2\) must be >= min \(5\)/,
    );
    expect(() => validateLatency({ kind: 'normal', mean: 10, stddev: -2 })).toThrow(/stddev/);
    expect(() => validateLatency({ kind: 'normal', mean: 10, stddev: 1, min: -1 })).toThrow(/min/);
    expect(() => validateLatency({ kind: 'exponential', mean: Infinity })).toThrow(/mean/);
    expect(() => validateLatency({ kind: 'long-tail', median: 10, p99: 5 })).toThrow(
      /p99 \(5\) must be >= median \(10\)/,
    );
    expect(() => validateLatency({ kind: 'long-tail', median: 0, p99: 5 })).toThrow(/median must be .* > 0/);
    expect(() => validateLatency({ kind: 'gamma' } as unknown as LatencySpec)).toThrow(
      /unknown kind "gamma"/,
    );
    expect(() => validateLatency({ kind: 'constant', ms: '5' } as unknown as LatencySpec)).toThrow(/got 5/);
  });
});
