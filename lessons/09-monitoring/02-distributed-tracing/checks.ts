import {
  budget,
  deliveries,
  exchanges,
  fail,
  goal,
  invariant,
  ms,
  perOp,
  pct,
  plural,
  receivedBefore,
  sends,
} from '@playground/scenario';
import type { Check, Json, RunResult, Send } from '@playground/scenario';

/** An order that took longer than this at the gateway (delivery to its answer) is slow. */
const SLOW_MS = 200;

const field = (body: Json | undefined, name: string): Json | undefined =>
  typeof body === 'object' && body !== null && !Array.isArray(body) ? body[name] : undefined;

/** Every request (not a reply) that carries a trace context, grouped by traceId. */
function spansByTrace(run: RunResult): Map<string, Send[]> {
  const traces = new Map<string, Send[]>();
  for (const s of sends(run)) {
    if (s.message.inReplyTo || !s.message.trace) continue;
    const list = traces.get(s.message.trace.traceId) ?? [];
    list.push(s);
    traces.set(s.message.trace.traceId, list);
  }
  return traces;
}

/** Each client order: its root span, when the gateway got it, and when (and how) it answered. */
function orders(run: RunResult) {
  const answers = new Map(
    sends(run, { from: 'gateway', to: 'client' }).map((s) => [s.message.inReplyTo ?? '', s]),
  );
  return deliveries(run, { type: 'order', from: 'client', to: 'gateway' }).map((d) => {
    const answer = answers.get(d.message.id);
    return {
      request: d.message,
      order: field(d.message.body, 'order'),
      traceId: d.message.trace?.traceId ?? '',
      arrived: d.t,
      answer,
      took: answer ? answer.t - d.t : Number.POSITIVE_INFINITY,
      failed: !answer || field(answer.message.body, 'error') !== undefined,
    };
  });
}

