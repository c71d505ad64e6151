import { describe, expect, it } from 'vitest';
import { deliver, drop, send } from '../../trace/testTraces';
import { arrowShape, layoutLanes, PAD_TOP, tOf, yOf, type Viewport } from './spacetime-geometry';
import { buildModel } from './spacetime-model';

const nodes = [
  { id: 's1', role: 'server' },
  { id: 'c', role: 'client' },
  { id: 'lb', role: 'lb' },
];
const vp: Viewport = { top: 0, k: 2, height: 600 };

describe('space-time geometry', () => {
  it('orders lanes by role order, keeps the given order within a role, and adds spawned nodes', () => {
    const lanes = layoutLanes(
      nodes,
      ['client', 'lb', 'server'],
      new Map([['w', { role: 'server', t: 50 }]]),
      500,
    );
    expect(lanes.map((l) => [l.id, l.roleIndex, l.born])).toEqual([
      ['c', 0, 0],
      ['lb', 1, 0],
      ['s1', 2, 0],
      ['w', 2, 50],
    ]);
    expect(lanes.map((l) => l.x)).toEqual([...lanes.map((l) => l.x)].sort((a, b) => a - b));
  });

  it('maps time to y and back', () => {
    expect(yOf(vp, 10)).toBe(PAD_TOP + 20);
    expect(tOf(vp, yOf(vp, 123))).toBe(123);
  });

  it('hides an arrow until sent, stops it at the cursor while in flight, and heads it when it lands', () => {
    const s = send(10, 'c', 'lb', 'request', {}, 'c#1');
    const m = buildModel([s, deliver(30, s)]);
    const lanes = new Map(
      layoutLanes(nodes, ['client', 'lb', 'server'], new Map(), 500).map((l) => [l.id, l]),
    );
    const a = m.arrows[0];
    if (!a) throw new Error('no arrow');
    const c = lanes.get('c')?.x ?? 0;
    const lb = lanes.get('lb')?.x ?? 0;
    expect(arrowShape(a, lanes, vp, 5, 20)).toBeNull();
    const mid = arrowShape(a, lanes, vp, 20, 20);
    expect(mid).toMatchObject({ head: 'dot', x0: c, y0: yOf(vp, 10), y1: yOf(vp, 20) });
    expect(mid?.x1).toBeCloseTo((c + lb) / 2);
    expect(arrowShape(a, lanes, vp, 40, 20)).toMatchObject({ head: 'arrow', x1: lb, y1: yOf(vp, 30) });
  });

  it('crosses out a drop at send with a short stub and a drop at delivery at the receiver', () => {
    const lost = send(10, 'c', 'lb', 'request', {}, 'c#1');
    const late = send(10, 'c', 's1', 'request', {}, 'c#2');
    const m = buildModel([lost, drop(10, lost, 'partition'), late, drop(40, late, 'crashed')]);
    const lanes = new Map(
      layoutLanes(nodes, ['client', 'lb', 'server'], new Map(), 500).map((l) => [l.id, l]),
    );
    const [a, b] = m.arrows;
    if (!a || !b) throw new Error('no arrows');
    const stub = arrowShape(a, lanes, vp, 50, 20);
    expect(stub?.head).toBe('cross');
    expect(Math.abs((stub?.x1 ?? 0) - (stub?.x0 ?? 0))).toBeLessThan(30);
    expect(arrowShape(b, lanes, vp, 50, 20)).toMatchObject({
      head: 'cross',
      x1: lanes.get('s1')?.x,
      y1: yOf(vp, 40),
    });
  });
});
