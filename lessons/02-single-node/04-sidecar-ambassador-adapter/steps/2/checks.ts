import {
  budget,
  deliveries,
  exchanges,
  fail,
  goal,
  invariant,
  latencyStats,
  ms,
  perOp,
} from '@playground/scenario';
import type { Check, Delivery, Exchange, Message, RunResult } from '@playground/scenario';

/** The one token the sidecar accepts (the client's). */
const ACCEPTED_TOKEN = 'tok-client-7f3a';

function bodyOf(message: Message | undefined): Record<string, unknown> {
  const body = message?.body;
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {};
}

interface Lookup extends Exchange {
  from: string;
  key: string;
  token: unknown;
}

/** Every lookup sent to the sidecar (by the client or the intruder), with the first answer its sender got. */
function lookups(run: RunResult): Lookup[] {
  return exchanges(run, { type: 'lookup', to: 'sidecar' }).map((x) => {
    const body = bodyOf(x.request);
    return { ...x, from: x.request.from, key: String(body.key), token: body.token };
  });
}

/** The lookups the app received. */
function appLookups(run: RunResult): Delivery[] {
  return deliveries(run, { to: 'app', type: 'lookup' });
}

function tokenText(token: unknown): string {
  return token === undefined ? 'no token' : `token ${JSON.stringify(token)}`;
}

function countBy<T>(items: T[], keyOf: (item: T) => string): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(keyOf(item), (counts.get(keyOf(item)) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${n} got ${k}`).join(', ');
}

const unsigned = (l: Lookup) => l.token !== ACCEPTED_TOKEN;

export default [
  invariant('only lookups with an accepted token reach the app', (run) => {
    // Follow cause: each lookup the app receives for a key must be paid for by a lookup for that key with
    // the accepted token that had reached the sidecar before, each used once. The intruder asks for the
    // same users as the client, so a key alone says nothing; the count does.
    const all = lookups(run);
    const arrived = deliveries(run, { to: 'sidecar', type: 'lookup' });
    const used = new Set<string>();
    for (const a of appLookups(run)) {
      const key = String(bodyOf(a.message).key);
      const credit = arrived.find(
        (d) =>
          d.t <= a.t &&
          !used.has(d.message.id) &&
          bodyOf(d.message).key === key &&
          bodyOf(d.message).token === ACCEPTED_TOKEN,
      );
      if (credit) {
        used.add(credit.message.id);
        continue;
      }
      const origin = [...all].reverse().find((l) => unsigned(l) && l.key === key && l.sentAt <= a.t);
      const who = origin
        ? `; ${origin.from} had asked for ${key} at ${ms(origin.sentAt)} with ${tokenText(origin.token)}`
        : '';
      return fail(
        `the app got a lookup for ${key} at ${ms(a.t)} that no lookup with the accepted token had asked ` +
          `for${who}. Check msg.body.token against ACCEPTED_TOKENS before passing a lookup on.`,
        {
          at: a.t,
          nodes: ['sidecar', 'app', ...(origin ? [origin.from] : [])],
          messages: [a.message.id, ...(origin ? [origin.request.id] : [])],
        },
      );
    }
    return true;
  }),

  invariant('the token stops at the sidecar', (run) => {
    const carrying = appLookups(run).filter((a) => 'token' in bodyOf(a.message));
    if (carrying.length === 0) return true;
    const first = carrying[0]!;
    return fail(
      `at ${ms(first.t)} the app got ${JSON.stringify(first.message.body)}: ${carrying.length} lookups reached ` +
        `the app with a token in them. Pass the request on without its token ({ key } only).`,
      { at: first.t, nodes: ['sidecar', 'app'], messages: [first.message.id] },
    );
  }),

  goal('callers without a valid token are turned away', (run) => {
    const bad = lookups(run).filter(unsigned);
    const wrong = bad.filter((l) => l.answer?.message.type !== 'lookup_denied');
    if (wrong.length === 0) return true;
    const first = wrong[0]!;
    const callers = [...new Set(bad.map((l) => l.from))].join(', ');
    return fail(
      `${callers} sent ${bad.length} lookups without an accepted token; ${bad.length - wrong.length} ` +
        `were answered with lookup_denied, ${countBy(wrong, (l) => l.answer?.message.type ?? 'no answer')}. ` +
        `The first: ${first.key} at ${ms(first.sentAt)} with ${tokenText(first.token)} got ` +
        `${first.answer ? `${first.answer.message.type} ${JSON.stringify(first.answer.message.body)}` : 'no answer'}. ` +
        `Answer such a lookup at once with lookup_denied.`,
      { at: first.sentAt, nodes: [first.from, 'sidecar'], messages: [first.request.id] },
    );
  }),

  goal('the client with its token is still served', (run) => {
    const good = lookups(run).filter((l) => !unsigned(l) && l.sentAt < run.virtualMs - 1500);
    const denied = good.filter((l) => l.answer?.message.type === 'lookup_denied');
    const unanswered = good.filter((l) => l.answer === undefined);
    if (denied.length > 0) {
      const first = denied[0]!;
      return fail(
        `the sidecar denied ${denied.length} of ${good.length} lookups that carried the accepted token ` +
          `"${ACCEPTED_TOKEN}"; the first was ${first.from}'s ${first.key} at ${ms(first.sentAt)}.`,
        { at: first.sentAt, nodes: [first.from, 'sidecar'], messages: [first.request.id] },
      );
    }
    if (unanswered.length > 0) {
      const first = unanswered[0]!;
      return fail(
        `${unanswered.length} of ${good.length} lookups with the accepted token got no answer; the first ` +
          `was ${first.from}'s ${first.key} at ${ms(first.sentAt)}. Pass them to the app and its answer back.`,
        { at: first.sentAt, nodes: [first.from, 'sidecar'], messages: [first.request.id] },
      );
    }
    const reached = appLookups(run).length;
    if (reached < good.length) {
      return (
        `the client sent ${good.length} lookups with the accepted token, but only ${reached} reached the ` +
        `app. The app answers them; the sidecar passes them on.`
      );
    }
    return true;
  }),

  budget(
    'the app does one lookup per accepted request',
    (run) => {
      const accepted = lookups(run).filter((l) => !unsigned(l)).length;
      const reached = appLookups(run).length;
      return {
        value: perOp(reached, accepted),
        detail: `(${reached} lookups reached the app for ${accepted} with the accepted token)`,
      };
    },
    { unit: 'app lookups per accepted lookup', atMost: 1.05, reference: 1, digits: 2 },
  ),

  budget(
    'a denial comes at once',
    (run) => {
      const waits = lookups(run)
        .filter((l) => unsigned(l) && l.answer?.message.type === 'lookup_denied')
        .map((l) => l.latency!);
      const stats = latencyStats(waits);
      return {
        value: stats.p99,
        detail: `p99 wait for lookup_denied (p50 ${ms(stats.p50)}, ${stats.count} denials)`,
      };
    },
    { unit: 'ms', atMost: 100, reference: 50, digits: 0 },
  ),
] satisfies Check[];
