import { describe, expect, it } from 'vitest';
import type { LatencySpec } from '../../workers/kernel/protocol';
import { defaultSpeed, medianLatency } from './defaultSpeed';

const net = (latency: LatencySpec) => ({ network: { defaults: { latency } } });

describe('medianLatency', () => {
  it('reads the middle of each distribution', () => {
    expect(medianLatency({ kind: 'constant', ms: 40 })).toBe(40);
    expect(medianLatency({ kind: 'uniform', min: 5, max: 30 })).toBe(17.5);
    expect(medianLatency({ kind: 'normal', mean: 20, stddev: 5 })).toBe(20);
    expect(medianLatency({ kind: 'long-tail', median: 12, p99: 200 })).toBe(12);
    expect(medianLatency({ kind: 'exponential', mean: 10, min: 2 })).toBeCloseTo(2 + 10 * Math.LN2);
  });
});

describe('defaultSpeed', () => {
  it('makes a typical message take roughly half a second of real time', () => {
    for (const [min, max] of [
      [5, 30],
      [5, 15],
      [2, 8],
      [20, 60],
      [10, 50],
    ] as const) {
      const speed = defaultSpeed(net({ kind: 'uniform', min, max }));
      const wallMs = (min + max) / 2 / speed;
      expect(wallMs).toBeGreaterThanOrEqual(350);
      expect(wallMs).toBeLessThanOrEqual(1000);
    }
  });

  it('picks the request-reply speed (links of 5-30 ms) from the steps', () => {
    expect(defaultSpeed(net({ kind: 'uniform', min: 5, max: 30 }))).toBe(0.02);
  });

  it('stays on the offered steps for very slow or very fast links', () => {
    expect(defaultSpeed(net({ kind: 'constant', ms: 0.1 }))).toBe(0.01);
    expect(defaultSpeed(net({ kind: 'constant', ms: 60_000 }))).toBe(5);
  });

  it('uses the kernel default link when the scenario names no latency', () => {
    expect(Number.isFinite(defaultSpeed({}))).toBe(true);
  });
});