export default [
  invariant('every call made for an order carries that order’s trace', (run) => {
    const traceOf = new Map(orders(run).map((o) => [o.order, o.traceId]));
    for (const s of sends(run, { type: ['quote', 'read'] })) {
      const order = field(s.message.body, 'order');
      const want = traceOf.get(order);
      if (want === undefined || s.message.trace?.traceId === want) continue;
      const where = { at: s.t, nodes: [s.node, s.message.to], messages: [s.message.id] };
      if (s.node === 'service-1' || s.node === 'service-2') {
        const got = receivedBefore(run, s.node, s.t, { type: 'quote', from: 'gateway' }).find(
          (d) => field(d.message.body, 'order') === order,
        );
        return fail(
          `${s.node} read the store for order ${String(order)} at ${ms(s.t)} in a trace of its own, because ` +
            `the gateway's call${got ? ` (at ${ms(got.message.sentAt)})` : ''} came without a trace context: ` +
            'pass { traceId, spanId, parentSpanId } in the trace option of every node.rpc the gateway makes.',
          where,
        );
      }
      return fail(
        `the gateway called ${s.message.to} for order ${String(order)} at ${ms(s.t)} ` +
          (s.message.trace
            ? `in trace ${s.message.trace.traceId}, but that order's trace is ${want}: the gateway serves many ` +
              'orders at once, so a context kept in one shared variable belongs to whichever order came last. ' +
              'Pass each order’s context along with it.'
            : 'without a trace context: pass the order’s traceId on, with a new spanId and the order’s span as parent.'),
        where,
      );
    }
    return true;
  }),

  invariant('each trace is one tree: one root, every parent a span its caller was serving', (run) => {
    const roots = new Set(sends(run, { type: 'order', from: 'client' }).map((s) => s.message.id));
    for (const [traceId, spans] of spansByTrace(run)) {
      const rootless = spans.filter((s) => !s.message.trace!.parentSpanId);
      const bad = rootless.find((s) => !roots.has(s.message.id));
      if (bad)
        return fail(
          `trace ${traceId} has a root span that is not the client's order: ${bad.node}'s ${bad.message.type} to ` +
            `${bad.message.to} at ${ms(bad.t)} has no parentSpanId. A call made while serving a request is a ` +
            'child of that request’s span.',
          { at: bad.t, nodes: [bad.node], messages: [bad.message.id] },
        );
      const ids = new Map<string, Send>();
      for (const s of spans) {
        const other = ids.get(s.message.trace!.spanId);
        if (other)
          return fail(
            `in trace ${traceId}, ${s.node}'s ${s.message.type} to ${s.message.to} at ${ms(s.t)} has the same ` +
              `spanId (${s.message.trace!.spanId}) as the one at ${ms(other.t)}: every call, a retry too, is a ` +
              'span of its own with a fresh spanId (and the same parent).',
            { at: s.t, nodes: [s.node], messages: [other.message.id, s.message.id] },
          );
        ids.set(s.message.trace!.spanId, s);
      }
      for (const s of spans) {
        const parentId = s.message.trace!.parentSpanId;
        if (!parentId) continue;
        const parent = ids.get(parentId);
        const served =
          parent && receivedBefore(run, s.node, s.t).some((d) => d.message.id === parent.message.id);
        if (!served)
          return fail(
            `in trace ${traceId}, ${s.node}'s ${s.message.type} to ${s.message.to} at ${ms(s.t)} names parent ` +
              `span ${parentId}, ` +
              (parent
                ? `which is ${parent.node}'s call to ${parent.message.to}, not a request ${s.node} had received`
                : 'which is no span of this trace') +
              ': the parent is the span of the request being served (its trace.spanId).',
            { at: s.t, nodes: [s.node], messages: [s.message.id] },
          );
      }
    }
    return true;
  }),

  goal('orders are answered with the services’ answers', (run) => {
    const all = orders(run);
    for (const o of all) {
      if (!o.answer || o.failed) continue;
      const got = receivedBefore(run, 'gateway', o.answer.t, { type: 'quote_ok' });
      for (const [service, name] of [
        ['service-1', 'stock'],
        ['service-2', 'price'],
      ] as const) {
        const value = field(o.answer.message.body, name);
        const ok = got.some(
          (d) =>
            d.message.from === service &&
            field(d.message.body, 'order') === o.order &&
            field(d.message.body, 'value') === value,
        );
        if (!ok)
          return fail(
            `the gateway answered order ${String(o.order)} at ${ms(o.answer.t)} with ${name} ${JSON.stringify(value)}, ` +
              `which ${service} had not told it for that order: answer with what the services said.`,
            { at: o.answer.t, nodes: ['gateway'], messages: [o.answer.message.id] },
          );
      }
    }
    const failed = all.filter((o) => o.failed);
    if (all.length > 0 && failed.length <= all.length * 0.03) return true;
    const first = failed[0];
    return fail(
      `${failed.length} of ${all.length} orders failed or got no answer (at most 3% may), the first order ` +
        `${String(first?.order)} at ${ms(first?.arrived ?? 0)}: a service that is slow, paused or lossy for a ` +
        'moment needs a short timeout and a retry, not one long wait.',
      first ? { at: first.arrived, nodes: ['gateway'], messages: [first.request.id] } : {},
    );
  }),

  invariant(`tail sampling keeps every slow (over ${SLOW_MS} ms) and every failed trace`, (run) => {
    const kept = new Map<string, number>();
    for (const s of sends(run, { type: 'keep', from: 'gateway', to: 'tracer' })) {
      const id = String(field(s.message.body, 'traceId'));
      if (!kept.has(id)) kept.set(id, s.t);
    }
    const all = orders(run);
    for (const o of all) {
      const at = kept.get(o.traceId);
      if (at !== undefined && o.answer && at < o.answer.t)
        return fail(
          `the gateway decided to keep trace ${o.traceId} (order ${String(o.order)}) at ${ms(at)}, before the ` +
            `order was over (${ms(o.answer.t)}): that is head sampling. Decide at the end, when you know ` +
            'whether the trace was slow or failed.',
          { at, nodes: ['gateway'] },
        );
    }
    const missed = all.filter((o) => (o.failed || o.took > SLOW_MS) && !kept.has(o.traceId));
    if (missed.length === 0) return true;
    const m = missed[0]!;
    return fail(
      `${plural(missed.length, 'slow or failed trace')} of ${all.filter((o) => o.failed || o.took > SLOW_MS).length} ` +
        `${missed.length === 1 ? 'was' : 'were'} not kept, the first order ${String(m.order)} (trace ${m.traceId}), ` +
        `which ${m.failed ? 'failed' : `took ${ms(m.took)}`} at the gateway from ${ms(m.arrived)}: measure each ` +
        `order on node.monotonic() and keep every trace that took over ${SLOW_MS} ms or failed.`,
      { at: m.arrived, nodes: ['gateway'], messages: [m.request.id] },
    );
  }),

  budget(
    'share of fast traces kept',
    (run) => {
      const kept = new Set(
        sends(run, { type: 'keep', from: 'gateway' }).map((s) => String(field(s.message.body, 'traceId'))),
      );
      const fast = orders(run).filter((o) => !o.failed && o.took <= SLOW_MS);
      const n = fast.filter((o) => kept.has(o.traceId)).length;
      return {
        value: perOp(n, fast.length),
        detail: `(${n} of ${fast.length} fast traces, ${pct(perOp(n, fast.length))})`,
      };
    },
    { unit: 'of fast traces', atMost: 0.2, reference: 0.1, digits: 2 },
  ),

  budget(
    'calls to the services per order',
    (run) => {
      const n = sends(run, { type: 'quote', from: 'gateway' }).length;
      const o = exchanges(run, { type: 'order', from: 'client' }).length;
      return { value: perOp(n, o), detail: `(${n} calls for ${o} orders; 2 is one call to each service)` };
    },
    { unit: 'calls per order', atMost: 3.4, reference: 2.6, digits: 2 },
  ),
] satisfies Check[];
