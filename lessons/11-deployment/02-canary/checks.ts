import {
  budget,
  deliveries,
  eventsOf,
  exchanges,
  fail,
  goal,
  invariant,
  latencyStats,
  ms,
  pct,
  perOp,
  plural,
  sends,
} from '@playground/scenario';
import type { Check, RunResult, Send } from '@playground/scenario';

/** A bad v2 may get at most this share of the users' requests, over its life and in any one second. */
const MAX_SHARE = 0.2;
const MAX_SHARE_PER_SECOND = 0.35;
/** Evidence: once the router has seen this many errors from v2, it has ROLLBACK_MS to stop sending it users. */
const EVIDENCE_ERRORS = 3;
const ROLLBACK_MS = 500;
/** A good v2 has every user by this long after the deploy, and v1 is stopped by DRAINED_MS. */
const PROMOTED_MS = 5000;
const DRAINED_MS = 6500;
const V1 = ['v1-1', 'v1-2'];

interface Release {
  t: number;
  bad: boolean;
}
function release(run: RunResult): Release | undefined {
  const s = sends(run, { type: 'deploy', from: 'release' })[0];
  if (!s) return undefined;
  return { t: s.t, bad: Boolean((s.message.body as { image?: { bad?: boolean } }).image?.bad) };
}

const requests = (run: RunResult) => exchanges(run, { type: 'request', to: 'router' });
const bodyOf = (m: { body: unknown }) => (m.body ?? {}) as { id?: string; user?: string; error?: string };
const v2Ids = (run: RunResult) =>
  new Set(
    eventsOf(run, 'spawn')
      .filter((e) => e.role === 'v2')
      .map((e) => e.node),
  );
const stopOf = (run: RunResult, id: string) => eventsOf(run, 'stop').find((e) => e.node === id);

/** The router's work messages that carry a user's request, in order. */
function userWork(run: RunResult): Send[] {
  const ids = new Set(requests(run).map((e) => bodyOf(e.request).id));
  return sends(run, { type: 'work', from: 'router' }).filter((w) => ids.has(bodyOf(w.message).id));
}

/** When the router received the n-th error answer from a v2 replica (the evidence), if it did. */
function nthError(run: RunResult, n: number): number | undefined {
  const v2 = v2Ids(run);
  const errs = deliveries(run, { type: 'work_ok', to: 'router' }).filter(
    (d) => v2.has(d.message.from) && bodyOf(d.message).error,
  );
  return errs[n - 1]?.t;
}

