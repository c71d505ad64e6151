import {
  budget,
  deliveries,
  drawnFaults,
  exchanges,
  fail,
  goal,
  invariant,
  latencyStats,
  ms,
  outages,
  pct,
  perOp,
  plural,
  sends,
} from '@playground/scenario';
import type { Check, Exchange, RunResult } from '@playground/scenario';

const SERVICES = ['service-1', 'service-2'];
/** The gateway's calls time out after this long: a call counts as in flight until its reply, its failure, or this. */
const CALL_TIMEOUT_MS = 1000;
/** Each service's bulkhead: half of the gateway's 10 places. */
const PER_SERVICE = 5;
/** A request the gateway cannot call out for at once must be turned away within this. */
const FAST_MS = 20;
/** How long the clients wait. */
const CLIENT_TIMEOUT_MS = 1500;
/** After a sick spell: calls still on the slow link time out by then; from here the service must be served. */
const RECOVER_AFTER_MS = 1200;
const RECOVER_FOR_MS = 1000;
const CLIENTS_STOP_AT = 15_500;

interface Spell {
  service: string;
  from: number;
  to: number;
  how: string;
}

/** When each service was sick: its links slowed (drawn by the nemesis), or it was paused. */
function spells(run: RunResult): Spell[] {
  const out: Spell[] = [];
  const faults = drawnFaults(run);
  for (const f of faults) {
    if (f.kind !== 'link' || !f.spec.latency || !SERVICES.includes(f.from)) continue;
    if (f.spec.latency.kind !== 'uniform' || f.spec.latency.min < 1000) continue;
    const end = faults.find((g) => g.kind === 'link' && g.from === f.from && g.at > f.at);
    out.push({ service: f.from, from: f.at, to: end?.at ?? run.virtualMs, how: 'its links were slow' });
  }
  for (const o of outages(run, undefined, ['pause']))
    if (SERVICES.includes(o.node))
      out.push({ service: o.node, from: o.from, to: o.to, how: 'it was paused' });
  return out.sort((a, b) => a.from - b.from);
}

const idOf = (body: unknown): number | undefined => {
  const id = (body as { id?: unknown } | undefined)?.id;
  return typeof id === 'number' ? id : undefined;
};
const serviceOf = (e: Exchange): string => String((e.request.body as { service?: unknown }).service);

interface Call {
  service: string;
  id: number | undefined;
  t: number;
  /** When it stopped counting: its reply reached the gateway, the gateway gave up on it, or it timed out. */
  end: number;
  messageId: string;
}

interface Index {
  requests: Exchange[];
  /** When each request first reached the gateway. */
  arrivals: Map<string, number>;
  /** The gateway's calls per request id, in send order. */
  callsById: Map<number, Call[]>;
  calls: Call[];
  /** Per request id: when the gateway answered it and how. */
  answers: Map<number, { t: number; type: string; body: string; messageId: string }>;
  /** Per request id: the bodies of the service's replies that reached the gateway, with when. */
  serviceReplies: Map<number, { t: number; body: string }[]>;
}

const cache = new WeakMap<object, Index>();

function indexOf(run: RunResult): Index {
  const hit = cache.get(run.trace);
  if (hit) return hit;
  const requests = exchanges(run, { type: 'request', to: 'gateway' });
  const requestIdOf = new Map(requests.map((e) => [e.request.id, idOf(e.request.body)]));
  const answers: Index['answers'] = new Map();
  for (const s of sends(run, { from: 'gateway', type: ['request_ok', 'request_failed'] })) {
    const id = requestIdOf.get(s.message.inReplyTo ?? '');
    if (id === undefined || answers.has(id)) continue;
    answers.set(id, {
      t: s.t,
      type: s.message.type,
      body: JSON.stringify(s.message.body),
      messageId: s.message.id,
    });
  }
  const replyAt = new Map<string, number>();
  const serviceReplies: Index['serviceReplies'] = new Map();
  for (const d of deliveries(run, { to: 'gateway', type: 'work_ok' })) {
    const inReplyTo = d.message.inReplyTo ?? '';
    if (!replyAt.has(inReplyTo)) replyAt.set(inReplyTo, d.t);
    const id = idOf(d.message.body);
    if (id === undefined) continue;
    serviceReplies.set(id, [
      ...(serviceReplies.get(id) ?? []),
      { t: d.t, body: JSON.stringify(d.message.body) },
    ]);
  }
  const calls: Call[] = [];
  const callsById = new Map<number, Call[]>();
  for (const s of sends(run, { from: 'gateway', type: 'work' })) {
    const id = idOf(s.message.body);
    const failed = id === undefined ? undefined : answers.get(id);
    const end = Math.min(
      replyAt.get(s.message.id) ?? Infinity,
      failed && failed.type === 'request_failed' && failed.t >= s.t ? failed.t : Infinity,
      s.t + CALL_TIMEOUT_MS,
    );
    const call = { service: s.message.to, id, t: s.t, end, messageId: s.message.id };
    calls.push(call);
    if (id !== undefined) callsById.set(id, [...(callsById.get(id) ?? []), call]);
  }
  const arrivals = new Map<string, number>();
  for (const d of deliveries(run, { to: 'gateway', type: 'request' }))
    if (!arrivals.has(d.message.id)) arrivals.set(d.message.id, d.t);
  const index = { requests, arrivals, callsById, calls, answers, serviceReplies };
  cache.set(run.trace, index);
  return index;
}

