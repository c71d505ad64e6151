import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../workers/kernel/protocol';
import { buildRunView } from './buildRunView';
import { deliver, drop, node, send } from './testTraces';

const nodes = [node('client', 'client', 0), node('server', 'server', 1)];

describe('buildRunView', () => {
  it('shows a message in flight between send and delivery, with its arrival time', () => {
    const s = send(10, 'client', 'server', 'echo', { text: 'hi' });
    const trace = [s, deliver(30, s)];
    expect(buildRunView(trace, nodes, 5).messages).toEqual([]);
    const mid = buildRunView(trace, nodes, 20).messages;
    expect(mid).toHaveLength(1);
    expect(mid[0]).toMatchObject({
      from: 'client',
      to: 'server',
      type: 'echo',
      sentAt: 10,
      arriveAt: 30,
      fate: 'in-flight',
    });
    // Delivered: kept for the fade window, then gone.
    expect(buildRunView(trace, nodes, 30, 100).messages[0]?.fate).toBe('delivered');
    expect(buildRunView(trace, nodes, 129, 100).messages).toHaveLength(1);
    expect(buildRunView(trace, nodes, 131, 100).messages).toHaveLength(0);
  });

  it('has a null arrival time when the trace does not reach the delivery yet', () => {
    const s = send(10, 'client', 'server', 'echo');
    expect(buildRunView([s], nodes, 12).messages[0]).toMatchObject({ arriveAt: null, fate: 'in-flight' });
  });

  it('tells a drop at send time from a drop at delivery time', () => {
    const lost = send(10, 'client', 'server', 'echo');
    const late = send(12, 'client', 'server', 'echo');
    const trace = [lost, drop(10, lost, 'loss'), late, drop(40, late, 'crashed')];
    const v = buildRunView(trace, nodes, 20);
    const [a, b] = v.messages;
    expect(a).toMatchObject({ fate: 'dropped', dropReason: 'loss', sentAt: 10, arriveAt: 10 });
    // Still travelling: its fate is not known at t = 20 (no spoilers in dropReason).
    expect(b).toMatchObject({ fate: 'in-flight', arriveAt: 40 });
    expect(b?.dropReason).toBeUndefined();
    expect(buildRunView(trace, nodes, 40).messages[1]).toMatchObject({
      fate: 'dropped',
      dropReason: 'crashed',
    });
  });

  it('tracks duplicate copies separately', () => {
    const s = send(10, 'client', 'server', 'put', {}, 'client#9');
    const dup: TraceEvent = { t: 10, kind: 'duplicate', node: 'client', messageId: 'client#9', to: 'server' };
    const trace = [s, dup, deliver(20, s), deliver(35, s)];
    const v = buildRunView(trace, nodes, 25, 10);
    expect(v.messages.map((m) => [m.copy, m.fate, m.arriveAt, m.duplicate])).toEqual([
      [0, 'delivered', 20, undefined],
      [1, 'in-flight', 35, true],
    ]);
  });

  it('follows crash, restart, pause and skew', () => {
    const trace: TraceEvent[] = [
      { t: 5, kind: 'state', node: 'server', state: { n: 1 } },
      { t: 50, kind: 'crash', node: 'server', reason: 'fault schedule' },
      { t: 60, kind: 'pause', node: 'client' },
      { t: 70, kind: 'skew', node: 'client', offsetMs: 25 },
      { t: 80, kind: 'restart', node: 'server', incarnation: 1 },
    ];
    const at = (t: number) => buildRunView(trace, nodes, t).nodes;
    expect(at(10).map((n) => n.status)).toEqual(['up', 'up']);
    expect(at(10)[1]?.state).toEqual({ n: 1 });
    expect(at(55)[1]).toMatchObject({
      status: 'crashed',
      lastCrashReason: 'fault schedule',
      state: { n: 1 },
    });
    expect(at(75)[0]).toMatchObject({ status: 'paused', clockOffset: 25 });
    expect(at(90)[1]).toMatchObject({ status: 'up', state: null });
  });

  it('adds spawned nodes at their spawn and keeps stopped ones', () => {
    const trace: TraceEvent[] = [
      { t: 10, kind: 'spawn', node: 'worker-1', role: 'worker', parent: 'server' },
      { t: 20, kind: 'stop', node: 'worker-1', by: 'server' },
    ];
    const all = [...nodes, node('worker-1', 'worker', 2)];
    expect(buildRunView(trace, all, 5).nodes.map((n) => n.id)).toEqual(['client', 'server']);
    expect(buildRunView(trace, all, 15).nodes[2]).toMatchObject({
      id: 'worker-1',
      role: 'worker',
      status: 'up',
    });
    expect(buildRunView(trace, all, 25).nodes[2]?.status).toBe('stopped');
  });

  it('folds partitions, heals, link overrides, logs and storage', () => {
    const trace: TraceEvent[] = [
      { t: 1, kind: 'partition', from: 'client', to: 'server', direction: 'both' },
      { t: 2, kind: 'log', node: 'server', level: 'warn', text: 'alone' },
      { t: 3, kind: 'heal', from: 'server', to: 'client', direction: 'one-way' },
      { t: 4, kind: 'link', from: 'client', to: 'server', spec: { loss: 0.2 } },
      { t: 5, kind: 'storage', node: 'server', key: 'k', value: 1 },
      { t: 6, kind: 'storage', node: 'server', key: 'k', value: undefined },
    ];
    const v2 = buildRunView(trace, nodes, 2);
    expect(v2.blocked).toEqual([
      { from: 'client', to: 'server' },
      { from: 'server', to: 'client' },
    ]);
    expect(v2.logs).toEqual([{ t: 2, node: 'server', level: 'warn', text: 'alone' }]);
    const v5 = buildRunView(trace, nodes, 5);
    expect(v5.blocked).toEqual([{ from: 'client', to: 'server' }]);
    expect(v5.links).toEqual([{ from: 'client', to: 'server', spec: { loss: 0.2 } }]);
    expect(v5.nodes[1]?.storage).toEqual({ k: 1 });
    expect(buildRunView(trace, nodes, 6).nodes[1]?.storage).toEqual({});
    expect(v5.eventIndex).toBe(5);
  });
});
