import {
  budget,
  deliveries,
  exchanges,
  fail,
  goal,
  invariant,
  latencyStats,
  listOf,
  messageById,
  ms,
  outages,
  pct,
  perOp,
  sends,
} from '@playground/scenario';
import type { Check, Delivery, Exchange, Message, RunResult } from '@playground/scenario';

/** How long a client waits for an answer. */
const CLIENT_TIMEOUT_MS = 1000;
/** How long a cached answer may be served, counted from when the proxy asked the server for it. */
const TTL_MS = 1000;
/** How long the proxy waits for the server. */
const SERVER_TIMEOUT_MS = 300;
/** A stale answer is allowed only after the proxy waited this long for the server without an answer. */
const WAITED_MS = 250;

function keyOf(message: Message | undefined): string | undefined {
  const key = (message?.body as { key?: unknown } | undefined)?.key;
  return typeof key === 'string' ? key : undefined;
}

/** Every get a client sent the proxy, with the first answer it got. */
function clientGets(run: RunResult): Exchange[] {
  return exchanges(run, { type: 'get', to: 'proxy' });
}

/** What the proxy answered: each get_ok it sent a client, with the key the client had asked for. */
function answers(run: RunResult): { t: number; message: Message; key: string; request: Message }[] {
  return sends(run, { from: 'proxy', type: 'get_ok' }).flatMap((s) => {
    const request = s.message.inReplyTo === undefined ? undefined : messageById(run, s.message.inReplyTo);
    const key = keyOf(request);
    return request && key !== undefined && request.to === 'proxy'
      ? [{ t: s.t, message: s.message, key, request }]
      : [];
  });
}

interface Upstream {
  /** The server's reply as the proxy received it. */
  reply: Delivery;
  /** Its body as JSON, to compare with what the proxy answered. */
  body: string;
  /** When the proxy had sent the request it answers: the value is at least as old as that. */
  askedAt: number;
}

interface ProxyIndex {
  /** Per key, the server's replies the proxy received, in order. */
  replies: Map<string, Upstream[]>;
  /** Per key, the proxy's requests to the server, with when its first reply reached the proxy. */
  asks: Map<string, { t: number; answeredAt: number }[]>;
}

const indexes = new WeakMap<object, ProxyIndex>();

/** One pass over the run for the checks below (they ask per answer, and there are a thousand answers). */
function indexOf(run: RunResult): ProxyIndex {
  const cached = indexes.get(run.trace);
  if (cached) return cached;
  const askedAt = new Map<string, number>();
  const asks = new Map<string, { t: number; answeredAt: number }[]>();
  const byId = new Map<string, { t: number; answeredAt: number }>();
  for (const s of sends(run, { from: 'proxy', to: 'server', type: 'get' })) {
    const key = keyOf(s.message);
    if (key === undefined) continue;
    const ask = { t: s.t, answeredAt: Infinity };
    askedAt.set(s.message.id, s.t);
    byId.set(s.message.id, ask);
    asks.set(key, [...(asks.get(key) ?? []), ask]);
  }
  const replies = new Map<string, Upstream[]>();
  for (const d of deliveries(run, { from: 'server', to: 'proxy', type: 'get_ok' })) {
    const key = keyOf(d.message);
    const at = askedAt.get(d.message.inReplyTo ?? '');
    if (key === undefined || at === undefined) continue;
    const ask = byId.get(d.message.inReplyTo!)!;
    ask.answeredAt = Math.min(ask.answeredAt, d.t);
    replies.set(key, [
      ...(replies.get(key) ?? []),
      { reply: d, body: JSON.stringify(d.message.body), askedAt: at },
    ]);
  }
  const index = { replies, asks };
  indexes.set(run.trace, index);
  return index;
}

/** The server's replies for `key` the proxy had received by `t`, newest first. */
function upstream(run: RunResult, key: string, t: number): Upstream[] {
  return (indexOf(run).replies.get(key) ?? []).filter((u) => u.reply.t <= t).reverse();
}

/** Whether the proxy had asked the server for `key` at least WAITED_MS before `t` and had no answer by `t`. */
function waitedInVain(run: RunResult, key: string, t: number): boolean {
  return (indexOf(run).asks.get(key) ?? []).some(
    (a) => a.t >= t - TTL_MS && a.t < t - WAITED_MS && a.answeredAt > t,
  );
}

function serverStory(run: RunResult): string {
  const down = outages(run, 'server').map(
    (o) => `${o.kind === 'pause' ? 'stalled' : 'down'} ${Math.round(o.from)}-${ms(o.to)}`,
  );
  return down.length ? `The server was ${listOf(down)}` : 'The server never went down';
}

