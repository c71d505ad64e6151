import {
  budget,
  deliveries,
  exchanges,
  fail,
  goal,
  invariant,
  ms,
  outages,
  perOp,
  sends,
} from '@playground/scenario';
import type { Check, RunResult } from '@playground/scenario';

/** An answer a client got, traced back to the server whose `work_ok` it passes on. */
interface Served {
  user: string;
  t: number;
  by: string;
  messageId: string;
}

/**
 * Each answered request, in time order: the user (as the client asked), and the server that did the work,
 * found by the server's own `work_ok` reply whose body the balancer passed on (never the balancer's word).
 */
function served(run: RunResult): { ok: Served[]; forged?: { t: number; id: string } } {
  const byBody = new Map<string, string>();
  for (const d of deliveries(run, { type: 'work_ok', to: 'balancer' }))
    byBody.set(JSON.stringify(d.message.body), d.message.from);
  const ok: Served[] = [];
  for (const e of exchanges(run, { type: 'request', to: 'balancer' })) {
    if (!e.answer) continue;
    const by = byBody.get(JSON.stringify(e.answer.message.body));
    if (by === undefined) return { ok, forged: { t: e.answer.t, id: e.answer.message.id } };
    ok.push({
      user: (e.request.body as { user: string }).user,
      t: e.answer.t,
      by,
      messageId: e.answer.message.id,
    });
  }
  return { ok: ok.sort((a, b) => a.t - b.t) };
}

/** Whether `server` stopped answering the balancer at some moment in [from, to]. */
function wentQuiet(run: RunResult, server: string, from: number, to: number): boolean {
  return outages(run, server).some(
    (o) => (o.kind !== 'partition' || o.peer === 'balancer') && o.from <= to && o.to >= from,
  );
}

export default [
  invariant('every answer is a server’s answer', (run) => {
    const { forged } = served(run);
    if (!forged) return true;
    return fail(
      `a client got an answer at ${ms(forged.t)} that no server had given: pass on the server's answer.`,
      { at: forged.t, messages: [forged.id] },
    );
  }),

  invariant('a user moves to another server only when theirs stops answering', (run) => {
    const last = new Map<string, Served>();
    for (const s of served(run).ok) {
      const before = last.get(s.user);
      last.set(s.user, s);
      if (!before || before.by === s.by) continue;
      // The old server must have gone quiet between the last answer it gave this user and this one.
      if (wentQuiet(run, before.by, before.t - 300, s.t)) continue;
      return fail(
        `user ${s.user} was served by ${before.by} until ${ms(before.t)}, then by ${s.by} at ${ms(s.t)}, ` +
          `though ${before.by} never stopped answering: the session on ${before.by} is lost for nothing. ` +
          'Keep each user on one server, and move them only when that server fails.',
        { at: s.t, nodes: [before.by, s.by, 'balancer'], messages: [s.messageId] },
      );
    }
    return true;
  }),

  goal('requests get answered, while servers come and go', (run) => {
    const all = exchanges(run, { type: 'request', to: 'balancer' });
    const lost = all.filter((e) => !e.answer);
    if (lost.length <= all.length * 0.03) return true;
    return fail(
      `${lost.length} of ${all.length} requests got no answer (at most 3%): when a user's server is down, ` +
        'move the user to a healthy one.',
      { at: lost[0]!.sentAt, messages: [lost[0]!.request.id] },
    );
  }),

  budget(
    'share of users on the busiest server',
    (run) => {
      // Before the first fault (2 s): where each user lives.
      const home = new Map<string, string>();
      for (const s of served(run).ok) if (s.t < 1900) home.set(s.user, s.by);
      const counts = new Map<string, number>();
      for (const by of home.values()) counts.set(by, (counts.get(by) ?? 0) + 1);
      const most = Math.max(0, ...counts.values());
      return { value: most / Math.max(1, home.size), detail: `(${most} of ${home.size} users)` };
    },
    { unit: 'of the users', atMost: 0.65, reference: 0.4, digits: 2 },
  ),

  budget(
    'work sent per request',
    (run) => {
      const n = sends(run, { type: 'work', from: 'balancer' }).length;
      const r = sends(run, { type: 'request', to: 'balancer' }).length;
      return { value: perOp(n, r), detail: `(${n} for ${r} requests)` };
    },
    { unit: 'work messages per request', atMost: 1.3, reference: 1.01, digits: 2 },
  ),
] satisfies Check[];
