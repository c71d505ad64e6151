/**
 * The check library on hand-made traces: each helper follows ids and fault events, never a body field.
 */
import { describe, expect, it } from 'vitest';
import type { Message, TraceEvent } from '../protocol';
import { fail, goal, invariant, type RunResult } from '../scenario';
import { budget, latencyStats, percentile, perOp } from './cost';
import { describeFault, drawnFaults, faultsNear, fixed, listOf, ms, pct, plural } from './format';
import {
  deliveries,
  deliveriesOf,
  exchanges,
  messageById,
  receivedBefore,
  repliesTo,
  sends,
} from './messages';
import { downtime, isCutOff, isDown, outages } from './outages';

function msg(
  id: string,
  from: string,
  to: string,
  type: string,
  sentAt: number,
  extra: Partial<Message> = {},
): Message {
  return { id, from, to, type, body: {}, sentAt, ...extra };
}
const send = (t: number, m: Message): TraceEvent => ({ t, kind: 'send', node: m.from, message: m });
const deliver = (t: number, m: Message): TraceEvent => ({
  t,
  kind: 'deliver',
  node: m.to,
  messageId: m.id,
  from: m.from,
  type: m.type,
});
const run = (trace: TraceEvent[], virtualMs = 1000): RunResult => ({
  scenario: 't',
  seed: 1,
  virtualMs,
  trace,
  nodes: [],
});

const req1 = msg('c#1', 'c', 's', 'get', 10);
const req2 = msg('c#2', 'c', 's', 'get', 20);
const rep1a = msg('s#1', 's', 'c', 'get_ok', 30, { inReplyTo: 'c#1' });
const rep1b = msg('s#2', 's', 'c', 'get_ok', 35, { inReplyTo: 'c#1' });
const trace: TraceEvent[] = [
  send(10, req1),
  send(20, req2),
  deliver(25, req1),
  send(30, rep1a),
  send(35, rep1b),
  deliver(40, rep1b),
  deliver(50, rep1a),
  deliver(51, rep1a),
];

describe('messages', () => {
  const r = run(trace);
  it('sends and deliveries carry the whole message and filter by type, ends and time', () => {
    expect(sends(r, { type: 'get' }).map((s) => s.message.id)).toEqual(['c#1', 'c#2']);
    expect(sends(r, { type: ['get', 'get_ok'], after: 25 }).map((s) => s.t)).toEqual([30, 35]);
    expect(deliveries(r, { to: 'c' }).map((d) => d.message.id)).toEqual(['s#2', 's#1', 's#1']);
    expect(deliveries(r, { from: (id) => id === 's', before: 50 }).map((d) => d.t)).toEqual([40]);
    expect(deliveries(r)[0]!.message).toBe(req1);
    expect(messageById(r, 's#1')).toBe(rep1a);
    expect(deliveriesOf(r, 's#1').map((d) => d.t)).toEqual([50, 51]);
    expect(repliesTo(r, 'c#1')).toEqual([rep1a, rep1b]);
  });

  it('an exchange is a request, its replies, and the first answer to reach the requester', () => {
    const [a, b] = exchanges(r, { type: 'get' });
    expect(a!.replies.map((m) => m.id)).toEqual(['s#1', 's#2']);
    // The second reply overtook the first: the answer is the first to arrive, not the first sent.
    expect(a!.answer).toMatchObject({ t: 40, message: { id: 's#2' } });
    expect(a!.latency).toBe(30);
    expect(b!.answer).toBeUndefined();
    expect(b!.latency).toBeUndefined();
  });

  it('receivedBefore lists what a node had been told by a moment, newest first', () => {
    expect(receivedBefore(r, 'c', 50).map((d) => d.message.id)).toEqual(['s#1', 's#2']);
    expect(receivedBefore(r, 'c', 45)).toHaveLength(1);
    expect(receivedBefore(r, 's', 45, { type: 'nope' })).toEqual([]);
  });
});

describe('outages', () => {
  const r = run(
    [
      { t: 100, kind: 'crash', node: 'a', reason: 'x' },
      { t: 300, kind: 'restart', node: 'a', incarnation: 1 },
      { t: 400, kind: 'pause', node: 'b' },
      { t: 450, kind: 'partition', from: 'a', to: 'b', direction: 'both' },
      { t: 500, kind: 'partition', from: 'c', to: 'b', direction: 'one-way' },
      { t: 600, kind: 'heal', from: 'a', to: 'b', direction: 'both' },
      { t: 700, kind: 'stop', node: 'c', by: 'a' },
    ],
    1000,
  );
  it('folds crash/restart, pause (open to the end), partitions per direction and stops', () => {
    expect(outages(r, 'a')).toEqual([
      { node: 'a', kind: 'crash', from: 100, to: 300 },
      { node: 'a', kind: 'partition', from: 450, to: 600, peer: 'b' },
    ]);
    expect(outages(r, 'b')).toEqual([
      { node: 'b', kind: 'pause', from: 400, to: 1000 },
      { node: 'b', kind: 'partition', from: 450, to: 600, peer: 'a' },
    ]);
    expect(outages(r, 'c', ['partition'])).toEqual([
      { node: 'c', kind: 'partition', from: 500, to: 1000, peer: 'b' },
    ]);
    expect(outages(r, undefined, ['stop'])).toEqual([{ node: 'c', kind: 'stop', from: 700, to: 1000 }]);
  });
  it('answers whether a node was down or cut off at a moment, and for how long in all', () => {
    expect(isDown(r, 'a', 100)).toBe(true);
    expect(isDown(r, 'a', 300)).toBe(false);
    expect(isDown(r, 'a', 500)).toBe(false); // partitioned, but running
    expect(isCutOff(r, 'a', 'b', 500)).toBe(true);
    expect(isCutOff(r, 'b', 'c', 550)).toBe(false); // one-way: only c -> b is cut
    expect(downtime(r, 'a')).toBe(200);
    expect(downtime(r, 'b')).toBe(600);
  });
});

