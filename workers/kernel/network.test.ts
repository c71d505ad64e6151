import { describe, it, expect } from 'vitest';
import { DEFAULT_LINK, Network, type Route } from './network';
import type { Json, LinkSpec, Message } from './protocol';

function msg(id: string, from = 'a', to = 'b', body: Json = null): Message {
  return { id, from, to, type: 'ping', body, sentAt: 0 };
}

/** Binomial count within 4 standard deviations of n * p. */
function expectBinomial(count: number, n: number, p: number): void {
  const sd = Math.sqrt(n * p * (1 - p));
  expect(Math.abs(count - n * p)).toBeLessThan(4 * sd);
}

function arrivals(route: Route): number[] {
  if (route.dropped !== undefined) throw new Error(`dropped: ${route.dropped}`);
  return route.arrivals;
}

describe('Network links', () => {
  it('delivers on the default link after 5 ms', () => {
    const net = new Network(1);
    expect(net.link('a', 'b')).toEqual(DEFAULT_LINK);
    expect(net.route(msg('a#1'), 100)).toEqual({ arrivals: [105] });
  });

  it('merges constructor defaults and setLink over the current spec of that link', () => {
    const net = new Network(1, { latency: { kind: 'constant', ms: 8 } });
    net.setLink('a', 'b', { loss: 0.5 });
    net.setLink('a', 'b', { duplicate: 0.1 });
    expect(net.link('a', 'b')).toEqual({
      ...DEFAULT_LINK,
      latency: { kind: 'constant', ms: 8 },
      loss: 0.5,
      duplicate: 0.1,
    });
    // Directed: the reverse link keeps the defaults.
    expect(net.link('b', 'a').loss).toBe(0);
    // link() hands out a copy.
    net.link('a', 'b').loss = 1;
    expect(net.link('a', 'b').loss).toBe(0.5);
  });

  it('validates specs with readable errors', () => {
    expect(() => new Network(1, { loss: 1.5 })).toThrow(
      /default link: loss must be a probability in \[0, 1\], got 1.5/,
    );
    const net = new Network(1);
    expect(() => net.setLink('a', 'b', { duplicate: NaN })).toThrow(/link a -> b: duplicate/);
    expect(() => net.setLink('a', 'b', { reorderMs: -1 })).toThrow(/reorderMs/);
    expect(() => net.setLink('a', 'b', { bandwidth: 0 })).toThrow(/bandwidth/);
    expect(() => net.setLink('a', 'b', { latency: { kind: 'uniform', min: 9, max: 1 } })).toThrow(
      /link a -> b: latency 'uniform': max/,
    );
    // A rejected override leaves the link as it was.
    expect(net.link('a', 'b')).toEqual(DEFAULT_LINK);
  });

  it('lookahead reflects defaults and overrides', () => {
    const net = new Network(1);
    expect(net.lookahead()).toBe(5);
    net.setLink('a', 'b', { latency: { kind: 'constant', ms: 2 } });
    expect(net.lookahead()).toBe(2);
    net.setLink('c', 'd', { latency: { kind: 'normal', mean: 10, stddev: 3, min: 0.5 } });
    expect(net.lookahead()).toBe(0.5);
    net.setLink('c', 'd', { latency: { kind: 'constant', ms: 20 } });
    expect(net.lookahead()).toBe(2);
    net.setLink('e', 'f', { latency: { kind: 'uniform', min: 0, max: 3 } });
    expect(net.lookahead()).toBe(0.1);
    expect(new Network(1, { latency: { kind: 'exponential', mean: 4 } }).lookahead()).toBe(1);
  });
});

describe('Network partitions', () => {
  it('both directions, then heal', () => {
    const net = new Network(1);
    net.partition('a', 'b', 'both');
    net.partition('a', 'b', 'both');
    expect(net.isBlocked('a', 'b')).toBe(true);
    expect(net.isBlocked('b', 'a')).toBe(true);
    expect(net.isBlocked('a', 'c')).toBe(false);
    expect(net.blockedPairs()).toEqual([
      { from: 'a', to: 'b' },
      { from: 'b', to: 'a' },
    ]);
    expect(net.route(msg('a#1', 'a', 'b'), 0)).toEqual({ dropped: 'partition' });
    expect(net.route(msg('b#1', 'b', 'a'), 0)).toEqual({ dropped: 'partition' });
    expect(net.route(msg('a#2', 'a', 'c'), 0)).toEqual({ arrivals: [5] });
    net.heal('a', 'b', 'one-way');
    expect(net.isBlocked('a', 'b')).toBe(false);
    expect(net.isBlocked('b', 'a')).toBe(true);
    net.heal('a', 'b', 'both');
    expect(net.blockedPairs()).toEqual([]);
    expect(net.route(msg('b#2', 'b', 'a'), 0)).toEqual({ arrivals: [5] });
  });

  it('one-way blocks only from -> to; healAll clears everything', () => {
    const net = new Network(1);
    net.partition('a', 'b', 'one-way');
    net.partition('c', 'd', 'both');
    expect(net.route(msg('a#1', 'a', 'b'), 0)).toEqual({ dropped: 'partition' });
    expect(net.route(msg('b#1', 'b', 'a'), 0)).toEqual({ arrivals: [5] });
    expect(net.blockedPairs()).toHaveLength(3);
    net.healAll();
    expect(net.blockedPairs()).toEqual([]);
    expect(net.isBlocked('a', 'b')).toBe(false);
    expect(net.route(msg('a#2', 'a', 'b'), 0)).toEqual({ arrivals: [5] });
  });

  it('partition beats loss: no draw decides a partitioned message', () => {
    const net = new Network(1, { loss: 1 });
    net.partition('a', 'b', 'one-way');
    expect(net.route(msg('a#1'), 0)).toEqual({ dropped: 'partition' });
    expect(net.route(msg('b#1', 'b', 'a'), 0)).toEqual({ dropped: 'loss' });
  });
});