export default [
  invariant("every answer is the server's, for that key", (run) => {
    for (const a of answers(run)) {
      const from = upstream(run, a.key, a.t);
      if (from.some((u) => u.body === JSON.stringify(a.message.body))) continue;
      const newest = from[0];
      const had = newest
        ? ` The newest reply the proxy had from the server for ${a.key} was ${JSON.stringify(newest.reply.message.body)}.`
        : ` The proxy had no reply from the server for ${a.key} at all.`;
      return fail(
        `proxy answered ${a.request.from}'s get for ${a.key} at ${ms(a.t)} with ${JSON.stringify(a.message.body)}, ` +
          `which no reply from the server for ${a.key} said.${had} Pass the server's answer body on unchanged.`,
        { at: a.t, nodes: ['proxy', a.request.from], messages: [a.message.id, a.request.id] },
      );
    }
    return true;
  }),

  invariant(`answers are at most ${TTL_MS} ms old, unless the server did not answer`, (run) => {
    for (const a of answers(run)) {
      // The reply this answer came from, and when the proxy had asked for it. Two replies may say the same
      // (a stalled server answers a request and its retry at once): take the younger request.
      const from = upstream(run, a.key, a.t)
        .filter((u) => u.body === JSON.stringify(a.message.body))
        .sort((x, y) => y.askedAt - x.askedAt)[0];
      if (!from) continue; // the check above says why
      const age = a.t - from.askedAt;
      if (age <= TTL_MS + 1) continue;
      // Stale if error: allowed once the proxy asked again and waited in vain.
      if (waitedInVain(run, a.key, a.t)) continue;
      return fail(
        `proxy answered ${a.request.from} at ${ms(a.t)} with ${a.key} as the server gave it to a request the ` +
          `proxy sent at ${ms(from.askedAt)}: ${ms(age)} old, and the proxy had not asked the server again ` +
          `(or had its answer) in the ${ms(TTL_MS)} before. Expire an entry ${ms(TTL_MS)} after you asked ` +
          `for it, measured on node.monotonic() (node.now() can be set back); serve an old one only when the ` +
          `server does not answer.`,
        { at: a.t, nodes: ['proxy', a.request.from], messages: [a.message.id, from.reply.message.id] },
      );
    }
    return true;
  }),

  goal(`every get is answered within ${CLIENT_TIMEOUT_MS} ms`, (run) => {
    const all = clientGets(run).filter((g) => g.sentAt < run.virtualMs - CLIENT_TIMEOUT_MS);
    const late = all.filter((g) => {
      if (g.latency !== undefined && g.latency <= CLIENT_TIMEOUT_MS) return false;
      // A key the proxy never got from the server (within its 300 ms) before the get has nothing to fall
      // back on: a reply that came after the proxy had given up on it was never the proxy's to keep.
      const key = keyOf(g.request);
      return (
        key !== undefined &&
        upstream(run, key, g.sentAt).some((u) => u.reply.t - u.askedAt <= SERVER_TIMEOUT_MS)
      );
    });
    if (late.length === 0) return true;
    const perClient = [...new Set(all.map((g) => g.request.from))].map((c) => {
      const mine = all.filter((g) => g.request.from === c).length;
      const bad = late.filter((g) => g.request.from === c).length;
      return `${c} got ${mine - bad} of ${mine}`;
    });
    const first = late[0]!;
    return fail(
      `${late.length} of ${all.length} gets got no answer in time (${perClient.join(', ')}), though the ` +
        `proxy had had an answer from the server in time for each of those keys before; the first: ${first.request.from}'s ${keyOf(first.request)} at ` +
        `${ms(first.sentAt)}. ${serverStory(run)}. When the server does not answer, answer from the cache.`,
      { at: first.sentAt, nodes: ['proxy', first.request.from], messages: [first.request.id] },
    );
  }),

  budget(
    'the cache takes the load',
    (run) => {
      const asked = deliveries(run, { type: 'get', to: 'proxy' }).length;
      const reached = sends(run, { type: 'get', from: 'proxy', to: 'server' }).length;
      return {
        value: perOp(reached, asked),
        detail: `(${reached} gets sent to the server for ${asked} gets from clients, ${pct(perOp(reached, asked))})`,
      };
    },
    { unit: 'server gets per client get', atMost: 0.35, reference: 0.22, digits: 2 },
  ),

  budget(
    'answers come quickly',
    (run) => {
      const waits = clientGets(run)
        .map((g) => g.latency)
        .filter((l): l is number => l !== undefined);
      const stats = latencyStats(waits);
      return {
        value: stats.p99,
        detail: `p99 (p50 ${ms(stats.p50)}, slowest ${ms(stats.max)}, ${stats.count} answers)`,
      };
    },
    { unit: 'ms', atMost: 500, reference: 350, digits: 0 },
  ),
] satisfies Check[];
