import { describe, expect, it } from 'vitest';
import type { Effect, TraceEvent } from './protocol';
import { newSimNode } from './sim-node';
import { WindowMerge } from './window-merge';

const log = (t: number, node: string, text: string): Effect => ({
  t,
  kind: 'log',
  node,
  level: 'info',
  text,
});
const drop = (t: number, text: string): TraceEvent => ({ t, kind: 'crash', node: 'k', reason: text });

function visitOrder(merge: WindowMerge): string[] {
  const seen: string[] = [];
  merge.forEach(
    (event) => seen.push(`kernel:${(event as { reason: string }).reason}`),
    (node, effect) => seen.push(`${node.id}:${(effect as { text: string }).text}`),
  );
  return seen;
}

describe('WindowMerge', () => {
  const a = newSimNode('a', 'r', 0, 0);
  const b = newSimNode('b', 'r', 1, 0);

  it('visits lists already in time order as they are', () => {
    const merge = new WindowMerge();
    merge.addKernelEvent(drop(1, 'x'));
    merge.addEffects(a, [log(1, 'a', 'a1'), log(1, 'a', 'a2')]);
    merge.addEffects(b, [log(1, 'b', 'b1'), log(2, 'b', 'b2')]);
    expect(visitOrder(merge)).toEqual(['kernel:x', 'a:a1', 'a:a2', 'b:b1', 'b:b2']);
    expect(merge.lastTime(0)).toBe(2);
  });

  it('otherwise orders by time, then kernel first, then node order, then each node’s own order', () => {
    const merge = new WindowMerge();
    merge.addKernelEvent(drop(2, 'x'));
    merge.addEffects(a, [log(1, 'a', 'a1'), log(3, 'a', 'a3'), log(3, 'a', 'a3b')]);
    merge.addEffects(b, [log(1, 'b', 'b1'), log(2, 'b', 'b2'), log(3, 'b', 'b3')]);
    expect(visitOrder(merge)).toEqual(['a:a1', 'b:b1', 'kernel:x', 'b:b2', 'a:a3', 'a:a3b', 'b:b3']);
    expect(merge.lastTime(0)).toBe(3);
  });

  it('is empty-safe', () => {
    const merge = new WindowMerge();
    merge.addEffects(a, []);
    expect(visitOrder(merge)).toEqual([]);
    expect(merge.lastTime(7)).toBe(7);
  });
});