describe('cost', () => {
  it('percentiles by nearest rank, stats and per-op ratios', () => {
    const values = [5, 1, 4, 2, 3, 100, 6, 7, 8, 9];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 99)).toBe(100);
    expect(percentile(values, 90)).toBe(9);
    expect(Number.isNaN(percentile([], 50))).toBe(true);
    expect(latencyStats([10, 20, 30])).toMatchObject({ count: 3, p50: 20, p95: 30, max: 30, mean: 20 });
    expect(perOp(6, 4)).toBe(1.5);
    expect(perOp(0, 0)).toBe(0);
    expect(perOp(3, 0)).toBe(Infinity);
  });

  it('a budget says the figure, the reference and the limit, and carries them', () => {
    const b = budget('messages per note', () => ({ value: 3.14, detail: '(44 sends for 14 notes)' }), {
      unit: 'sends per note',
      atMost: 3,
      reference: 1.4,
    });
    const out = b.check(run([]));
    expect(b.kind).toBe('budget');
    expect(out.passed).toBe(false);
    expect(out.reason).toBe('3.1 sends per note (44 sends for 14 notes); the reference needs 1.4; at most 3');
    expect(out.measured).toEqual({
      value: 3.14,
      limit: 3,
      reference: 1.4,
      unit: 'sends per note',
      better: 'lower',
    });
    expect(budget('x', () => 2.9, { unit: 'u', atMost: 3, reference: 1 }).check(run([])).passed).toBe(true);
    expect(budget('x', () => NaN, { unit: 'u', atMost: 3, reference: 1 }).check(run([])).passed).toBe(false);
    expect(
      budget('hit rate', () => 0.5, { unit: 'hits', atLeast: 0.6, reference: 0.8 }).check(run([])).passed,
    ).toBe(false);
    expect(() => budget('x', () => 1, { unit: 'u', reference: 1 })).toThrow(/exactly one/);
  });
});

describe('verdicts and words', () => {
  it('a check may say where it failed', () => {
    const c = invariant('x', () => fail('b answered twice', { at: 120, nodes: ['b'], messages: ['b#3'] }));
    expect(c.check(run([]))).toEqual({
      passed: false,
      reason: 'b answered twice',
      at: 120,
      nodes: ['b'],
      messages: ['b#3'],
    });
    expect(goal('y', () => true).check(run([]))).toEqual({ passed: true, reason: 'reached' });
    expect(goal('y', () => 'missing').check(run([]))).toEqual({ passed: false, reason: 'missing' });
  });

  it('formats times, counts, lists and faults the same everywhere', () => {
    expect(ms(1234.4)).toBe('1234 ms');
    expect(fixed(3.1)).toBe('3.1');
    expect(fixed(2)).toBe('2');
    expect(fixed(2.04, 1)).toBe('2');
    expect(plural(1, 'reply', 'replies')).toBe('1 reply');
    expect(plural(2, 'note')).toBe('2 notes');
    expect(listOf(['a'])).toBe('a');
    expect(listOf(['a', 'b', 'c'])).toBe('a, b and c');
    expect(listOf(['a', 'b', 'c', 'd'], 2)).toBe('a, b and 2 more');
    expect(pct(0.125)).toBe('13%');
    const r = run([
      { t: 0, kind: 'nemesis', faults: [{ at: 900, kind: 'crash', node: 'a' }] },
      { t: 900, kind: 'crash', node: 'a', reason: 'crash fault' },
      { t: 950, kind: 'skew', node: 'b', offsetMs: -300 },
    ]);
    expect(drawnFaults(r)).toEqual([{ at: 900, kind: 'crash', node: 'a' }]);
    expect(describeFault(r.trace[2]!)).toBe("b's clock was set back by 300 ms at 950 ms");
    expect(faultsNear(r, 1000)).toBe(
      " Around then: a crashed at 900 ms and b's clock was set back by 300 ms at 950 ms.",
    );
    expect(faultsNear(r, 5000)).toBe('');
  });
});
