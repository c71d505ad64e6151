/**
 * Metrics every run has, whatever its scenario declares, folded from the trace: requests' latency (a request
 * is a message that got a reply: the time from its send to the first reply delivered back to its sender, the
 * rule of the check library's `exchanges`), throughput (messages delivered per second), node errors per
 * second, and messages sent per answered request. Counted in buckets of virtual time, per role or per node,
 * so a chart can cut them at the cursor.
 */
import { percentile } from '../../workers/kernel/checks/cost';
import type { MessageId, NodeId, TraceEvent } from '../../workers/kernel/protocol';
import type { MetricPoint } from './types';

export type MetricsGrouping = 'role' | 'node';

export interface BuiltinSeries {
  /** A role's or a node's name ('all' for the run as a whole). */
  group: string;
  /** The role that colours it (the group itself when grouped by role). */
  role: string;
  /** One point per bucket with data, stamped at the bucket's end. */
  points: MetricPoint[];
}

export interface BuiltinMetric {
  name: string;
  /** What a point means, for the chart's caption. */
  unit: string;
  series: BuiltinSeries[];
}

/** A bucket for about 40 points over the run, at least 50 ms, on a round number. */
export function bucketFor(duration: number): number {
  const raw = Math.max(50, duration / 40);
  const step = [50, 100, 250, 500, 1000, 2000, 5000, 10_000].find((s) => s >= raw);
  return step ?? Math.ceil(raw / 10_000) * 10_000;
}

interface Request {
  from: NodeId;
  sentAt: number;
  answered: boolean;
}

type Buckets = Map<string, Map<number, number[]>>;

function add(buckets: Buckets, group: string, bucket: number, value: number) {
  let byBucket = buckets.get(group);
  if (!byBucket) buckets.set(group, (byBucket = new Map()));
  let values = byBucket.get(bucket);
  if (!values) byBucket.set(bucket, (values = []));
  values.push(value);
}

const tally = (counts: Map<number, number>, bucket: number) =>
  counts.set(bucket, (counts.get(bucket) ?? 0) + 1);

export function builtinMetrics(
  events: readonly TraceEvent[],
  grouping: MetricsGrouping,
  bucketMs: number,
  /** Fold only the first `count` events (the view's `eventIndex`: what happened up to the cursor). */
  count = events.length,
): BuiltinMetric[] {
  const roleOf = new Map<NodeId, string>();
  const requests = new Map<MessageId, Request>();
  const replyTo = new Map<MessageId, MessageId>();
  const latency: Buckets = new Map();
  const delivered: Buckets = new Map();
  const errors: Buckets = new Map();
  const sent = new Map<number, number>();
  const answered = new Map<number, number>();
  const groupOf = (node: NodeId) => (grouping === 'node' ? node : (roleOf.get(node) ?? node));
  const bucketOf = (t: number) => Math.floor(t / bucketMs);
  for (let i = 0; i < Math.min(count, events.length); i++) {
    const e = events[i]!;
    const bucket = bucketOf(e.t);
    if (e.kind === 'spawn') roleOf.set(e.node, e.role);
    else if (e.kind === 'send') {
      const m = e.message;
      tally(sent, bucket);
      requests.set(m.id, { from: m.from, sentAt: e.t, answered: false });
      if (m.inReplyTo !== undefined) replyTo.set(m.id, m.inReplyTo);
    } else if (e.kind === 'deliver') {
      add(delivered, groupOf(e.node), bucket, 1);
      const asked = replyTo.get(e.messageId);
      const request = asked === undefined ? undefined : requests.get(asked);
      if (request && !request.answered && request.from === e.node) {
        request.answered = true;
        add(latency, groupOf(request.from), bucket, e.t - request.sentAt);
        tally(answered, bucket);
      }
    } else if (e.kind === 'error') add(errors, groupOf(e.node), bucket, 1);
  }
  const roleFor = (group: string) => (grouping === 'node' ? (roleOf.get(group) ?? group) : group);
  const at = (bucket: number) => (bucket + 1) * bucketMs;
  const series = (buckets: Buckets, value: (values: number[]) => number): BuiltinSeries[] =>
    [...buckets].map(([group, byBucket]) => ({
      group,
      role: roleFor(group),
      points: [...byBucket]
        .sort(([a], [b]) => a - b)
        .map(([bucket, values]) => ({ t: at(bucket), value: value(values) })),
    }));
  const perSecond = (values: number[]) => (values.length * 1000) / bucketMs;
  const perRequest: BuiltinSeries = {
    group: 'all',
    role: 'all',
    points: [...answered]
      .sort(([a], [b]) => a - b)
      .map(([bucket, n]) => ({ t: at(bucket), value: (sent.get(bucket) ?? 0) / n })),
  };
  return [
    { name: 'request latency p50', unit: 'ms', series: series(latency, (v) => percentile(v, 50)) },
    { name: 'request latency p99', unit: 'ms', series: series(latency, (v) => percentile(v, 99)) },
    { name: 'throughput', unit: 'messages delivered / s', series: series(delivered, perSecond) },
    { name: 'errors', unit: 'node errors / s', series: series(errors, perSecond) },
    {
      name: 'messages per request',
      unit: 'sent / requests answered',
      series: perRequest.points.length ? [perRequest] : [],
    },
  ];
}
