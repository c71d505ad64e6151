/**
 * The merge of one window: kernel-made trace events (drops at delivery) and every node's effects, put in
 * (virtual time, kernel first then node index, the node's own order). Each list arrives already in that
 * order and, with constant latencies, a whole window often shares one time, so the common case is one pass
 * that finds the lists already in order and visits them as they are; otherwise a stable index sort on time.
 */
import type { Effect, TraceEvent } from './protocol';
import type { SimNode } from './sim-node';

export class WindowMerge {
  private readonly kernelEvents: TraceEvent[] = [];
  private readonly owners: SimNode[] = [];
  private readonly lists: (readonly Effect[])[] = [];

  /** Kernel events must all be added before any node's effects (they win ties), in time order. */
  addKernelEvent(event: TraceEvent): void {
    this.kernelEvents.push(event);
  }

  /** Add nodes in index order. */
  addEffects(node: SimNode, effects: readonly Effect[]): void {
    this.owners.push(node);
    this.lists.push(effects);
  }

  /** Visit every entry in merged order. */
  forEach(
    visitEvent: (event: TraceEvent) => void,
    visitEffect: (node: SimNode, effect: Effect) => void,
  ): void {
    const { kernelEvents, owners, lists } = this;
    if (!this.inOrder()) return this.forEachSorted(visitEvent, visitEffect);
    for (const event of kernelEvents) visitEvent(event);
    for (let n = 0; n < lists.length; n++) {
      const owner = owners[n]!;
      const effects = lists[n]!;
      for (let k = 0; k < effects.length; k++) visitEffect(owner, effects[k]!);
    }
  }

  /** Time of the last entry in merged order (or `fallback` when empty). */
  lastTime(fallback: number): number {
    let last = fallback;
    for (const event of this.kernelEvents) if (event.t > last) last = event.t;
    for (const effects of this.lists) for (const effect of effects) if (effect.t > last) last = effect.t;
    return last;
  }

  /** Whether the lists, taken one after the other, are already in time order. */
  private inOrder(): boolean {
    let last = -Infinity;
    for (const event of this.kernelEvents) {
      if (!(event.t >= last)) return false;
      last = event.t;
    }
    for (const effects of this.lists) {
      for (let k = 0; k < effects.length; k++) {
        const t = effects[k]!.t;
        if (!(t >= last)) return false;
        last = t;
      }
    }
    return true;
  }

  /** The general case: every entry in one list, visited in a stable order by time. */
  private forEachSorted(
    visitEvent: (event: TraceEvent) => void,
    visitEffect: (node: SimNode, effect: Effect) => void,
  ): void {
    const times: number[] = [];
    const items: (Effect | TraceEvent)[] = [];
    /** The node an effect belongs to; null for a kernel-made trace event. */
    const owners: (SimNode | null)[] = [];
    for (const event of this.kernelEvents) {
      times.push(event.t);
      items.push(event);
      owners.push(null);
    }
    this.lists.forEach((effects, n) => {
      for (const effect of effects) {
        times.push(effect.t);
        items.push(effect);
        owners.push(this.owners[n]!);
      }
    });
    for (const i of stableOrderByTime(times)) {
      const owner = owners[i]!;
      if (owner === null) visitEvent(items[i] as TraceEvent);
      else visitEffect(owner, items[i] as Effect);
    }
  }
}

function stableOrderByTime(times: readonly number[]): Uint32Array {
  const order = new Uint32Array(times.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => times[a]! - times[b]! || a - b);
}
