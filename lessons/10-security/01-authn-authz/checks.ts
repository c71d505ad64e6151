import {
  budget,
  deliveries,
  deliveriesOf,
  exchanges,
  fail,
  faultsNear,
  goal,
  invariant,
  latencyStats,
  ms,
  outages,
  pct,
  perOp,
  plural,
  receivedBefore,
  repliesTo,
  sends,
} from '@playground/scenario';
import type { Check, RunResult } from '@playground/scenario';

/** A request with a token good for at least this long more must be served. */
const GOOD_FOR_MS = 300;

interface Issued {
  user: string;
  role: string;
  exp: number;
  jti: string;
  at: number;
}

/** Every token auth issued (its login replies: auth is not the learner's), by token text. */
function issued(run: RunResult): Map<string, Issued> {
  const map = new Map<string, Issued>();
  for (const s of sends(run, { from: 'auth', type: 'login_ok' })) {
    const b = s.message.body as { token: string; user: string; role: string; exp: number; jti: string };
    map.set(b.token, { user: b.user, role: b.role, exp: b.exp, jti: b.jti, at: s.t });
  }
  return map;
}

/** When the gateway was first told each revocation (a `revoke` from auth reached it), by jti. */
function revokedAt(run: RunResult): Map<string, number> {
  const map = new Map<string, number>();
  for (const d of deliveries(run, { from: 'auth', to: 'gateway', type: 'revoke' })) {
    const jti = String((d.message.body as { jti?: unknown }).jti);
    if (!map.has(jti)) map.set(jti, d.t);
  }
  return map;
}

/** What a token's payload claims (for the reason only: a forged token's claims are not to be believed). */
function claimsOf(token: string): string {
  try {
    const payload = token.split('.')[0] ?? '';
    const text = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const c = JSON.parse(text) as { sub?: unknown; role?: unknown };
    return `its payload claims sub ${String(c.sub)}, role ${String(c.role)}`;
  } catch {
    return 'its payload is not even readable';
  }
}

const toBackend = (run: RunResult) =>
  sends(run, { from: 'gateway', to: 'records', type: ['fetch', 'remove'] });
const isClient = (id: string) => id.startsWith('client');

/** Who sent the gateway the request that carried this token to that record, by `t`. */
function caller(run: RunResult, t: number, token: string, record: string): string {
  const d = receivedBefore(run, 'gateway', t, { type: ['read', 'delete'] }).find(
    (r) =>
      (r.message.body as { token?: unknown }).token === token &&
      (r.message.body as { record?: unknown }).record === record,
  );
  return d ? d.message.from : 'someone';
}

type UserExchange = ReturnType<typeof exchanges>[number];

/**
 * Whether the network's own loss (the scenario's 0.2% per message) took a message this request's answer
 * depended on: the request, a reply to it, or the gateway's call to the records made for it (same token and
 * record, sent between the request's arrival and the gateway's reply) or that call's reply. The client does
 * not retry, so such a request fails whatever the gateway does; followed in the trace, never guessed.
 */
function lostByNetwork(run: RunResult): (e: UserExchange) => boolean {
  const dropped = new Set(
    run.trace.flatMap((e) => (e.kind === 'drop' && e.reason === 'loss' ? [e.messageId] : [])),
  );
  const calls = toBackend(run);
  const sentAt = new Map(sends(run, { from: 'gateway' }).map((s) => [s.message.id, s.t]));
  return (e) => {
    if (dropped.has(e.request.id) || e.replies.some((r) => dropped.has(r.id))) return true;
    const arrived = deliveriesOf(run, e.request.id)[0]?.t;
    if (arrived === undefined) return false;
    const until = Math.min(...e.replies.map((r) => sentAt.get(r.id) ?? Infinity));
    const body = e.request.body as { token?: unknown; record?: unknown };
    return calls.some((c) => {
      const b = c.message.body as { token?: unknown; record?: unknown };
      return (
        c.t >= arrived &&
        c.t <= until &&
        b.token === body.token &&
        b.record === body.record &&
        (dropped.has(c.message.id) || repliesTo(run, c.message.id).some((r) => dropped.has(r.id)))
      );
    });
  };
}

