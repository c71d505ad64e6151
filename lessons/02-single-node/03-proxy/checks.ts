import { delivered, eventsOf, goal, invariant } from '@playground/scenario';
import type { Check, RunResult } from '@playground/scenario';

/** How long a client waits for an answer. */
const CLIENT_TIMEOUT_MS = 1000;
/** How old an answer may be while the server is up: a 1000 ms cache, plus the time a reply travels. */
const MAX_AGE_MS = 1500;
/** The share of gets that may reach the server. */
const MAX_SERVER_SHARE = 1 / 3;

function ms(t: number): string {
  return `${Math.round(t)} ms`;
}

/** The intervals during which the server was crashed. */
function serverDown(run: RunResult): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  let since: number | null = null;
  for (const e of run.trace) {
    if (e.kind === 'crash' && e.node === 'server') since = e.t;
    if (e.kind === 'restart' && e.node === 'server' && since !== null) {
      out.push({ from: since, to: e.t });
      since = null;
    }
  }
  if (since !== null) out.push({ from: since, to: run.virtualMs });
  return out;
}

function downText(run: RunResult): string {
  const down = serverDown(run);
  return down.length ? down.map((d) => `${Math.round(d.from)}-${ms(d.to)}`).join(', ') : 'never';
}

export default [
  goal(`every get is answered within ${CLIENT_TIMEOUT_MS} ms`, (run) => {
    const gets = eventsOf(run, 'send').filter((e) => e.message.type === 'get' && e.message.to === 'proxy');
    const byId = new Map(eventsOf(run, 'send').map((e) => [e.message.id, e.message]));
    const answeredAt = new Map<string, number>();
    for (const d of eventsOf(run, 'deliver')) {
      const m = byId.get(d.messageId);
      if (!m || d.type !== 'get_ok' || m.inReplyTo === undefined) continue;
      if (!answeredAt.has(m.inReplyTo)) answeredAt.set(m.inReplyTo, d.t);
    }
    const late = gets.filter((g) => {
      const at = answeredAt.get(g.message.id);
      return at === undefined || at - g.t > CLIENT_TIMEOUT_MS;
    });
    if (late.length === 0) return true;
    const perClient = [...new Set(gets.map((g) => g.node))].map((c) => {
      const all = gets.filter((g) => g.node === c).length;
      const bad = late.filter((g) => g.node === c).length;
      return `${c} got ${all - bad} of ${all}`;
    });
    const down = serverDown(run);
    const duringOutage = late.filter((g) =>
      down.some((d) => g.t >= d.from - CLIENT_TIMEOUT_MS && g.t < d.to),
    );
    return (
      `${late.length} of ${gets.length} gets got no answer in time (${perClient.join(', ')}); ` +
      `${duringOutage.length} of them were sent while the server was down (${downText(run)}). ` +
      `A cache can answer those.`
    );
  }),

  goal('the cache takes the load: the server sees at most a third of the gets', (run) => {
    const asked = delivered(run, 'get', 'proxy').length;
    const reached = delivered(run, 'get', 'server').length;
    if (asked === 0) return 'the proxy received no get at all.';
    if (reached <= asked * MAX_SERVER_SHARE) return true;
    return (
      `the server handled ${reached} gets for the ${asked} the proxy received ` +
      `(${Math.round((100 * reached) / asked)}%; at most ${Math.round(100 * MAX_SERVER_SHARE)}% allowed). ` +
      `Four keys, read 30 times a second: answer repeats from the cache.`
    );
  }),

  invariant(`answers are at most ${MAX_AGE_MS} ms old while the server is up`, (run) => {
    const down = serverDown(run);
    for (const e of eventsOf(run, 'send')) {
      if (e.node !== 'proxy' || e.message.type !== 'get_ok') continue;
      const body = e.message.body as { key?: unknown; at?: unknown };
      if (typeof body.at !== 'number') {
        return `proxy answered ${e.message.to} at ${ms(e.t)} without the server's "at": pass the server's answer on unchanged.`;
      }
      const age = e.t - body.at;
      if (age <= MAX_AGE_MS) continue;
      // Stale is allowed while the server is down, and for the moment it takes to notice it is back.
      const excused = down.some((d) => d.from <= e.t && e.t - CLIENT_TIMEOUT_MS <= d.to);
      if (excused) continue;
      return (
        `proxy answered ${e.message.to} at ${ms(e.t)} with ${String(body.key)} from ${ms(body.at)} ` +
        `(${ms(age)} old) while the server was up (it was down ${downText(run)}). ` +
        `Expire cache entries after 1000 ms.`
      );
    }
    return true;
  }),
] satisfies Check[];
