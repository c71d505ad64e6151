import {
  budget,
  fail,
  faultsNear,
  goal,
  invariant,
  listOf,
  ms,
  pct,
  percentile,
  perOp,
  plural,
} from '@playground/scenario';
import type { Check, Json, RunResult } from '@playground/scenario';
import {
  CALL_TIMEOUT_MS,
  CLIENT_TIMEOUT_MS,
  COOL_DOWN_MS,
  calls,
  field,
  lastRequestAt,
  quiet,
  requests,
  shardOfReplica,
} from './follow';
import type { Request } from './follow';

/** At most this share of requests may fail (the writes a crashed replica had not copied yet). */
const MAX_FAILED = 0.03;
/** Failures in a row that open a circuit; once open, calls to a quiet replica are a cool-down apart (with slack). */
const TRIP_AFTER = 3;
const MIN_GAP_MS = COOL_DOWN_MS - 150;
/** A failed request answered this soon without any call is a fallback (all circuits of its shard open). */
const FALLBACK_MS = 20;
/** A replica that answers again must be sent a call within this long. */
const BACK_WITHIN_MS = 2500;

const how = (kind: string) =>
  kind === 'crash' ? 'crashed' : kind === 'pause' ? 'was paused' : 'was cut off from the gateway';
const show = (v: Json | undefined) => (v === null || v === undefined ? 'nothing' : String(v));

/** The replica reply a read's answer came from: the newest one that reached the gateway with that value. */
function sourceOf(r: Request) {
  const told = field(r.x.answer?.message.body, 'value') ?? null;
  const from = r.reached.filter(
    (x) => x.reply.type === 'get_ok' && (field(x.reply.body, 'value') ?? null) === told,
  );
  return { told, source: from[from.length - 1] };
}

export const answered = goal('requests are answered', (run) => {
  const all = requests(run);
  if (all.length === 0) return 'the clients sent no request at all';
  const failed = all.filter((r) => !r.ok);
  if (failed.length <= all.length * MAX_FAILED) return true;
  const first = failed[0]!;
  return fail(
    `${failed.length} of ${all.length} requests failed (${pct(failed.length / all.length)}; at most ` +
      `${pct(MAX_FAILED)}), the first a ${first.op} of ${first.key} at ${ms(first.x.sentAt)}.` +
      `${faultsNear(run, first.x.sentAt)} A shard has two replicas: when one does not answer, ask its twin.`,
    { at: first.x.sentAt, nodes: [first.client, 'gateway'], messages: [first.x.request.id] },
  );
});

export const oneShard = invariant('each key lives on one shard', (run) => {
  const shardOf = new Map<string, { shard: number; to: string; at: number }>();
  for (const r of requests(run)) {
    for (const c of r.calls) {
      const shard = shardOfReplica(c.message.to);
      const first = shardOf.get(r.key);
      if (!first) shardOf.set(r.key, { shard, to: c.message.to, at: c.t });
      else if (first.shard !== shard)
        return fail(
          `the gateway sent ${r.key} to ${first.to} (shard ${first.shard}) at ${ms(first.at)} and to ` +
            `${c.message.to} (shard ${shard}) at ${ms(c.t)}: a key's shard is decided by its hash, and only ` +
            'that shard’s two replicas ever hold it',
          { at: c.t, nodes: ['gateway', c.message.to], messages: [c.message.id] },
        );
    }
  }
  return true;
});

export const readYourWrites = invariant('every read returns your last write', (run) => {
  // Each key has one client, which sends one request at a time: its order of sends is the order of operations.
  const expected = new Map<string, { values: Set<Json>; at?: number; by?: string }>();
  for (const r of requests(run)) {
    if (r.op === 'put') {
      if (r.ok) {
        const took = r.reached.find(
          (x) => x.reply.type === 'put_ok' && field(x.call.message.body, 'value') === r.value,
        );
        if (!took)
          return fail(
            `at ${ms(r.to)} the gateway acknowledged ${r.client}’s write of ${r.key} = ${r.value}, but no replica ` +
              'had taken it: acknowledge a write only once a replica answered `put_ok`',
            { at: r.to, nodes: ['gateway'], messages: [r.x.request.id] },
          );
        expected.set(r.key, { values: new Set([r.value!]), at: r.to, by: took.reply.from });
      } else {
        // A failed write may still have happened (a replica took it late): either value may be read.
        const before = expected.get(r.key) ?? { values: new Set<Json>([null]) };
        expected.set(r.key, { ...before, values: new Set([...before.values, r.value!]) });
      }
      continue;
    }
    if (!r.ok) continue;
    const { told, source } = sourceOf(r);
    if (!source)
      return fail(
        `at ${ms(r.to)} the gateway told ${r.client} ${r.key} = ${show(told)}, which no replica had answered ` +
          'it while it served that read: pass on the value a replica returned',
        { at: r.to, nodes: ['gateway', r.client], messages: [r.x.request.id] },
      );
    const want = expected.get(r.key) ?? { values: new Set<Json>([null]) };
    if (want.values.has(told)) continue;
    const version = field(source.reply.body, 'version');
    return fail(
      `${r.client} read ${r.key} at ${ms(r.x.sentAt)} and got ${show(told)} from ${source.reply.from} ` +
        `(version ${show(version)}), but its last acknowledged write of ${r.key} was ` +
        `${[...want.values].map(show).join(' or ')}${want.by ? `, taken by ${want.by} at ${ms(want.at!)}` : ''}.` +
        `${faultsNear(run, r.x.sentAt)} A replica may be behind its twin: remember the version each write got, ` +
        'and accept a read only from a replica at least that new (ask the replica that took the write first).',
      {
        at: source.at,
        nodes: [source.reply.from, 'gateway', r.client],
        messages: [source.reply.id, r.x.request.id],
      },
    );
  }
  return true;
});

