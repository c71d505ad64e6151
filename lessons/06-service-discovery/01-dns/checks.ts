import {
  budget,
  describeFault,
  eventsOf,
  exchanges,
  fail,
  goal,
  invariant,
  latencyStats,
  listOf,
  ms,
  perOp,
  plural,
  receivedBefore,
  sends,
} from '@playground/scenario';
import type { Check, Delivery, RunResult } from '@playground/scenario';

/** How much later than its TTL a cached answer may still be used (timers, the answer's own trip). */
const SLACK_MS = 100;
/** An instance stopped this long past a TTL must get nothing any more. */
const STOP_MARGIN_MS = 250;

interface Answer {
  addresses: string[];
  ttl: number;
}

const answerOf = (d: Delivery): Answer => d.message.body as unknown as Answer;
const isClient = (id: string) => id.startsWith('client');
const isInstance = (id: string) => id.startsWith('ops/server');
/** Work a client sent to an api instance. */
const work = (run: RunResult) => sends(run, { type: 'work', from: isClient, to: isInstance });
const requests = (run: RunResult) => exchanges(run, { type: 'request', from: 'user' });
/** The DNS's TTL in this run (drawn per seed): from its answers. */
const ttlOf = (run: RunResult) =>
  (sends(run, { type: 'resolve_ok', from: 'dns' })[0]?.message.body as Answer | undefined)?.ttl ?? 0;

export default [
  invariant(`nothing is sent to an instance stopped more than the TTL + ${STOP_MARGIN_MS} ms ago`, (run) => {
    const ttl = ttlOf(run);
    const stopped = new Map(eventsOf(run, 'stop').map((e) => [e.node, e.t]));
    const late = work(run).filter((w) => {
      const at = stopped.get(w.message.to);
      return at !== undefined && w.t > at + ttl + STOP_MARGIN_MS;
    });
    if (late.length === 0) return true;
    const first = late[0]!;
    const at = stopped.get(first.message.to)!;
    const named = receivedBefore(run, first.node, first.t, { type: 'resolve_ok', from: 'dns' }).find((d) =>
      answerOf(d).addresses.includes(first.message.to),
    );
    return fail(
      `${first.node} sent request ${String((first.message.body as { id?: number }).id)} to ` +
        `${first.message.to} at ${ms(first.t)}, ${ms(first.t - at)} after ops stopped it (at ${ms(at)}; ` +
        `the TTL is ${ms(ttl)})` +
        (named ? `, on a DNS answer it received at ${ms(named.t)}` : '') +
        `. In all ${plural(late.length, 'request')} went to instances long gone. Keep an answer only for ` +
        'its ttl, then look the name up again.',
      {
        at: first.t,
        nodes: [first.node, first.message.to],
        messages: late.slice(0, 5).map((w) => w.message.id),
      },
    );
  }),

  invariant('every instance a client sends to comes from an unexpired DNS answer', (run) => {
    for (const w of work(run)) {
      const answers = receivedBefore(run, w.node, w.t, { type: 'resolve_ok', from: 'dns' });
      const naming = answers.find((d) => answerOf(d).addresses.includes(w.message.to));
      if (naming && w.t <= naming.t + answerOf(naming).ttl + SLACK_MS) continue;
      const why = naming
        ? `the newest DNS answer naming it arrived at ${ms(naming.t)} with a TTL of ` +
          `${ms(answerOf(naming).ttl)}: it had expired ${ms(w.t - naming.t - answerOf(naming).ttl)} earlier` +
          (answers[0] && answers[0] !== naming
            ? `, and a newer answer (at ${ms(answers[0].t)}) no longer named it`
            : '')
        : 'no DNS answer it had received named that instance';
      // A clock correction on this client explains a cache timed on the wall clock.
      const skews = eventsOf(run, 'skew')
        .filter((e) => e.node === w.node && e.offsetMs !== 0 && e.t <= w.t && e.t >= w.t - 4000)
        .map((e) => describeFault(e))
        .filter((text): text is string => text !== undefined);
      return fail(
        `${w.node} sent work to ${w.message.to} at ${ms(w.t)}, but ${why}. Send only to instances of an ` +
          'answer still within its ttl (measured on node.monotonic()), and look the name up again when ' +
          'it runs out.' +
          (skews.length ? ` Meanwhile ${listOf(skews, 2)}.` : ''),
        {
          at: w.t,
          nodes: [w.node, w.message.to],
          messages: [w.message.id, ...(naming ? [naming.message.id] : [])],
        },
      );
    }
    return true;
  }),

  invariant('every answer is an instance’s answer to that request', (run) => {
    for (const e of requests(run)) {
      const client = e.request.to;
      const id = (e.request.body as { id: number }).id;
      for (const reply of e.replies) {
        const sent = sends(run, { from: client, type: 'request_ok' }).find((s) => s.message.id === reply.id);
        const at = sent?.t ?? Infinity;
        const body = JSON.stringify(reply.body);
        const fromInstance = receivedBefore(run, client, at, { type: 'work_ok', from: isInstance }).some(
          (d) => (d.message.body as { id?: number }).id === id && JSON.stringify(d.message.body) === body,
        );
        if (fromInstance) continue;
        return fail(
          `${client} answered request ${id} at ${ms(at)} with ${body}, which no api instance had sent it: ` +
            'pass on the answer of the instance that did the work.',
          { at, nodes: [client], messages: [reply.id] },
        );
      }
    }
    return true;
  }),

  goal('requests keep getting answered while instances come and go', (run) => {
    const all = requests(run);
    const lost = all.filter((e) => !e.answer);
    if (all.length > 0 && lost.length <= all.length * 0.01) return true;
    const first = lost[0];
    return fail(
      `${lost.length} of ${all.length} requests got no answer (at most 1% may be lost)` +
        (first ? `, the first sent at ${ms(first.sentAt)} via ${first.request.to}` : '') +
        '. When an instance does not answer, look the name up again and retry on another instance.',
      first ? { at: first.sentAt, nodes: [first.request.to], messages: [first.request.id] } : {},
    );
  }),

  budget(
    'DNS lookups per request',
    (run) => {
      const n = sends(run, { type: 'resolve', from: isClient, to: 'dns' }).length;
      const r = requests(run).length;
      return { value: perOp(n, r), detail: `(${n} lookups for ${r} requests)` };
    },
    { unit: 'lookups per request', atMost: 0.3, reference: 0.1, digits: 2 },
  ),

  budget(
    'sends to stopped instances, per instance stopped',
    (run) => {
      const stopped = new Map(eventsOf(run, 'stop').map((e) => [e.node, e.t]));
      const n = work(run).filter((w) => {
        const at = stopped.get(w.message.to);
        return at !== undefined && w.t >= at;
      }).length;
      return {
        value: perOp(n, stopped.size),
        detail: `(${n} sends to ${plural(stopped.size, 'stopped instance')})`,
      };
    },
    { unit: 'sends per stopped instance', atMost: 6, reference: 1.5, digits: 1 },
  ),

  budget(
    'p90 latency of requests',
    (run) => {
      const stats = latencyStats(requests(run).flatMap((e) => (e.latency === undefined ? [] : [e.latency])));
      return { value: stats.p90, detail: `(p50 ${ms(stats.p50)}, p99 ${ms(stats.p99)})` };
    },
    { unit: 'ms p90', atMost: 60, reference: 33, digits: 0 },
  ),
] satisfies Check[];
