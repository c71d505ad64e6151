import { deliveries, fail, goal, invariant, ms, pct, plural, sends } from '@playground/scenario';
import type { Check, RunResult, Send } from '@playground/scenario';
import lessonChecks from '../../checks';
import { field, isReplica, requests } from '../../follow';

/** A bad build 2 may serve at most this share of the calls while it is live (a tenth, with room for chance). */
const MAX_BAD_SHARE = 0.25;
/** A bad build 2 must get no call later than this after its 3rd error reached the gateway. */
const ROLLBACK_MS = 500;
/** A good build 2 must serve every call from this long after the deploy. */
const PROMOTE_MS = 5000;

const buildOf = (s: Send) => (field(s.message.body, 'build') === 2 ? 2 : 1);

/** What the trace says of the rollout: the deploy, whether build 2 was bad, its calls and its errors. */
function rollout(run: RunResult) {
  const deploy = deliveries(run, { type: 'deploy', to: 'gateway' })[0];
  // The release's install (a role the learner does not write) says whether this seed's build is bad.
  const install = sends(run, { type: 'install', from: 'release' })[0];
  const bad = field(install?.message.body, 'bad') === true;
  const calls = sends(run, { type: ['get', 'put'], from: 'gateway', to: isReplica });
  const errors = deliveries(run, { type: 'error', to: 'gateway' }).filter(
    (d) => isReplica(d.message.from) && field(d.message.body, 'build') === 2,
  );
  return { deploy, bad, calls, errors };
}

export const badShare = invariant(
  `a bad build 2 serves at most ${pct(MAX_BAD_SHARE)} of the calls`,
  (run) => {
    const { deploy, bad, calls } = rollout(run);
    if (!deploy || !bad) return true;
    const v2 = calls.filter((c) => buildOf(c) === 2);
    if (v2.length === 0) return true;
    const last = v2[v2.length - 1]!.t;
    const live = calls.filter((c) => c.t >= v2[0]!.t && c.t <= last);
    if (v2.length <= live.length * MAX_BAD_SHARE || v2.length < 10) return true;
    return fail(
      `build 2 was bad on this seed, and it served ${v2.length} of the ${live.length} calls the gateway made ` +
        `between ${ms(v2[0]!.t)} and ${ms(last)} (${pct(v2.length / live.length)}; at most ${pct(MAX_BAD_SHARE)}). ` +
        'A canary gives the new build a small share of the keys first (a tenth), and more only once it has done well.',
      { at: last, nodes: ['gateway'], messages: [v2[0]!.message.id] },
    );
  },
);

export const sticky = invariant('each key moves to build 2 once', (run) => {
  const { errors, calls } = rollout(run);
  const last = new Map<string, Send>();
  const moved = new Set<string>();
  for (const c of calls) {
    const key = String(field(c.message.body, 'key'));
    const before = last.get(key);
    last.set(key, c);
    if (!before || buildOf(before) === buildOf(c)) continue;
    const where = { at: c.t, nodes: ['gateway', c.message.to], messages: [before.message.id, c.message.id] };
    if (buildOf(c) === 2) {
      if (!moved.has(key)) {
        moved.add(key);
        continue;
      }
      return fail(
        `${key} went from build 2 back to build 1, and again to build 2 at ${ms(c.t)}: once build 2 is rolled ` +
          'back, leave every key on build 1.',
        where,
      );
    }
    if (errors.some((e) => e.t <= c.t)) continue;
    return fail(
      `the gateway sent ${key} to build 2 at ${ms(before.t)} and to build 1 at ${ms(c.t)}, before build 2 had ` +
        'failed anything: a key stays on its build (choose the canary keys once, by key, not a coin per call), ' +
        'so each client sees one version of the store.',
      where,
    );
  }
  return true;
});

export const rolledBack = goal(
  `a bad build 2 is rolled back within ${ms(ROLLBACK_MS)} of its 3rd error`,
  (run) => {
    const { bad, calls, errors } = rollout(run);
    const third = errors[2];
    if (!bad || !third) return true;
    const late = calls.filter((c) => buildOf(c) === 2 && c.t > third.t + ROLLBACK_MS);
    if (late.length === 0) return true;
    return fail(
      `build 2 answered its 3rd error at ${ms(third.t)} (${third.message.from}: ` +
        `${String(field(third.message.body, 'error'))}), and the gateway still sent it ` +
        `${plural(late.length, 'call')} after ${ms(third.t + ROLLBACK_MS)}, the first at ${ms(late[0]!.t)}. ` +
        'Count the error replies of build 2, and after a couple of them send every key back to build 1.',
      {
        at: late[0]!.t,
        nodes: ['gateway', late[0]!.message.to],
        messages: [third.message.id, late[0]!.message.id],
      },
    );
  },
);

export const promoted = goal(
  `a good build 2 serves every call from ${ms(PROMOTE_MS)} after the deploy`,
  (run) => {
    const { deploy, bad, calls } = rollout(run);
    if (!deploy || bad) return true;
    const old = calls.filter((c) => c.t >= deploy.t + PROMOTE_MS && buildOf(c) === 1);
    if (old.length === 0) return true;
    return fail(
      `build 2 was good on this seed (deployed at ${ms(deploy.t)}), but the gateway still sent ` +
        `${plural(old.length, 'call')} to build 1 after ${ms(deploy.t + PROMOTE_MS)}, the first at ${ms(old[0]!.t)} ` +
        `for ${String(field(old[0]!.message.body, 'key'))}. Grow the canary in stages (a tenth, half, all) while ` +
        'build 2 does well.',
      { at: old[0]!.t, nodes: ['gateway'], messages: [old[0]!.message.id] },
    );
  },
);

export const notFailedByV2 = invariant('no request fails because of build 2', (run) => {
  const hit = requests(run).find(
    (r) => !r.ok && r.reached.some((x) => x.reply.type === 'error' && field(x.reply.body, 'build') === 2),
  );
  if (!hit) return true;
  const err = hit.reached.find((x) => x.reply.type === 'error')!;
  return fail(
    `${hit.client}’s ${hit.op} of ${hit.key} at ${ms(hit.x.sentAt)} failed after build 2 on ` +
      `${err.reply.from} answered it an error at ${ms(err.at)}: a failed canary call is the new build's fault, ` +
      'not the client’s. Try the request again (on build 1 once build 2 is rolled back).',
    {
      at: err.at,
      nodes: [err.reply.from, 'gateway', hit.client],
      messages: [err.reply.id, hit.x.request.id],
    },
  );
});

/** The rollout's checks first (the step's point), then the lesson's checks of the whole store. */
export default [badShare, sticky, rolledBack, promoted, notFailedByV2, ...lessonChecks] satisfies Check[];
