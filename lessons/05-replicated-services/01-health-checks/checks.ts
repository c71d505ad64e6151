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
  perOp,
  plural,
  sends,
} from '@playground/scenario';
import type { Check, Outage, RunResult } from '@playground/scenario';

/** How long a server that went quiet may still be sent requests. */
const EJECT_WITHIN_MS = 500;
/** How soon a server that answers again must be sent requests again. */
const READMIT_WITHIN_MS = 1000;
const SERVERS = ['server-1', 'server-2', 'server-3'];

/**
 * When each server could not serve the balancer: crashed, paused, or cut off from it. Overlapping outages of
 * one server are merged (a pause that ends inside a partition is still silence); the first one names it.
 */
function quiet(run: RunResult): Outage[] {
  return SERVERS.flatMap((s) => {
    const merged: Outage[] = [];
    for (const o of outages(run, s).filter((o) => o.kind !== 'partition' || o.peer === 'balancer')) {
      const last = merged[merged.length - 1];
      if (last && o.from <= last.to) last.to = Math.max(last.to, o.to);
      else merged.push({ ...o });
    }
    return merged;
  });
}

const work = (run: RunResult) => sends(run, { type: 'work', from: 'balancer' });
const requests = (run: RunResult) => exchanges(run, { type: 'request', to: 'balancer' });

export default [
  invariant(`a server that goes quiet gets no requests ${EJECT_WITHIN_MS} ms later`, (run) => {
    for (const o of quiet(run)) {
      const late = work(run).filter(
        (w) => w.message.to === o.node && w.t >= o.from + EJECT_WITHIN_MS && w.t < o.to,
      );
      if (late.length === 0) continue;
      const how =
        o.kind === 'crash' ? 'crashed' : o.kind === 'pause' ? 'was paused' : 'was cut off from the balancer';
      return fail(
        `${o.node} ${how} at ${ms(o.from)} (until ${ms(o.to)}), yet the balancer still sent it ` +
          `${plural(late.length, 'request')} from ${ms(late[0]!.t)} on. Health-check the servers and ` +
          `stop sending to one that fails its checks: it must be out within ${EJECT_WITHIN_MS} ms.`,
        { at: late[0]!.t, nodes: [o.node, 'balancer'], messages: late.slice(0, 5).map((w) => w.message.id) },
      );
    }
    return true;
  }),

  goal(`a server that answers again is back in service within ${READMIT_WITHIN_MS} ms`, (run) => {
    const lastRequest = Math.max(0, ...requests(run).map((e) => e.sentAt));
    for (const o of quiet(run)) {
      if (o.to + READMIT_WITHIN_MS > lastRequest) continue;
      // Quiet again before the bound (another fault on the same server): nothing to demand.
      if (quiet(run).some((p) => p.node === o.node && p.from > o.to && p.from < o.to + READMIT_WITHIN_MS))
        continue;
      const back = work(run).find(
        (w) => w.message.to === o.node && w.t >= o.to && w.t < o.to + READMIT_WITHIN_MS,
      );
      if (!back)
        return fail(
          `${o.node} answered again from ${ms(o.to)}, but the balancer sent it nothing until ` +
            `${ms(o.to + READMIT_WITHIN_MS)}: keep checking the servers you took out, and let one back ` +
            'in once it passes its checks again.',
          { at: o.to + READMIT_WITHIN_MS, nodes: [o.node, 'balancer'] },
        );
    }
    return true;
  }),

  invariant('every answer is a server’s answer to that request', (run) => {
    const answered = new Map<number, { t: number; body: string }[]>();
    for (const d of deliveries(run, { type: 'work_ok', to: 'balancer' })) {
      const id = (d.message.body as { id?: number }).id ?? -1;
      const list = answered.get(id) ?? [];
      list.push({ t: d.t, body: JSON.stringify(d.message.body) });
      answered.set(id, list);
    }
    const sentAt = new Map(
      sends(run, { from: 'balancer', type: 'request_ok' }).map((s) => [s.message.id, s.t]),
    );
    for (const e of requests(run)) {
      const id = (e.request.body as { id: number }).id;
      for (const reply of e.replies) {
        const at = sentAt.get(reply.id) ?? Infinity;
        const body = JSON.stringify(reply.body);
        if ((answered.get(id) ?? []).some((a) => a.t <= at && a.body === body)) continue;
        return fail(
          `the balancer answered request ${id} at ${ms(at)} with ${body}, which no server had ` +
            'answered it: pass on the answer of the server that did the work, never one of your own.',
          { at, nodes: ['balancer'], messages: [reply.id] },
        );
      }
    }
    return true;
  }),

  goal('requests get answered, while servers come and go', (run) => {
    // A request, or its answer, the network lost between client and balancer is no balancer's fault: the
    // client's own timeout is what covers it. Every other unanswered request was the balancer's to answer.
    const lostOnTheWay = new Set(
      run.trace.flatMap((e) => (e.kind === 'drop' && e.reason === 'loss' ? [e.messageId] : [])),
    );
    const all = requests(run);
    const lost = all.filter(
      (e) => !e.answer && !lostOnTheWay.has(e.request.id) && !e.replies.some((r) => lostOnTheWay.has(r.id)),
    );
    if (all.length > 0 && lost.length <= all.length * 0.015) return true;
    const first = lost[0];
    return fail(
      `the balancer left ${lost.length} of ${all.length} requests unanswered (at most 1.5%; requests the ` +
        `network lost between client and balancer are not counted)` +
        (first ? `, the first sent at ${ms(first.sentAt)}` : '') +
        '. A request sent to a dead server is lost: send requests only to servers that pass their health checks.',
      first ? { at: first.sentAt, messages: [first.request.id] } : {},
    );
  }),

  budget(
    'p95 latency of requests',
    (run) => {
      const stats = latencyStats(requests(run).flatMap((e) => (e.latency === undefined ? [] : [e.latency])));
      return { value: stats.p95, detail: `(p50 ${ms(stats.p50)}, max ${ms(stats.max)})` };
    },
    { unit: 'ms p95', atMost: 80, reference: 24, digits: 0 },
  ),

  budget(
    'work sent per request',
    (run) => {
      const n = work(run).length;
      const r = requests(run).length;
      return { value: perOp(n, r), detail: `(${n} work messages for ${r} requests)` };
    },
    { unit: 'work messages per request', atMost: 1.3, reference: 1.02, digits: 2 },
  ),

  budget(
    'health checks per server per second',
    (run) => {
      const n = sends(run, { type: 'health', from: 'balancer' }).length;
      return { value: n / SERVERS.length / (run.virtualMs / 1000), detail: `(${n} health checks)` };
    },
    { unit: 'checks per server per second', atMost: 20, reference: 10 },
  ),
] satisfies Check[];