export const spared = invariant(`a quiet replica gets one call per ${ms(COOL_DOWN_MS)} cool-down`, (run) => {
  for (const o of quiet(run)) {
    const to = calls(run).filter((c) => c.request.to === o.node && c.sentAt >= o.from && c.sentAt < o.to);
    // Its circuit should be open once TRIP_AFTER calls in a row went unanswered.
    const trip = to.filter((c) => c.latency === undefined || c.latency > CALL_TIMEOUT_MS)[TRIP_AFTER - 1];
    if (!trip) continue;
    const openAt = trip.sentAt + CALL_TIMEOUT_MS;
    for (let i = 1; i < to.length; i++) {
      const [a, b] = [to[i - 1]!, to[i]!];
      if (b.sentAt < openAt || b.sentAt - a.sentAt >= MIN_GAP_MS) continue;
      const after = to.filter((c) => c.sentAt >= openAt).length;
      return fail(
        `${o.node} ${how(o.kind)} from ${ms(o.from)} to ${ms(o.to)}; ${TRIP_AFTER} calls to it had gone ` +
          `unanswered by ${ms(openAt)}, and the gateway still sent it ${plural(after, 'call')} after that, two of ` +
          `them ${ms(b.sentAt - a.sentAt)} apart (at ${ms(a.sentAt)} and ${ms(b.sentAt)}). Give each replica a ` +
          `circuit breaker: after ${TRIP_AFTER} failures in a row (${ms(CALL_TIMEOUT_MS)} timeouts), open it and ` +
          `send it nothing for ${ms(COOL_DOWN_MS)}, then one probe.`,
        { at: b.sentAt, nodes: [o.node, 'gateway'], messages: [a.request.id, b.request.id] },
      );
    }
  }
  return true;
});

export const backInService = goal(
  `a replica that answers again gets calls within ${ms(BACK_WITHIN_MS)}`,
  (run) => {
    const last = lastRequestAt(run);
    const all = quiet(run);
    for (const o of all) {
      if (o.to + BACK_WITHIN_MS > last) continue;
      if (all.some((p) => p.node === o.node && p.from > o.to && p.from < o.to + BACK_WITHIN_MS)) continue;
      const back = calls(run).find(
        (c) => c.request.to === o.node && c.sentAt >= o.to && c.sentAt < o.to + BACK_WITHIN_MS && c.answer,
      );
      if (!back)
        return fail(
          `${o.node} answered again from ${ms(o.to)}, but the gateway had no answer from it by ` +
            `${ms(o.to + BACK_WITHIN_MS)}: an open circuit must go half-open after its cool-down (a timer, not the ` +
            'next request) and let a probe through, which closes it again.',
          { at: o.to + BACK_WITHIN_MS, nodes: [o.node, 'gateway'] },
        );
    }
    return true;
  },
);

