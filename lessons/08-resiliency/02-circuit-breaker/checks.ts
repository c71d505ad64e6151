import {
  budget,
  deliveries,
  exchanges,
  fail,
  goal,
  invariant,
  latencyStats,
  ms,
  outages,
  pct,
  plural,
  sends,
  unmet,
} from '@playground/scenario';
import type { Check, CheckFailure, Exchange, RunResult } from '@playground/scenario';

/** Failures in a row at 300 ms each, at 50 requests a second: the breaker is open by this long into a hang. */
const OPEN_WITHIN_MS = 1000;
/** The cool-down: while the service hangs, calls to it this far apart at least (a little slack for latency). */
const COOL_DOWN_MS = 1000;
const COOL_DOWN_SLACK_MS = 20;
/** A fallback without a call must come this soon after the request reached the gateway. */
const FAST_MS = 20;
/** After the service is well: a cool-down, a probe's timeout, and some. Requests must succeed from then. */
const RESUME_WITHIN_MS = 1500;
const RESUME_FOR_MS = 1000;
const CLIENT_TIMEOUT_MS = 1500;
const CLIENTS_STOP_AT = 14_500;

const idOf = (body: unknown): number | undefined => {
  const id = (body as { id?: unknown } | undefined)?.id;
  return typeof id === 'number' ? id : undefined;
};

/** The hang: when the service was paused. */
function hang(run: RunResult): { from: number; to: number } | undefined {
  const [o] = outages(run, 'service', ['pause']);
  return o && { from: o.from, to: o.to };
}

/**
 * Why a run has no hang (a failure that says nothing of the gateway: `unmet`). The drawn faults only pause
 * the service: if it was down instead, a crash added by hand in Run killed it before its hang came.
 */
function noHang(run: RunResult): CheckFailure {
  const [down] = outages(run, 'service', ['crash', 'stop']);
  return unmet(
    down
      ? `the service never hung: it was down from ${ms(down.from)}, before its drawn hang came (a crash you ` +
          'added by hand?). This check needs the service to hang, not to die'
      : 'the service never hung (the scenario is broken)',
  );
}

interface Index {
  requests: Exchange[];
  arrivals: Map<string, number>;
  /** The gateway's calls to the service, in send order, with the request id each names. */
  calls: { t: number; id: number | undefined; messageId: string }[];
  calledIds: Set<number>;
  /** Per request id: the gateway's first answer. */
  answers: Map<number, { t: number; type: string; body: string; messageId: string }>;
  /** Per request id: the service's replies that reached the gateway. */
  serviceReplies: Map<number, { t: number; body: string }[]>;
}

const cache = new WeakMap<object, Index>();

function indexOf(run: RunResult): Index {
  const hit = cache.get(run.trace);
  if (hit) return hit;
  const requests = exchanges(run, { type: 'request', to: 'gateway' });
  const idOfRequest = new Map(requests.map((e) => [e.request.id, idOf(e.request.body)]));
  const arrivals = new Map<string, number>();
  for (const d of deliveries(run, { to: 'gateway', type: 'request' }))
    if (!arrivals.has(d.message.id)) arrivals.set(d.message.id, d.t);
  const calls = sends(run, { from: 'gateway', to: 'service', type: 'work' }).map((s) => ({
    t: s.t,
    id: idOf(s.message.body),
    messageId: s.message.id,
  }));
  const calledIds = new Set(calls.flatMap((c) => (c.id === undefined ? [] : [c.id])));
  const answers: Index['answers'] = new Map();
  for (const s of sends(run, { from: 'gateway', type: ['request_ok', 'request_fallback'] })) {
    const id = idOfRequest.get(s.message.inReplyTo ?? '');
    if (id === undefined || answers.has(id)) continue;
    answers.set(id, {
      t: s.t,
      type: s.message.type,
      body: JSON.stringify(s.message.body),
      messageId: s.message.id,
    });
  }
  const serviceReplies: Index['serviceReplies'] = new Map();
  for (const d of deliveries(run, { from: 'service', to: 'gateway', type: 'work_ok' })) {
    const id = idOf(d.message.body);
    if (id !== undefined)
      serviceReplies.set(id, [
        ...(serviceReplies.get(id) ?? []),
        { t: d.t, body: JSON.stringify(d.message.body) },
      ]);
  }
  const index = { requests, arrivals, calls, calledIds, answers, serviceReplies };
  cache.set(run.trace, index);
  return index;
}

