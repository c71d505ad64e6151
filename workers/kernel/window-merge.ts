/**
 * The merge of one window: kernel-made trace events (drops at delivery) and every node's effects, put in
 * (virtual time, kernel first then node index, the node's own order). Each list arrives already in that
 * order and, with constant latencies, a whole window often shares one time, so the common case is a single
 * sortedness check; otherwise a stable index sort on time. Parallel arrays: no object per entry.
 */
import type { Effect, TraceEvent } from './protocol';
import type { SimNode } from './sim-node';

export class WindowMerge {
  private readonly times: number[] = [];
  private readonly items: (Effect | TraceEvent)[] = [];
  /** The node an effect belongs to; null for a kernel-made trace event. */
  private readonly owners: (SimNode | null)[] = [];

  /** Kernel events must all be added before any node's effects (they win ties). */
  addKernelEvent(event: TraceEvent): void {
    this.times.push(event.t);
    this.items.push(event);
    this.owners.push(null);
  }

  /** Add nodes in index order. */
  addEffects(node: SimNode, effects: readonly Effect[]): void {
    for (let i = 0; i < effects.length; i++) {
      const effect = effects[i]!;
      this.times.push(effect.t);
      this.items.push(effect);
      this.owners.push(node);
    }
  }

  /** Visit every entry in merged order. */
  forEach(
    visitEvent: (event: TraceEvent) => void,
    visitEffect: (node: SimNode, effect: Effect) => void,
  ): void {
    const { times, items, owners } = this;
    let sorted = true;
    for (let i = 1; i < times.length && sorted; i++) sorted = times[i - 1]! <= times[i]!;
    const order = sorted ? null : stableOrderByTime(times);
    for (let k = 0; k < items.length; k++) {
      const i = order ? order[k]! : k;
      const owner = owners[i]!;
      if (owner === null) visitEvent(items[i] as TraceEvent);
      else visitEffect(owner, items[i] as Effect);
    }
  }

  /** Time of the last entry in merged order (or `fallback` when empty). */
  lastTime(fallback: number): number {
    let last = fallback;
    for (const t of this.times) if (t > last) last = t;
    return last;
  }
}

function stableOrderByTime(times: readonly number[]): Uint32Array {
  const order = new Uint32Array(times.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => times[a]! - times[b]! || a - b);
}
