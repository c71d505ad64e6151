/** Append-only series stamped with trace indices, cut at any index by binary search (never copied whole). */
import type { NodeSeries } from './directory';
import { countBelow } from './search';
import type { LogLine, MetricPoint, NodeError } from './types';

export class SeriesLog<T> {
  private readonly items: T[] = [];
  private readonly at: number[] = [];
  private cache: { n: number; out: T[] } | undefined;

  push(index: number, item: T): void {
    this.items.push(item);
    this.at.push(index);
  }

  /** Items recorded at trace indices < cut; the same array while that count does not change. */
  upTo(cut: number): T[] {
    const n = countBelow(this.at, cut);
    if (this.cache?.n !== n) this.cache = { n, out: this.items.slice(0, n) };
    return this.cache.out;
  }

  count(cut: number): number {
    return countBelow(this.at, cut);
  }
}

/** One node's logs, errors and metrics. */
export class Series {
  readonly logs = new SeriesLog<LogLine>();
  readonly errors = new SeriesLog<NodeError>();
  private readonly metrics = new Map<string, SeriesLog<MetricPoint>>();

  metric(name: string): SeriesLog<MetricPoint> {
    let m = this.metrics.get(name);
    if (!m) this.metrics.set(name, (m = new SeriesLog()));
    return m;
  }

  upTo(cut: number): NodeSeries {
    const metrics: Record<string, MetricPoint[]> = {};
    for (const [name, log] of this.metrics) {
      if (log.count(cut) > 0) metrics[name] = log.upTo(cut);
    }
    return { logs: this.logs.upTo(cut), errors: this.errors.upTo(cut), metrics };
  }
}
