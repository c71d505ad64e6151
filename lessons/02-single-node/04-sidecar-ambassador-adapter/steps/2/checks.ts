import { eventsOf, goal, invariant } from '@playground/scenario';
import type { Check, Message, RunResult } from '@playground/scenario';

/** The one token the sidecar accepts (the client's). */
const ACCEPTED_TOKEN = 'tok-client-7f3a';

function ms(t: number): string {
  return `${Math.round(t)} ms`;
}

function bodyOf(message: Message | undefined): Record<string, unknown> {
  const body = message?.body;
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {};
}

interface Lookup {
  t: number;
  from: string;
  key: string;
  token: unknown;
  answer?: Message;
}

/** Every lookup sent to the sidecar, with the first answer its sender got. */
function lookups(run: RunResult): Lookup[] {
  const byId = new Map(eventsOf(run, 'send').map((e) => [e.message.id, e.message]));
  const answers = new Map<string, Message>();
  for (const d of eventsOf(run, 'deliver')) {
    const m = byId.get(d.messageId);
    if (m?.inReplyTo !== undefined && !answers.has(m.inReplyTo)) answers.set(m.inReplyTo, m);
  }
  return eventsOf(run, 'send')
    .filter((e) => e.message.to === 'sidecar' && e.message.type === 'lookup')
    .map((e) => {
      const body = bodyOf(e.message);
      return {
        t: e.t,
        from: e.node,
        key: String(body.key),
        token: body.token,
        answer: answers.get(e.message.id),
      };
    });
}

/** The lookups the app received, with their bodies. */
function appLookups(run: RunResult): { t: number; body: Record<string, unknown> }[] {
  const byId = new Map(eventsOf(run, 'send').map((e) => [e.message.id, e.message]));
  return eventsOf(run, 'deliver')
    .filter((d) => d.node === 'app' && d.type === 'lookup')
    .map((d) => ({ t: d.t, body: bodyOf(byId.get(d.messageId)) }));
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
    const all = lookups(run);
    const signedKeys = new Set(all.filter((l) => !unsigned(l)).map((l) => l.key));
    const intruding = new Map(all.filter(unsigned).map((l) => [l.key, l]));
    const leaked = appLookups(run).filter(
      (a) => intruding.has(String(a.body.key)) && !signedKeys.has(String(a.body.key)),
    );
    if (leaked.length === 0) return true;
    const first = leaked[0]!;
    const origin = intruding.get(String(first.body.key))!;
    return (
      `the app got a lookup for ${origin.key} at ${ms(first.t)}, which ${origin.from} sent at ` +
      `${ms(origin.t)} with ${tokenText(origin.token)}; ${leaked.length} of ${intruding.size} lookups ` +
      `without an accepted token reached the app. Check msg.body.token against ACCEPTED_TOKENS before ` +
      `passing a lookup on.`
    );
  }),

  invariant('the token stops at the sidecar', (run) => {
    const carrying = appLookups(run).filter((a) => 'token' in a.body);
    if (carrying.length === 0) return true;
    const first = carrying[0]!;
    return (
      `at ${ms(first.t)} the app got ${JSON.stringify(first.body)}: ${carrying.length} lookups reached ` +
      `the app with a token in them. Pass the request on without its token ({ key } only).`
    );
  }),

  goal('callers without a valid token are turned away', (run) => {
    const bad = lookups(run).filter(unsigned);
    const wrong = bad.filter((l) => l.answer?.type !== 'lookup_denied');
    if (wrong.length === 0) return true;
    const first = wrong[0]!;
    const callers = [...new Set(bad.map((l) => l.from))].join(', ');
    return (
      `${callers} sent ${bad.length} lookups without an accepted token; ${bad.length - wrong.length} ` +
      `were answered with lookup_denied, ${countBy(wrong, (l) => l.answer?.type ?? 'no answer')}. ` +
      `The first: ${first.key} at ${ms(first.t)} with ${tokenText(first.token)} got ` +
      `${first.answer ? `${first.answer.type} ${JSON.stringify(first.answer.body)}` : 'no answer'}. ` +
      `Answer such a lookup at once with lookup_denied.`
    );
  }),

  goal('the client with its token is still served', (run) => {
    const good = lookups(run).filter((l) => !unsigned(l));
    const denied = good.filter((l) => l.answer?.type === 'lookup_denied');
    const unanswered = good.filter((l) => l.answer === undefined);
    if (denied.length > 0) {
      const first = denied[0]!;
      return (
        `the sidecar denied ${denied.length} of ${good.length} lookups that carried the accepted token ` +
        `"${ACCEPTED_TOKEN}"; the first was ${first.from}'s ${first.key} at ${ms(first.t)}.`
      );
    }
    if (unanswered.length > 0) {
      const first = unanswered[0]!;
      return (
        `${unanswered.length} of ${good.length} lookups with the accepted token got no answer; the first ` +
        `was ${first.from}'s ${first.key} at ${ms(first.t)}. Pass them to the app and its answer back.`
      );
    }
    const reached = appLookups(run).filter((a) => good.some((l) => l.key === String(a.body.key))).length;
    if (reached < good.length) {
      return (
        `the client sent ${good.length} lookups with the accepted token, but only ${reached} reached the ` +
        `app. The app answers them; the sidecar passes them on.`
      );
    }
    return true;
  }),
] satisfies Check[];