describe('Network randomness', () => {
  const n = 10_000;

  it('loses messages at the configured rate', () => {
    const net = new Network(7, { loss: 0.3 });
    let lost = 0;
    for (let i = 0; i < n; i++) if (net.route(msg(`a#${i}`), i).dropped === 'loss') lost++;
    expectBinomial(lost, n, 0.3);
  });

  it('duplicates at the configured rate, two arrivals each', () => {
    const net = new Network(7, { duplicate: 0.2, latency: { kind: 'uniform', min: 2, max: 4 } });
    let doubled = 0;
    for (let i = 0; i < n; i++) {
      const times = arrivals(net.route(msg(`a#${i}`), 100));
      expect(times.length === 1 || times.length === 2).toBe(true);
      for (const t of times) expect(t >= 102 && t < 104).toBe(true);
      if (times.length === 2) doubled++;
    }
    expectBinomial(doubled, n, 0.2);
  });

  it('reorder produces out-of-order arrivals (and none without it)', () => {
    const outOfOrder = (spec: Partial<LinkSpec>): number => {
      const net = new Network(3, spec);
      let last = -Infinity;
      let count = 0;
      for (let i = 0; i < 1000; i++) {
        const [t] = arrivals(net.route(msg(`a#${i}`), i));
        expect(t! >= i + 5 && t! < i + 5 + (spec.reorderMs ?? 0) + 1e-9).toBe(true);
        if (t! < last) count++;
        last = Math.max(last, t!);
      }
      return count;
    };
    expect(outOfOrder({ reorder: 0.3, reorderMs: 50 })).toBeGreaterThan(100);
    expect(outOfOrder({})).toBe(0);
  });

  it('gives the same routes for the same seed and ids regardless of routing order', () => {
    const spec: Partial<LinkSpec> = {
      latency: { kind: 'long-tail', median: 10, p99: 80 },
      loss: 0.2,
      duplicate: 0.2,
      reorder: 0.3,
      reorderMs: 20,
    };
    const ids = Array.from({ length: 2000 }, (_, i) => `node-${i % 7}#${i}`);
    const route = (net: Network, id: string) => net.route(msg(id), 1000);
    const forward = new Network(42, spec);
    const backward = new Network(42, spec);
    const there = new Map(ids.map((id) => [id, route(forward, id)]));
    for (const id of [...ids].reverse()) expect(route(backward, id)).toEqual(there.get(id));
    // And a different seed decides differently.
    const other = new Network(43, spec);
    const same = ids.filter(
      (id) => JSON.stringify(route(other, id)) === JSON.stringify(there.get(id)),
    ).length;
    expect(same).toBeLessThan(ids.length / 2);
  });

  it('keeps a message latency when loss is switched on (fixed draws)', () => {
    const base = { latency: { kind: 'uniform', min: 1, max: 100 } } as const;
    const a = new Network(5, base);
    const b = new Network(5, { ...base, loss: 0.5 });
    for (let i = 0; i < 200; i++) {
      const rb = b.route(msg(`a#${i}`), 0);
      if (rb.dropped === undefined) expect(rb).toEqual(a.route(msg(`a#${i}`), 0));
    }
  });
});

describe('Network bandwidth', () => {
  it('queues messages on the link: same send time, arrivals spaced by size / bandwidth', () => {
    const net = new Network(1);
    net.setLink('a', 'b', { bandwidth: 10 });
    // JSON of the body is 36 chars, + 64 header bytes = 100 bytes: 10 ms each at 10 bytes/ms.
    const body = 'x'.repeat(34);
    expect(JSON.stringify(body).length + 64).toBe(100);
    const times = Array.from(
      { length: 10 },
      (_, i) => arrivals(net.route(msg(`a#${i}`, 'a', 'b', body), 0))[0]!,
    );
    expect(times).toEqual(Array.from({ length: 10 }, (_, i) => 10 * (i + 1) + 5));
    // The link is idle again by t = 1000: no queueing from the earlier burst.
    expect(arrivals(net.route(msg('a#10', 'a', 'b', body), 1000))).toEqual([1015]);
    // Other links are not slowed: b -> a has no bandwidth limit, a -> c is its own queue.
    expect(arrivals(net.route(msg('b#1', 'b', 'a', body), 0))).toEqual([5]);
  });

  it('queues per directed link; lost messages do not occupy it', () => {
    const net = new Network(1, { bandwidth: 1 });
    // null body: 4 + 64 = 68 bytes, 68 ms at 1 byte/ms.
    expect(arrivals(net.route(msg('a#1', 'a', 'b'), 0))).toEqual([73]);
    expect(arrivals(net.route(msg('a#2', 'a', 'c'), 0))).toEqual([73]);
    expect(arrivals(net.route(msg('a#3', 'a', 'b'), 0))).toEqual([141]);
    net.setLink('a', 'b', { loss: 1 });
    expect(net.route(msg('a#4', 'a', 'b'), 0)).toEqual({ dropped: 'loss' });
    net.setLink('a', 'b', { loss: 0 });
    expect(arrivals(net.route(msg('a#5', 'a', 'b'), 0))).toEqual([209]);
  });
});