/** The calls to `service` in flight at `t`; `strict` counts a call that ends exactly at `t` as still in flight. */
function inFlightAt(index: Index, service: string, t: number, strict: boolean): Call[] {
  return index.calls.filter((c) => c.service === service && c.t <= t && (strict ? c.end >= t : c.end > t));
}

/** Whether the request got the service's own answer, passed on, in time. */
function succeeded(e: Exchange): boolean {
  return e.answer !== undefined && e.latency! <= CLIENT_TIMEOUT_MS && e.answer.message.type === 'request_ok';
}

function during(e: Exchange, from: number, to: number) {
  return e.sentAt >= from && e.sentAt < to;
}

export default [
  invariant('every ok answer is its service’s reply to that request', (run) => {
    const index = indexOf(run);
    for (const e of index.requests) {
      const id = idOf(e.request.body);
      const answer = id === undefined ? undefined : index.answers.get(id);
      if (!answer || answer.type !== 'request_ok') continue;
      const replies = index.serviceReplies.get(id!) ?? [];
      if (replies.some((r) => r.t <= answer.t && r.body === answer.body)) continue;
      return fail(
        `the gateway answered request ${id} (for ${serviceOf(e)}) at ${ms(answer.t)} with ${answer.body}, ` +
          `which ${serviceOf(e)} had not answered it. Pass on the service's answer; when you have none, ` +
          'answer request_failed.',
        { at: answer.t, nodes: ['gateway', e.request.from], messages: [answer.messageId] },
      );
    }
    return true;
  }),

  goal('while one service is sick, the other’s requests keep succeeding', (run) => {
    const index = indexOf(run);
    for (const s of spells(run)) {
      const others = index.requests.filter((e) => serviceOf(e) !== s.service && during(e, s.from, s.to));
      const bad = others.filter((e) => !succeeded(e));
      if (bad.length <= others.length * 0.02) continue;
      const first = bad[0]!;
      return fail(
        `${s.service} was sick from ${ms(s.from)} to ${ms(s.to)} (${s.how}), and ${bad.length} of ` +
          `${others.length} requests for ${serviceOf(first)} failed meanwhile (${pct(bad.length / others.length)}; ` +
          `at most 2%), the first sent at ${ms(first.sentAt)}: ${serviceOf(first)} was fine, but its requests ` +
          `waited for, or were turned away for lack of, places held by calls to ${s.service}. Give each ` +
          `service a bulkhead of its own ` +
          `(${PER_SERVICE} calls), so a slow one can fill only its own.`,
        { at: first.sentAt, nodes: ['gateway', s.service], messages: [first.request.id] },
      );
    }
    return true;
  }),

  invariant(`a request that cannot be called out at once is turned away within ${FAST_MS} ms`, (run) => {
    const index = indexOf(run);
    for (const e of index.requests) {
      const id = idOf(e.request.body);
      if (id === undefined) continue;
      const firstCall = index.callsById.get(id)?.[0];
      const answer = index.answers.get(id);
      const calledAt = firstCall?.t ?? Infinity;
      const answeredAt = answer?.t ?? Infinity;
      const seen = index.arrivals.get(e.request.id);
      if (seen === undefined) continue;
      if (Math.min(calledAt, answeredAt) - seen <= FAST_MS) continue;
      const what =
        calledAt < Infinity
          ? `its call to ${serviceOf(e)} went out only at ${ms(calledAt)}`
          : answeredAt < Infinity
            ? `it was answered only at ${ms(answeredAt)}, and never called out`
            : 'it was never called out nor answered';
      return fail(
        `request ${id} for ${serviceOf(e)} reached the gateway at ${ms(seen)} and waited in line: ${what}. ` +
          `A bulkhead has no waiting line: when ${serviceOf(e)}'s places are all taken, answer ` +
          'request_failed at once, so the client can fall back instead of waiting for a timeout.',
        { at: seen, nodes: ['gateway', e.request.from], messages: [e.request.id] },
      );
    }
    return true;
  }),

  invariant(`at most ${PER_SERVICE} calls in flight to a service at once`, (run) => {
    const index = indexOf(run);
    for (const c of index.calls) {
      const now = inFlightAt(index, c.service, c.t, false);
      if (now.length <= PER_SERVICE) continue;
      return fail(
        `at ${ms(c.t)} the gateway had ${now.length} calls in flight to ${c.service} (sent and neither ` +
          `answered, given up on, nor ${CALL_TIMEOUT_MS} ms old); at most ${PER_SERVICE}. Count each ` +
          `service's calls in flight, and turn a request away when its service has ${PER_SERVICE}.`,
        { at: c.t, nodes: ['gateway', c.service], messages: now.slice(0, 8).map((x) => x.messageId) },
      );
    }
    return true;
  }),

  invariant('a request is turned away only when its service’s bulkhead is full', (run) => {
    const index = indexOf(run);
    for (const e of index.requests) {
      const id = idOf(e.request.body);
      const answer = id === undefined ? undefined : index.answers.get(id);
      if (!answer || answer.type !== 'request_failed') continue;
      if ((index.callsById.get(id!) ?? []).some((c) => c.t <= answer.t)) continue;
      const service = serviceOf(e);
      const now = inFlightAt(index, service, answer.t, true);
      if (now.length >= PER_SERVICE) continue;
      return fail(
        `the gateway turned request ${id} for ${service} away at ${ms(answer.t)} without calling it, with ` +
          `only ${plural(now.length, 'call')} in flight to ${service}: a bulkhead turns requests away only ` +
          `when all ${PER_SERVICE} of its places are taken. Free a place when its call is answered or times out.`,
        { at: answer.t, nodes: ['gateway', service], messages: [answer.messageId] },
      );
    }
    return true;
  }),

  goal('a sick service is served again once it recovers', (run) => {
    const index = indexOf(run);
    for (const s of spells(run)) {
      const from = s.to + RECOVER_AFTER_MS;
      const to = from + RECOVER_FOR_MS;
      if (to > CLIENTS_STOP_AT) continue;
      if (spells(run).some((o) => o !== s && o.from < to && o.to > s.to)) continue;
      const mine = index.requests.filter((e) => serviceOf(e) === s.service && during(e, from, to));
      const bad = mine.filter((e) => !succeeded(e));
      if (bad.length <= mine.length * 0.05) continue;
      return fail(
        `${s.service} was well again from ${ms(s.to)}, yet from ${ms(from)} to ${ms(to)} ${bad.length} of ` +
          `${mine.length} of its requests failed. Does your bulkhead free a place when a call times out? ` +
          'A place kept after a timeout is lost for good.',
        { at: bad[0]!.sentAt, nodes: ['gateway', s.service], messages: [bad[0]!.request.id] },
      );
    }
    return true;
  }),

  goal(`every request is answered before its client gives up (${CLIENT_TIMEOUT_MS} ms)`, (run) => {
    const index = indexOf(run);
    const all = index.requests.filter((e) => e.sentAt < CLIENTS_STOP_AT);
    const late = all.filter((e) => e.latency === undefined || e.latency > CLIENT_TIMEOUT_MS);
    if (late.length === 0) return true;
    const first = late[0]!;
    const calls = index.callsById.get(idOf(first.request.body) ?? -1) ?? [];
    return fail(
      `${late.length} of ${all.length} requests got no answer within ${CLIENT_TIMEOUT_MS} ms, the first ` +
        `${first.request.from}'s request ${idOf(first.request.body)} for ${serviceOf(first)} at ` +
        `${ms(first.sentAt)} (${plural(calls.length, 'call')} to ${serviceOf(first)} for it). Answer every ` +
        `request, with request_failed if need be, within one call timeout: no waiting line, no second try.`,
      { at: first.sentAt, nodes: ['gateway', serviceOf(first)], messages: [first.request.id] },
    );
  }),

  budget(
    'p95 latency of the healthy service’s requests while the other is sick',
    (run) => {
      const index = indexOf(run);
      const waits = spells(run).flatMap((s) =>
        index.requests
          .filter((e) => serviceOf(e) !== s.service && during(e, s.from, s.to))
          .map((e) => (e.latency === undefined ? CLIENT_TIMEOUT_MS : e.latency)),
      );
      const stats = latencyStats(waits);
      return {
        value: stats.p95,
        detail: `(p50 ${ms(stats.p50)}, max ${ms(stats.max)}, ${stats.count} requests)`,
      };
    },
    { unit: 'ms p95', atMost: 70, reference: 36, digits: 0 },
  ),

  budget(
    'p95 wait of the sick service’s requests turned away',
    (run) => {
      const index = indexOf(run);
      const waits = spells(run).flatMap((s) =>
        index.requests
          .filter((e) => serviceOf(e) === s.service && during(e, s.from, s.to))
          .filter((e) => !(index.callsById.get(idOf(e.request.body) ?? -1) ?? []).length)
          .map((e) => (e.latency === undefined ? CLIENT_TIMEOUT_MS : e.latency)),
      );
      const stats = latencyStats(waits);
      return { value: stats.p95, detail: `(${stats.count} turned away, max ${ms(stats.max)})` };
    },
    { unit: 'ms p95', atMost: 40, reference: 14, digits: 0 },
  ),

  budget(
    'calls per request',
    (run) => {
      const index = indexOf(run);
      return {
        value: perOp(index.calls.length, index.requests.length),
        detail: `(${index.calls.length} calls for ${index.requests.length} requests)`,
      };
    },
    { unit: 'calls per request', atMost: 1.02, reference: 0.85, digits: 2 },
  ),
] satisfies Check[];
