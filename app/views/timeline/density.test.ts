import { describe, expect, it } from 'vitest';
import { deliver, drop, send } from '../../trace/testTraces';
import type { TraceEvent } from '../../trace';
import { DensityCounter } from './density';

const counts = (buckets: { sends: number; drops: number }[]) => buckets.map((b) => [b.sends, b.drops]);

describe('DensityCounter', () => {
  it('counts sends and drops per bucket, the last bucket taking the end of the run', () => {
    const a = send(0, 'a', 'b', 'ping');
    const b = send(45, 'b', 'a', 'pong');
    const events = [a, deliver(10, a), b, drop(50, b, 'loss'), send(100, 'a', 'b', 'ping')];
    const got = new DensityCounter(100, 4).count(events);
    expect(got.map((x) => x.t0)).toEqual([0, 25, 50, 75]);
    expect(counts(got)).toEqual([
      [1, 0],
      [1, 0],
      [0, 1],
      [1, 0],
    ]);
  });

  it('counts a grown trace as a fresh count of it would, and starts over on another trace', () => {
    const trace: TraceEvent[] = [send(5, 'a', 'b', 'ping')];
    const counter = new DensityCounter(100, 2);
    expect(counts(counter.count(trace))).toEqual([
      [1, 0],
      [0, 0],
    ]);
    const late = send(60, 'b', 'a', 'pong');
    trace.push(late, drop(70, late, 'partition'), send(80, 'a', 'b', 'ping'));
    const grown = counts(counter.count(trace));
    expect(grown).toEqual([
      [1, 0],
      [2, 1],
    ]);
    expect(grown).toEqual(counts(new DensityCounter(100, 2).count(trace)));
    expect(counts(counter.count([send(90, 'a', 'b', 'ping')]))).toEqual([
      [0, 0],
      [1, 0],
    ]);
  });
});