/** Requests the gateway answered with a fallback without calling the service: the circuit was open. */
function shortCircuited(index: Index, from: number, to: number): Exchange[] {
  return index.requests.filter((e) => {
    const id = idOf(e.request.body);
    if (id === undefined || e.sentAt < from || e.sentAt >= to) return false;
    return index.answers.get(id)?.type === 'request_fallback' && !index.calledIds.has(id);
  });
}

const ok = (e: Exchange) =>
  e.answer?.message.type === 'request_ok' && e.latency !== undefined && e.latency <= CLIENT_TIMEOUT_MS;

export default [
  invariant('every ok answer is the service’s reply to that request', (run) => {
    const index = indexOf(run);
    for (const [id, answer] of index.answers) {
      if (answer.type !== 'request_ok') continue;
      if ((index.serviceReplies.get(id) ?? []).some((r) => r.t <= answer.t && r.body === answer.body))
        continue;
      return fail(
        `the gateway answered request ${id} at ${ms(answer.t)} with request_ok ${answer.body}, which the ` +
          'service had not answered it: pass on the service’s answer, and answer request_fallback otherwise.',
        { at: answer.t, nodes: ['gateway'], messages: [answer.messageId] },
      );
    }
    return true;
  }),

  invariant(
    `while the service hangs, at most one call per ${COOL_DOWN_MS} ms cool-down reaches it`,
    (run) => {
      const h = hang(run);
      if (!h) return noHang(run);
      const from = h.from + OPEN_WITHIN_MS;
      const calls = indexOf(run).calls.filter((c) => c.t >= from && c.t < h.to);
      for (let i = 1; i < calls.length; i++) {
        const gap = calls[i]!.t - calls[i - 1]!.t;
        if (gap >= COOL_DOWN_MS - COOL_DOWN_SLACK_MS) continue;
        const burst = calls.filter((c) => c.t >= calls[i - 1]!.t && c.t < calls[i - 1]!.t + COOL_DOWN_MS);
        return fail(
          `the service hung from ${ms(h.from)} to ${ms(h.to)}, yet from ${ms(calls[i - 1]!.t)} the gateway sent it ` +
            `${plural(burst.length, 'call')} within ${ms(COOL_DOWN_MS)} (${plural(calls.length, 'call')} from ` +
            `${ms(from)} until it woke). After 5 failures in a row open the circuit: no calls, a fallback at ` +
            `once; after a ${ms(COOL_DOWN_MS)} cool-down let exactly one probe through (half-open).`,
          {
            at: calls[i]!.t,
            nodes: ['gateway', 'service'],
            messages: burst.slice(0, 8).map((c) => c.messageId),
          },
        );
      }
      return true;
    },
  ),

  invariant(`a request the gateway does not call out for gets its fallback within ${FAST_MS} ms`, (run) => {
    const index = indexOf(run);
    for (const e of index.requests) {
      const id = idOf(e.request.body);
      const arrived = index.arrivals.get(e.request.id);
      if (id === undefined || arrived === undefined || index.calledIds.has(id)) continue;
      const answer = index.answers.get(id);
      if (answer && answer.t - arrived <= FAST_MS) continue;
      return fail(
        `request ${id} reached the gateway at ${ms(arrived)}, was never called out to the service, and ` +
          (answer ? `got its fallback only at ${ms(answer.t)}` : 'got no answer at all') +
          '. While the circuit is open, answer the fallback at once: that is what the breaker is for.',
        { at: arrived, nodes: ['gateway', e.request.from], messages: [e.request.id] },
      );
    }
    return true;
  }),

  goal('traffic resumes soon after the service is well again', (run) => {
    const h = hang(run);
    if (!h) return noHang(run);
    const from = h.to + RESUME_WITHIN_MS;
    const to = Math.min(from + RESUME_FOR_MS, CLIENTS_STOP_AT);
    const mine = indexOf(run).requests.filter((e) => e.sentAt >= from && e.sentAt < to);
    const bad = mine.filter((e) => !ok(e));
    if (mine.length > 0 && bad.length <= mine.length * 0.05) return true;
    const calls = indexOf(run).calls.filter((c) => c.t >= h.to && c.t < to).length;
    return fail(
      `the service was well again from ${ms(h.to)}, yet from ${ms(from)} to ${ms(to)} ${bad.length} of ` +
        `${mine.length} requests got no answer from it (${pct(bad.length / Math.max(1, mine.length))}; at most ` +
        `5%), and the gateway called it ${plural(calls, 'time')} from ${ms(h.to)}. An open circuit must ` +
        `go half-open after its cool-down, even while requests keep coming, and a probe that is answered ` +
        'closes it.',
      { at: from, nodes: ['gateway', 'service'], messages: bad.slice(0, 3).map((e) => e.request.id) },
    );
  }),

  invariant('the circuit stays closed while the service is healthy', (run) => {
    const h = hang(run);
    if (!h) return noHang(run);
    const index = indexOf(run);
    const open = [
      ...shortCircuited(index, 0, h.from),
      ...shortCircuited(index, h.to + RESUME_WITHIN_MS, Infinity),
    ];
    if (open.length === 0) return true;
    const first = open[0]!;
    const before = index.calls.filter((c) => c.t < first.sentAt && c.t >= first.sentAt - 1000);
    const answered = before.filter((c) => c.id !== undefined && index.serviceReplies.has(c.id)).length;
    return fail(
      `the gateway answered ${plural(open.length, 'request')} with a fallback without calling the service, ` +
        `the first at ${ms(first.sentAt)}, while the service was healthy: it had answered ${answered} of the ` +
        `${before.length} calls in the second before (a lost message or a slow answer now and then is not a ` +
        'hang). Open the circuit on 5 failures in a row, and reset the count on every success.',
      { at: first.sentAt, nodes: ['gateway'], messages: open.slice(0, 5).map((e) => e.request.id) },
    );
  }),

  budget(
    'p95 latency while the service hangs, once the circuit is open',
    (run) => {
      const h = hang(run);
      const waits = indexOf(run)
        .requests.filter((e) => h && e.sentAt >= h.from + OPEN_WITHIN_MS && e.sentAt < h.to)
        .map((e) => e.latency ?? CLIENT_TIMEOUT_MS);
      const stats = latencyStats(waits);
      return {
        value: stats.p95,
        detail: `(p50 ${ms(stats.p50)}, max ${ms(stats.max)}, ${stats.count} requests)`,
      };
    },
    { unit: 'ms p95', atMost: 50, reference: 14, digits: 0 },
  ),

  budget(
    'calls to the service per second of its hang',
    (run) => {
      const h = hang(run);
      if (!h) return Number.NaN;
      const n = indexOf(run).calls.filter((c) => c.t >= h.from && c.t < h.to).length;
      return {
        value: n / ((h.to - h.from) / 1000),
        detail: `(${plural(n, 'call')} while it hung from ${ms(h.from)} to ${ms(h.to)})`,
        at: h.from,
        nodes: ['gateway', 'service'],
      };
    },
    { unit: 'calls per second', atMost: 10, reference: 5, digits: 1 },
  ),
] satisfies Check[];
