import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../workers/kernel/protocol';
import { bucketFor, builtinMetrics } from './builtinMetrics';
import { deliver, send } from './testTraces';

const spawn = (node: string, role: string): TraceEvent => ({ t: 0, kind: 'spawn', node, role });
const reply = (t: number, request: TraceEvent, type = 'ok'): TraceEvent => {
  if (request.kind !== 'send') throw new Error('reply() needs a send event');
  const e = send(t, request.message.to, request.message.from, type);
  if (e.kind === 'send') e.message.inReplyTo = request.message.id;
  return e;
};

function trace(): TraceEvent[] {
  const r1 = send(10, 'c1', 's1', 'get');
  const r2 = send(20, 'c2', 's1', 'get');
  const a1 = reply(30, r1);
  const a1again = reply(60, r1); // a second reply to r1: not a second answer
  const a2 = reply(150, r2);
  const lost = send(160, 'c1', 's1', 'get'); // never answered
  return [
    spawn('c1', 'client'),
    spawn('c2', 'client'),
    spawn('s1', 'server'),
    r1,
    r2,
    deliver(15, r1),
    deliver(25, r2),
    a1,
    deliver(40, a1), // c1 waited 30 ms
    a1again,
    deliver(70, a1again),
    a2,
    deliver(180, a2), // c2 waited 160 ms
    lost,
    { t: 170, kind: 'error', node: 's1', message: 'boom' },
  ];
}

const byName = (metrics: ReturnType<typeof builtinMetrics>, name: string) =>
  metrics.find((m) => m.name === name)!;

describe('builtinMetrics', () => {
  it('measures each request from its send to the first reply delivered to its sender, per role', () => {
    const m = builtinMetrics(trace(), 'role', 100);
    expect(byName(m, 'request latency p50').series).toEqual([
      {
        group: 'client',
        role: 'client',
        points: [
          { t: 100, value: 30 },
          { t: 200, value: 160 },
        ],
      },
    ]);
    const throughput = byName(m, 'throughput').series;
    // 100 ms buckets: server got 2 in [0, 100), clients 2 in [0, 100) and 1 in [100, 200); per second.
    expect(throughput.find((s) => s.group === 'server')!.points).toEqual([{ t: 100, value: 20 }]);
    expect(throughput.find((s) => s.group === 'client')!.points).toEqual([
      { t: 100, value: 20 },
      { t: 200, value: 10 },
    ]);
    expect(byName(m, 'errors').series).toEqual([
      { group: 'server', role: 'server', points: [{ t: 200, value: 10 }] },
    ]);
    // [0, 100): 4 sends, 1 answered; [100, 200): 2 sends, 1 answered.
    expect(byName(m, 'messages per request').series[0]!.points).toEqual([
      { t: 100, value: 4 },
      { t: 200, value: 2 },
    ]);
  });

  it('groups per node, coloured by the node role, and folds only up to the cursor', () => {
    const events = trace();
    const m = builtinMetrics(events, 'node', 100);
    expect(byName(m, 'request latency p99').series.map((s) => [s.group, s.role])).toEqual([
      ['c1', 'client'],
      ['c2', 'client'],
    ]);
    const early = builtinMetrics(events, 'node', 100, events.indexOf(events.find((e) => e.t === 70)!) + 1);
    expect(byName(early, 'request latency p99').series.map((s) => s.group)).toEqual(['c1']);
    expect(byName(early, 'errors').series).toEqual([]);
  });

  it('picks a round bucket for about 40 points', () => {
    expect(bucketFor(1000)).toBe(50);
    expect(bucketFor(10_000)).toBe(250);
    expect(bucketFor(60_000)).toBe(2000);
  });
});