export const tracedCalls = invariant('every call carries its request’s trace', (run) => {
  const spans = new Map<string, { at: number; to: string; id: string }>();
  const byTrace = new Map(
    requests(run).flatMap((r) => (r.x.request.trace ? [[r.x.request.trace.traceId, r]] : [])),
  );
  for (const r of requests(run)) {
    const root = r.x.request.trace;
    if (!root) continue;
    for (const c of r.calls) {
      const t = c.message.trace;
      const what = `the gateway’s ${r.op} to ${c.message.to} at ${ms(c.t)} for ${r.client}’s ${r.op} of ${r.key} (trace ${root.traceId})`;
      const where = { at: c.t, nodes: ['gateway', c.message.to], messages: [r.x.request.id, c.message.id] };
      if (!t)
        return fail(
          `${what} carries no trace context: pass the request’s traceId on, with a fresh spanId and the ` +
            'request’s spanId as parentSpanId (msg.trace has them)',
          where,
        );
      if (t.traceId !== root.traceId) {
        const owner = byTrace.get(t.traceId);
        return fail(
          owner && owner !== r
            ? `${what} carries the trace of ${owner.client}’s ${owner.op} of ${owner.key} at ${ms(owner.x.sentAt)}, a ` +
                `request that was over at ${ms(owner.to)}: the gateway was still calling for it. Stop retrying ` +
                'once a request is answered or its client has given up (bound the retries).'
            : `${what} carries trace ${t.traceId}: every call made for a request is in that request’s trace`,
          where,
        );
      }
      if (t.parentSpanId !== root.spanId)
        return fail(
          `${what} has parent span ${show(t.parentSpanId)}, not the request’s span ${root.spanId}: a call’s parent is the span of the request it serves`,
          where,
        );
      const other = spans.get(t.spanId);
      if (other || t.spanId === root.spanId)
        return fail(
          `${what} reuses span ${t.spanId}${other ? ` of the call to ${other.to} at ${ms(other.at)}` : ' of the request'}: ` +
            'every call, retries included, is a span of its own (a fresh spanId)',
          { ...where, messages: [...where.messages, ...(other ? [other.id] : [])] },
        );
      spans.set(t.spanId, { at: c.t, to: c.message.to, id: c.message.id });
    }
  }
  return true;
});

export const failedTraced = invariant('every failed request has a trace to a replica', (run) => {
  const failed = requests(run).filter((r) => !r.ok && r.x.request.trace);
  // A fallback answered at once, with no call at all (every circuit of its shard open), has nothing
  // downstream to trace; any other failure must lead to the calls that failed it.
  const fallback = (r: Request) =>
    r.calls.length === 0 && r.x.replies.length > 0 && r.to - r.from <= FALLBACK_MS;
  const dark = failed.filter(
    (r) => !fallback(r) && !r.calls.some((c) => c.message.trace?.traceId === r.x.request.trace!.traceId),
  );
  if (dark.length === 0) return true;
  const r = dark[0]!;
  return fail(
    `${plural(dark.length, 'failed request')} left no call in ${dark.length === 1 ? 'its' : 'their'} trace, the first ` +
      `${r.client}’s ${r.op} of ${r.key} at ${ms(r.x.sentAt)} (trace ${r.x.request.trace!.traceId})` +
      `${r.calls.length > 0 ? `, though the gateway called ${listOf([...new Set(r.calls.map((c) => c.message.to))])} for it` : ', and the gateway called no replica for it'}. ` +
      'Whoever looks into a failure follows its trace to the replicas that failed it: every call carries it.',
    { at: r.x.sentAt, nodes: ['gateway', r.client], messages: [r.x.request.id] },
  );
});

export const p99 = budget(
  'p99 latency',
  (run) => {
    const all = requests(run).map((r) => r.x.latency ?? CLIENT_TIMEOUT_MS);
    return {
      value: percentile(all, 99),
      detail: `over ${all.length} requests (one that got no answer counts as ${ms(CLIENT_TIMEOUT_MS)})`,
    };
  },
  { unit: 'ms', atMost: 400, reference: 175, digits: 0 },
);

export const callsPerRequest = budget(
  'calls to replicas per request',
  (run) => {
    const n = calls(run).length;
    const r = requests(run).length;
    return { value: perOp(n, r), detail: `(${n} calls for ${r} requests)`, nodes: ['gateway'] };
  },
  { unit: 'calls per request', atMost: 1.4, reference: 1.03, digits: 2 },
);

export const maxCalls = budget(
  'calls for the busiest request',
  (run) => {
    const busiest = requests(run).reduce<Request | undefined>(
      (top, r) => (!top || r.calls.length > top.calls.length ? r : top),
      undefined,
    );
    if (!busiest) return 0;
    return {
      value: busiest.calls.length,
      detail: `(${busiest.client}’s ${busiest.op} of ${busiest.key} at ${ms(busiest.x.sentAt)}: calls to ${listOf([...new Set(busiest.calls.map((c) => c.message.to))])} until ${ms(busiest.to)})`,
      at: busiest.x.sentAt,
      nodes: ['gateway'],
    };
  },
  { unit: 'calls', atMost: 6, reference: 4, digits: 0 },
);

export const waits = budget(
  'calls left waiting by a quiet replica',
  (run: RunResult) => {
    const slow = calls(run).filter((c) => c.latency === undefined || c.latency > CALL_TIMEOUT_MS);
    return {
      value: slow.length,
      detail: `(calls not answered within ${ms(CALL_TIMEOUT_MS)}${slow[0] ? `, the first at ${ms(slow[0].sentAt)} to ${slow[0].request.to}` : ''})`,
      nodes: ['gateway'],
    };
  },
  { unit: 'calls', atMost: 32, reference: 18, digits: 0 },
);

export default [
  answered,
  readYourWrites,
  oneShard,
  spared,
  backInService,
  tracedCalls,
  failedTraced,
  p99,
  callsPerRequest,
  maxCalls,
  waits,
] satisfies Check[];