export default [
  invariant('only a valid token, of a user allowed to, reaches the records', (run) => {
    const tokens = issued(run);
    const revoked = revokedAt(run);
    for (const s of toBackend(run)) {
      const body = s.message.body as { token?: unknown; record?: unknown };
      const record = String(body.record);
      const op = s.message.type === 'remove' ? 'delete' : 'read';
      const where = { at: s.t, nodes: ['gateway', 'records'], messages: [s.message.id] };
      if (typeof body.token !== 'string')
        return fail(
          `the gateway passed a ${op} of ${record} to the records at ${ms(s.t)} without the token it was let in ` +
            'with: pass it on as { record, token }.',
          where,
        );
      const token = body.token;
      const from = caller(run, s.t, token, record);
      const t = tokens.get(token);
      if (!t)
        return fail(
          `${from}'s ${op} of ${record} reached the records at ${ms(s.t)} with a token auth never issued ` +
            `(${claimsOf(token)}). Verify the token's HMAC signature with auth's key before believing its claims.`,
          { ...where, nodes: [from, 'gateway', 'records'] },
        );
      if (s.t >= t.exp)
        return fail(
          `${from}'s ${op} of ${record} reached the records at ${ms(s.t)} with ${t.user}'s token that had expired at ` +
            `${ms(t.exp)} on auth's clock.${faultsNear(run, s.t, 20_000)} Check expiry, and not on the gateway’s ` +
            'wall clock: carry auth’s clock (its `key` reply says it) on node.monotonic().',
          { ...where, nodes: [from, 'gateway', 'records'] },
        );
      const r = revoked.get(t.jti);
      if (r !== undefined && s.t > r)
        return fail(
          `${from}'s ${op} of ${record} reached the records at ${ms(s.t)} with ${t.user}'s token, which auth had ` +
            `revoked (the gateway was told at ${ms(r)}). Keep the revoked token ids and refuse them until they expire.`,
          { ...where, nodes: [from, 'gateway', 'records'] },
        );
      const owner = record.split('/')[0];
      if (t.role !== 'admin' && (owner !== t.user || op === 'delete'))
        return fail(
          `${from} used ${t.user}'s valid token (role ${t.role}) to ${op} ${record} at ${ms(s.t)}, and the gateway let ` +
            `it through. ${op === 'delete' ? 'Only an admin may delete' : 'A user may read only their own records'}: ` +
            'decide it from the verified claims (sub, role), never from other fields of the request.',
          { ...where, nodes: [from, 'gateway', 'records'] },
        );
    }
    return true;
  }),

  invariant('every answer the gateway gives is the records’ answer', (run) => {
    const answers = new Set(
      deliveries(run, { from: 'records', to: 'gateway' }).map(
        (d) => `${d.message.type}:${JSON.stringify(d.message.body)}`,
      ),
    );
    for (const s of sends(run, { from: 'gateway', type: ['read_ok', 'delete_ok'] })) {
      const want = s.message.type === 'read_ok' ? 'fetch_ok' : 'remove_ok';
      if (answers.has(`${want}:${JSON.stringify(s.message.body)}`)) continue;
      return fail(
        `the gateway answered ${s.message.to} with ${s.message.type} ${JSON.stringify(s.message.body)} at ${ms(s.t)}, ` +
          'which the records never said: pass on their answer.',
        { at: s.t, nodes: ['gateway', s.message.to], messages: [s.message.id] },
      );
    }
    return true;
  }),

  goal('requests with a good token are served, while auth is down too', (run) => {
    const tokens = issued(run);
    const down = outages(run, 'auth');
    const lost = lostByNetwork(run);
    const good = exchanges(run, { to: 'gateway', from: isClient, type: ['read', 'delete'] }).filter((e) => {
      const t = tokens.get(String((e.request.body as { token?: unknown }).token));
      return t !== undefined && t.exp > e.sentAt + GOOD_FOR_MS && !lost(e);
    });
    const served = (e: (typeof good)[number]) => e.answer !== undefined && e.answer.message.type !== 'denied';
    const during = good.filter((e) => down.some((o) => e.sentAt >= o.from && e.sentAt < o.to));
    const describe = (e: (typeof good)[number]) =>
      `${e.request.from}'s ${e.request.type} of ${String((e.request.body as { record?: unknown }).record)} at ${ms(e.sentAt)}: ` +
      (e.answer ? `denied (${String((e.answer.message.body as { why?: unknown }).why)})` : 'no answer');
    const lostDuring = during.filter((e) => !served(e));
    if (during.length > 0 && lostDuring.length > during.length * 0.05) {
      const o = down[0]!;
      return fail(
        `auth was down from ${ms(o.from)} to ${ms(o.to)}, and ${lostDuring.length} of ${during.length} requests with a ` +
          `good token failed meanwhile, not counting those whose messages the network lost (first ${describe(lostDuring[0]!)}). Verify tokens at the gateway with auth's key ` +
          '(fetched once), instead of asking auth about every request.',
        { at: lostDuring[0]!.sentAt, nodes: ['gateway', 'auth'], messages: [lostDuring[0]!.request.id] },
      );
    }
    const failed = good.filter((e) => !served(e));
    if (good.length > 0 && failed.length <= good.length * 0.03) return true;
    return fail(
      `${failed.length} of ${good.length} requests with a good token (${pct(failed.length / Math.max(1, good.length))}) failed; ` +
        `at most 3% may (requests whose messages the network lost are not counted). The first: ${failed[0] ? describe(failed[0]) : 'none'}.`,
      failed[0]
        ? {
            at: failed[0].sentAt,
            nodes: [failed[0].request.from, 'gateway'],
            messages: [failed[0].request.id],
          }
        : {},
    );
  }),

  budget(
    'messages from the gateway to auth per request',
    (run) => {
      const n = sends(run, { from: 'gateway', to: 'auth' }).length;
      const r = deliveries(run, { to: 'gateway', type: ['read', 'delete'] }).length;
      return { value: perOp(n, r), detail: `(${plural(n, 'message')} for ${plural(r, 'request')})` };
    },
    { unit: 'messages per request', atMost: 0.05, reference: 0.002, digits: 3 },
  ),

  budget(
    'p95 latency of the users’ requests',
    (run) => {
      const stats = latencyStats(
        exchanges(run, { to: 'gateway', from: isClient, type: ['read', 'delete'] }).flatMap((e) =>
          e.latency === undefined ? [] : [e.latency],
        ),
      );
      return { value: stats.p95, detail: `(p50 ${ms(stats.p50)}, max ${ms(stats.max)})` };
    },
    { unit: 'ms p95', atMost: 40, reference: 25, digits: 0 },
  ),
] satisfies Check[];
