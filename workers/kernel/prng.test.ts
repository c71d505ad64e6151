import { describe, it, expect } from 'vitest';
import { finishSeed, mixSeed, mixSeedPart, RandomStream, SEED_HASH_INIT, streamFor } from './prng';

function draws(stream: RandomStream, n: number): number[] {
  return Array.from({ length: n }, () => stream.next());
}

describe('mixSeed', () => {
  it('is stable across calls and pinned to known values (regression guard)', () => {
    expect(mixSeed(1)).toBe(mixSeed(1));
    expect(mixSeed(42, 'net', 'client-1#1')).toBe(mixSeed(42, 'net', 'client-1#1'));
    // Computed once and checked to repeat across runs; a change here changes every seeded run.
    expect(mixSeed(1)).toBe(3539145500);
    expect(mixSeed(42, 'net', 'client-1#1')).toBe(3291765774);
  });

  it('returns a uint32', () => {
    for (const parts of [[0], [-1], [1.5], [NaN], ['x'], [2 ** 40, 'a']] as (number | string)[][]) {
      const s = mixSeed(...parts);
      expect(Number.isInteger(s)).toBe(true);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThan(2 ** 32);
    }
  });

  it('differs for different parts, types and boundaries', () => {
    const seeds = [
      mixSeed(1),
      mixSeed(2),
      mixSeed('1'),
      mixSeed(1, 2),
      mixSeed(2, 1),
      mixSeed('ab', 'c'),
      mixSeed('a', 'bc'),
      mixSeed(2 ** 32 + 1),
      mixSeed(1.5),
      mixSeed(-1),
      mixSeed(),
    ];
    expect(new Set(seeds).size).toBe(seeds.length);
  });

  it('has no collisions over 100k sequential keys', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 100_000; i++) seen.add(mixSeed(7, 'net', `n#${i}`));
    // Birthday bound for 1e5 draws from 2^32: ~1.2 expected collisions.
    expect(seen.size).toBeGreaterThan(100_000 - 10);
  });

  it('can be continued from a hashed prefix', () => {
    const prefix = mixSeedPart(mixSeedPart(SEED_HASH_INIT, 9), 'net');
    expect(finishSeed(mixSeedPart(prefix, 'a#1'))).toBe(mixSeed(9, 'net', 'a#1'));
  });
});

describe('RandomStream', () => {
  it('draws in [0, 1) with mean ~0.5 and variance ~1/12 over 100k draws', () => {
    const r = new RandomStream(123);
    let sum = 0;
    let sumSq = 0;
    const n = 100_000;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const x = r.next();
      if (!(x >= 0 && x < 1)) outside++;
      sum += x;
      sumSq += x * x;
    }
    expect(outside).toBe(0);
    const mean = sum / n;
    // Standard error of the mean: sqrt(1/12 / n) ~ 0.0009; allow 5 of them.
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.0046);
    expect(Math.abs(sumSq / n - mean * mean - 1 / 12)).toBeLessThan(0.002);
  });

  it('fills deciles evenly', () => {
    const r = new RandomStream(5);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) buckets[Math.floor(r.next() * 10)]!++;
    for (const b of buckets) expect(Math.abs(b - 10_000)).toBeLessThan(500);
  });

  it('gives the same sequence for the same seed and different ones for nearby seeds', () => {
    expect(draws(new RandomStream(99), 50)).toEqual(draws(new RandomStream(99), 50));
    const a = draws(new RandomStream(1), 5);
    const b = draws(new RandomStream(2), 5);
    expect(a).not.toEqual(b);
    // Nearby seeds must not give nearby first draws.
    expect(Math.abs(a[0]! - b[0]!)).toBeGreaterThan(1e-6);
  });

  it('reseed restarts like a new stream', () => {
    const r = new RandomStream(3);
    r.next();
    expect(draws(r.reseed(77), 10)).toEqual(draws(new RandomStream(77), 10));
  });

  it('first draws of nearby seeds are uncorrelated', () => {
    let sum = 0;
    for (let s = 0; s < 20_000; s++) sum += new RandomStream(s).next();
    expect(Math.abs(sum / 20_000 - 0.5)).toBeLessThan(0.02);
  });
});

describe('streamFor', () => {
  it('is independent of call order', () => {
    const keys = ['a#1', 'a#2', 'b#1', 'b#2', 'c#7'];
    const forward = new Map(keys.map((k) => [k, draws(streamFor(1, 'net', k), 4)]));
    const backward = new Map([...keys].reverse().map((k) => [k, draws(streamFor(1, 'net', k), 4)]));
    for (const k of keys) expect(backward.get(k)).toEqual(forward.get(k));
  });

  it('separates seeds, streams and keys', () => {
    const first = [
      streamFor(1, 'net', 'a#1').next(),
      streamFor(2, 'net', 'a#1').next(),
      streamFor(1, 'workload', 'a#1').next(),
      streamFor(1, 'net', 'a#2').next(),
    ];
    expect(new Set(first).size).toBe(first.length);
  });
});