export default [
  invariant(`a bad v2 never gets more than ${pct(MAX_SHARE)} of the users’ requests`, (run) => {
    const r = release(run);
    if (!r?.bad) return true;
    const v2 = v2Ids(run);
    const work = userWork(run);
    const onV2 = work.filter((w) => v2.has(w.message.to));
    if (onV2.length === 0) return true;
    const from = onV2[0]!.t;
    const to = onV2[onV2.length - 1]!.t;
    const during = work.filter((w) => w.t >= from && w.t <= to);
    if (onV2.length > during.length * MAX_SHARE && during.length >= 100)
      return fail(
        `this seed’s v2 is bad, and it got ${onV2.length} of the ${during.length} user requests from ` +
          `${ms(from)} to ${ms(to)} (${pct(onV2.length / during.length)}; at most ${pct(MAX_SHARE)}). ` +
          'Keep a new version on a tenth of the users until it has proved itself.',
        { at: to, nodes: [...v2, 'router'] },
      );
    for (let t0 = from; t0 < to; t0 += 250) {
      const win = work.filter((w) => w.t >= t0 && w.t < t0 + 1000);
      const hit = win.filter((w) => v2.has(w.message.to));
      if (win.length >= 20 && hit.length > win.length * MAX_SHARE_PER_SECOND)
        return fail(
          `this seed’s v2 is bad, and from ${ms(t0)} to ${ms(t0 + 1000)} it got ${hit.length} of ` +
            `${win.length} user requests (${pct(hit.length / win.length)}; at most ` +
            `${pct(MAX_SHARE_PER_SECOND)} in any second). Promote only after v2 has been watched long ` +
            'enough: a bad build may take 1.5 s to start failing.',
          { at: t0, nodes: [...v2, 'router'], messages: hit.slice(0, 5).map((w) => w.message.id) },
        );
    }
    return true;
  }),

  invariant('every request gets an answer from a replica', (run) => {
    const answered = new Map<string, string[]>();
    for (const a of deliveries(run, { type: 'work_ok', to: 'router' })) {
      const id = String(bodyOf(a.message).id);
      answered.set(id, [...(answered.get(id) ?? []), JSON.stringify(a.message.body)]);
    }
    for (const e of requests(run)) {
      const id = String(bodyOf(e.request).id);
      if (!e.answer)
        return fail(
          `request ${id} (sent by ${e.request.from} at ${ms(e.sentAt)}) got no answer. Keep every request ` +
            'going to a replica that is alive: drain a version before you stop it.',
          { at: e.sentAt, nodes: [e.request.from, 'router'], messages: [e.request.id] },
        );
      if (!(answered.get(id) ?? []).includes(JSON.stringify(e.answer.message.body)))
        return fail(
          `the router answered request ${id} with ${JSON.stringify(e.answer.message.body)}, which no ` +
            'replica had answered: pass on what the replica said.',
          { at: e.answer.t, nodes: ['router'], messages: [e.answer.message.id] },
        );
    }
    return true;
  }),

  invariant('each user sticks to one version (and moves at most once each way)', (run) => {
    const v2 = v2Ids(run);
    const firstError = nthError(run, 1) ?? Infinity;
    const seen = new Map<string, { version: string; flips: string[]; t: number }>();
    for (const w of userWork(run)) {
      const user = String(bodyOf(w.message).user);
      const version = v2.has(w.message.to) ? 'v2' : 'v1';
      const s = seen.get(user);
      if (!s) {
        seen.set(user, { version, flips: [], t: w.t });
        continue;
      }
      if (s.version === version) continue;
      const flips = [...s.flips, version];
      const ok =
        (flips.length === 1 && version === 'v2') ||
        (flips.length === 2 && version === 'v1' && w.t > firstError);
      if (!ok)
        return fail(
          `user ${user} was moved from ${s.version} (at ${ms(s.t)}) to ${version} at ${ms(w.t)}` +
            (flips.length > 1 ? `, after already moving to ${s.flips.join(' then ')}` : '') +
            '. A canary picks users, not requests: keep each user on one version, move users only ' +
            'forwards as v2 gets more, and all back to v1 only on a rollback.',
          { at: w.t, nodes: [w.message.to, 'router'], messages: [w.message.id] },
        );
      seen.set(user, { version, flips, t: w.t });
    }
    return true;
  }),

  goal(`a bad v2 is rolled back within ${ROLLBACK_MS} ms of its ${EVIDENCE_ERRORS}rd error`, (run) => {
    const r = release(run);
    if (!r?.bad) return true;
    const v2 = [...v2Ids(run)];
    if (v2.length === 0)
      return fail(`the release asked for v2 at ${ms(r.t)} and the router never spawned it.`, { at: r.t });
    const e = nthError(run, EVIDENCE_ERRORS);
    if (e !== undefined) {
      const late = userWork(run).filter((w) => v2.includes(w.message.to) && w.t > e + ROLLBACK_MS);
      if (late.length > 0)
        return fail(
          `the router had seen ${EVIDENCE_ERRORS} errors from v2 by ${ms(e)}, yet it sent v2 ` +
            `${plural(late.length, 'more user request')}, the last at ${ms(late[late.length - 1]!.t)}. ` +
            'Count v2’s errors as they come back, and roll back as soon as they show: every user to v1.',
          { at: late[0]!.t, nodes: [late[0]!.message.to, 'router'], messages: [late[0]!.message.id] },
        );
    }
    for (const id of v2) {
      const stop = stopOf(run, id);
      const by = (e ?? r.t + PROMOTED_MS) + 1500;
      if (!stop || stop.t > by)
        return fail(
          `${id} runs the bad v2 and was ${stop ? `stopped only at ${ms(stop.t)}` : 'never stopped'}: ` +
            `after the rollback, drain v2 and stop it (by ${ms(by)}).`,
          { at: by, nodes: [id] },
        );
    }
    for (const id of V1) {
      const stop = stopOf(run, id);
      if (stop)
        return fail(`v2 was bad, yet the router stopped ${id} at ${ms(stop.t)}: v1 must stay.`, {
          at: stop.t,
          nodes: [id],
        });
    }
    return true;
  }),

  goal(
    `a good v2 has every user within ${PROMOTED_MS} ms, and v1 is stopped within ${DRAINED_MS} ms`,
    (run) => {
      const r = release(run);
      if (!r || r.bad) return true;
      const v2 = v2Ids(run);
      const deadline = r.t + PROMOTED_MS;
      const onV1 = userWork(run).filter((w) => !v2.has(w.message.to) && w.t > deadline);
      if (v2.size === 0 || onV1.length > 0)
        return fail(
          `v2 was good, yet ${v2.size === 0 ? 'the router never spawned it' : `${plural(onV1.length, 'user request')} still went to v1 after ${ms(deadline)}`}` +
            `: once v2 has been watched for a while without errors, promote it to everyone (by ${PROMOTED_MS} ms after the deploy at ${ms(r.t)}).`,
          {
            at: onV1[0]?.t ?? deadline,
            nodes: ['router'],
            messages: onV1.slice(0, 3).map((w) => w.message.id),
          },
        );
      for (const id of V1) {
        const stop = stopOf(run, id);
        if (!stop || stop.t > r.t + DRAINED_MS)
          return fail(
            `${id} was ${stop ? `stopped only at ${ms(stop.t)}` : 'never stopped'}: after the promotion, ` +
              `drain v1 and stop it (by ${ms(r.t + DRAINED_MS)}).`,
            { at: r.t + DRAINED_MS, nodes: [id] },
          );
      }
      for (const id of v2) {
        const stop = stopOf(run, id);
        if (stop)
          return fail(`v2 was good, yet the router stopped ${id} at ${ms(stop.t)}.`, {
            at: stop.t,
            nodes: [id],
          });
      }
      return true;
    },
  ),

  budget(
    'p95 latency of requests',
    (run) => {
      const stats = latencyStats(requests(run).flatMap((e) => (e.latency === undefined ? [] : [e.latency])));
      return { value: stats.p95, detail: `(p50 ${ms(stats.p50)}, max ${ms(stats.max)})` };
    },
    { unit: 'ms p95', atMost: 100, reference: 38, digits: 0 },
  ),

  budget(
    'work sent per request',
    (run) => {
      const n = sends(run, { type: 'work', from: 'router' }).length;
      const r = requests(run).length;
      return { value: perOp(n, r), detail: `(${n} work messages for ${r} requests)` };
    },
    { unit: 'work messages per request', atMost: 1.1, reference: 1, digits: 2 },
  ),
] satisfies Check[];
