import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../workers/kernel/protocol';
import { deliver, drop, send, syntheticTrace } from '../../trace/testTraces';
import { buildModel, LONG_MS, SpaceTimeModel } from './spacetime-model';

const snapshot = (m: SpaceTimeModel) => ({
  arrows: m.arrows,
  down: m.down,
  paused: m.paused,
  bands: m.bands,
  marks: m.marks,
  types: m.types,
  spawned: [...m.spawned],
  latency: m.typicalLatency,
});

describe('SpaceTimeModel', () => {
  it('draws one arrow per delivered message, from (sender, sentAt) to (receiver, deliveredAt)', () => {
    const a = send(10, 'client', 'lb', 'request', { path: '/' }, 'client#1');
    const b = send(12, 'lb', 'server-1', 'forward', {}, 'lb#1');
    const m = buildModel([a, b, deliver(25, a), deliver(30, b)]);
    expect(m.arrows).toHaveLength(2);
    expect(m.arrows[0]).toMatchObject({
      from: 'client',
      to: 'lb',
      t0: 10,
      t1: 25,
      fate: 'delivered',
      copy: 0,
    });
    expect(m.arrows[1]).toMatchObject({ from: 'lb', to: 'server-1', t0: 12, t1: 30, fate: 'delivered' });
    expect(m.types).toEqual(['request', 'forward']);
    expect(m.typicalLatency).toBe(16.5);
  });

  it('ends a drop at send time for loss and at arrival time for a drop at delivery', () => {
    const lost = send(5, 'a', 'b', 'ping', {}, 'a#1');
    const late = send(6, 'a', 'b', 'ping', {}, 'a#2');
    const m = buildModel([lost, drop(5, lost, 'loss'), late, drop(40, late, 'crashed')]);
    expect(m.arrows[0]).toMatchObject({ t0: 5, t1: 5, fate: 'dropped', reason: 'loss' });
    expect(m.arrows[1]).toMatchObject({ t0: 6, t1: 40, fate: 'dropped', reason: 'crashed' });
  });

  it('draws a duplicated message as two arrows, the first ending closing the original', () => {
    const s = send(0, 'a', 'b', 'put', { k: 1 }, 'a#1');
    const dup: TraceEvent = { t: 0, kind: 'duplicate', node: 'a', messageId: 'a#1', to: 'b' };
    const m = buildModel([s, dup, deliver(9, s), deliver(31, s)]);
    expect(m.arrows.map((x) => [x.copy, x.t0, x.t1])).toEqual([
      [0, 0, 9],
      [1, 0, 31],
    ]);
    expect(m.arrows[1]?.body).toEqual({ k: 1 });
  });

  it('keeps a crash as a down span until the restart, and a stop for good', () => {
    const m = buildModel([
      { t: 100, kind: 'crash', node: 's2', reason: 'fault schedule' },
      { t: 250, kind: 'restart', node: 's2', incarnation: 1 },
      { t: 300, kind: 'pause', node: 's1' },
      { t: 340, kind: 'resume', node: 's1' },
      { t: 400, kind: 'stop', node: 's3', by: 'lb' },
    ]);
    expect(m.down).toEqual([
      { node: 's2', t0: 100, t1: 250, why: 'fault schedule' },
      { node: 's3', t0: 400, t1: null, why: 'stopped' },
    ]);
    expect(m.paused).toEqual([{ node: 's1', t0: 300, t1: 340 }]);
    expect(m.marks.map((x) => x.kind)).toEqual(['crash', 'restart', 'pause', 'resume', 'stop']);
  });

  it('shades a partition band per pair while either direction is cut', () => {
    const m = buildModel([
      { t: 10, kind: 'partition', from: 'lb', to: 's3', direction: 'one-way' },
      { t: 20, kind: 'partition', from: 'a', to: 'b', direction: 'both' },
      { t: 30, kind: 'heal', from: 'lb', to: 's3', direction: 'one-way' },
      // heal-all heals each cut direction on its own: the band lasts until the last one.
      { t: 50, kind: 'heal', from: 'a', to: 'b', direction: 'one-way' },
      { t: 60, kind: 'heal', from: 'b', to: 'a', direction: 'one-way' },
      { t: 70, kind: 'partition', from: 'lb', to: 's3', direction: 'one-way' },
    ]);
    expect(m.bands).toEqual([
      { a: 'lb', b: 's3', t0: 10, t1: 30, ab: true, ba: false },
      { a: 'a', b: 'b', t0: 20, t1: 60, ab: true, ba: true },
      { a: 'lb', b: 's3', t0: 70, t1: null, ab: true, ba: false },
    ]);
  });

  it('records timers, logs and errors as marks in time order', () => {
    const m = buildModel([
      { t: 1, kind: 'timer', node: 'a', timerId: 3, label: 'heartbeat' },
      { t: 2, kind: 'log', node: 'a', level: 'warn', text: 'slow' },
      { t: 3, kind: 'error', node: 'a', message: 'boom', where: { file: 'roles/a.ts', line: 4 } },
    ]);
    expect(m.marks).toEqual([
      { node: 'a', t: 1, kind: 'timer', text: 'timer: heartbeat' },
      { node: 'a', t: 2, kind: 'log', text: 'slow', level: 'warn' },
      { node: 'a', t: 3, kind: 'error', text: 'boom (roles/a.ts:4)' },
    ]);
    expect(m.marksIn(2, 2).map((x) => x.kind)).toEqual(['log']);
  });

  it('builds the same model appended in chunks as from scratch', () => {
    const trace = syntheticTrace(['a', 'b', 'c', 'd'], 3000);
    const whole = buildModel(trace);
    const inc = new SpaceTimeModel();
    const grown: TraceEvent[] = [];
    for (let i = 0; i < trace.length; i += 137) {
      grown.push(...trace.slice(i, i + 137));
      expect(inc.sync(grown)).toBe(true);
    }
    expect(inc.length).toBe(trace.length);
    expect(snapshot(inc)).toEqual(snapshot(whole));
  });

  it('asks for a rebuild when the trace is not a continuation', () => {
    const trace = syntheticTrace(['a', 'b'], 50);
    const m = buildModel(trace);
    expect(m.sync(trace.slice(0, 10))).toBe(false);
    expect(m.sync(syntheticTrace(['a', 'b'], 60, 99))).toBe(false);
  });

  it('answers a range query exactly as a full scan would, long and open arrows included', () => {
    const trace = syntheticTrace(['a', 'b', 'c'], 4000);
    // A message held for a long time, and one whose end the trace does not know yet.
    const held = send(3, 'a', 'b', 'slow', {}, 'held#1');
    const open = send(4, 'a', 'c', 'slow', {}, 'open#1');
    const end = (trace[trace.length - 1]?.t ?? 0) + 1;
    const m = buildModel([held, open, ...trace.filter((e) => e.t >= 5), deliver(end + LONG_MS, held)]);
    for (const [from, to] of [
      [0, 50],
      [600, 700],
      [end - 100, end],
      [end + 10, end + 20],
    ] as const) {
      const want = m.arrows.filter((a) => a.t0 <= to && (a.t1 === null || a.t1 >= from)).map((a) => a.pos);
      const got = m.arrowsIn(from, to).map((a) => a.pos);
      expect(got.sort((x, y) => x - y)).toEqual(want);
    }
  });
});
