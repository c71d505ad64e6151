import {
  budget,
  deliveries,
  describeFault,
  fail,
  faultsNear,
  goal,
  invariant,
  listOf,
  ms,
  plural,
  receivedBefore,
  repliesTo,
  sends,
} from '@playground/scenario';
import type { Check, Message, RunResult, Send } from '@playground/scenario';

/** The longest the job may stop (at the store), even while leadership moves after a fault. */
const MAX_GAP_MS = 3000;
/** Lease requests per second, all candidates together: the reference asks every 300 ms each. */
const REQUESTS_PER_S = { reference: 8.8, atMost: 20 };

interface Lease {
  holder: string;
  token: number;
  from: number;
  until: number;
}

function bodyOf(m: Message): Record<string, unknown> {
  return (m.body ?? {}) as Record<string, unknown>;
}

/** The leases the lock granted, by the lock's (true, monotonic) clock: from the moment it said yes, for `ttl` ms. */
function leases(run: RunResult): Lease[] {
  return sends(run, { type: 'acquire_ok', from: 'lock' }).flatMap((s) => {
    const { granted, ttl, token } = bodyOf(s.message);
    if (granted !== true || typeof ttl !== 'number' || typeof token !== 'number') return [];
    return [{ holder: s.message.to, token, from: s.t, until: s.t + ttl }];
  });
}

/** The store's verdict on a job: its own `job_ok` reply (the store is not the learner's code). */
function verdictOf(run: RunResult, job: Send): { accepted: boolean; why?: string } | undefined {
  const reply = repliesTo(run, job.message.id).find((m) => m.from === 'store');
  if (!reply) return undefined;
  const { accepted, why } = bodyOf(reply);
  return { accepted: accepted === true, ...(typeof why === 'string' ? { why } : {}) };
}

const jobs = (run: RunResult) => sends(run, { type: 'job', to: 'store' });

/** What happened to one node in [from, to] (and any skew of the lock's clock): " Meanwhile: candidate-2's clock was set back ...". */
function faultsOf(run: RunResult, node: string, from: number, to: number): string {
  const said = run.trace
    .filter(
      (e) =>
        (e.t >= from &&
          e.t <= to &&
          (('node' in e && e.node === node) || ('from' in e && e.from === node))) ||
        (e.kind === 'skew' && e.node === 'lock' && e.t <= to),
    )
    .map(describeFault)
    .filter((text): text is string => text !== undefined);
  return said.length ? ` Meanwhile: ${listOf(said, 4)}.` : '';
}

export default [
  invariant('one leader at a time: every job runs under its sender’s lease', (run) => {
    const granted = leases(run);
    const all = jobs(run);
    const bad = all.filter(
      (job) => !granted.some((l) => l.holder === job.node && l.from <= job.t && job.t < l.until),
    );
    if (bad.length === 0) return true;
    const first = bad[0]!;
    const own = granted.filter((l) => l.holder === first.node && l.from <= first.t).pop();
    const other = granted.find((l) => l.holder !== first.node && l.from <= first.t && first.t < l.until);
    const ownText = own
      ? `its last lease from the lock ran from ${ms(own.from)} to ${ms(own.until)}`
      : 'the lock had never granted it a lease';
    const otherText = other ? `, and ${other.holder} held the lease from ${ms(other.from)}` : '';
    const perNode = new Map<string, number>();
    for (const job of bad) perNode.set(job.node, (perNode.get(job.node) ?? 0) + 1);
    const who = [...perNode].map(([n, c]) => `${n}: ${c}`).join(', ');
    return fail(
      `${first.node} sent a job at ${ms(first.t)} without a lease: ${ownText}${otherText}. ` +
        `In all, ${bad.length} of ${all.length} jobs ran without a lease (${who}).` +
        faultsOf(run, first.node, (own?.from ?? first.t) - 1000, first.t) +
        ` Time the lease on node.monotonic() from just before you asked, and check it before every job.`,
      { at: first.t, nodes: [first.node, ...(other ? [other.holder] : [])], messages: [first.message.id] },
    );
  }),

  invariant('fenced writes: the store accepts a job only with its sender’s current token', (run) => {
    // Follow cause: the token on an accepted job must be the one in the newest grant its sender had
    // received from the lock when it sent the job, not a number of its own nor one from an older lease.
    for (const job of jobs(run)) {
      if (!verdictOf(run, job)?.accepted) continue;
      const token = bodyOf(job.message).token;
      const grants = receivedBefore(run, job.node, job.t, { type: 'acquire_ok', from: 'lock' }).filter(
        (d) => bodyOf(d.message).granted === true,
      );
      const newest = grants[0];
      const newestToken = newest ? bodyOf(newest.message).token : undefined;
      if (token === newestToken) continue;
      const ever = grants.some((d) => bodyOf(d.message).token === token);
      const said = ever
        ? `a token from an older lease: its newest grant (received at ${ms(newest!.t)}) was token ${String(newestToken)}`
        : newest
          ? `a token the lock never granted it (its newest grant, at ${ms(newest.t)}, was token ${String(newestToken)})`
          : 'a token, though the lock had never granted it a lease';
      return fail(
        `the store accepted ${job.node}'s job sent at ${ms(job.t)} with token ${String(token)}: ${said}. ` +
          `Put the token of the grant you lead by on every job.`,
        { at: job.t, nodes: [job.node, 'store'], messages: [job.message.id] },
      );
    }
    return true;
  }),

  goal(`the job keeps running: the store accepts a job at least every ${MAX_GAP_MS} ms`, (run) => {
    const all = jobs(run);
    const refused = all.filter((j) => verdictOf(run, j)?.accepted === false);
    const accepted = deliveries(run, { type: 'job', to: 'store' })
      .filter((d) => repliesTo(run, d.message.id).some((r) => bodyOf(r).accepted === true))
      .map((d) => d.t);
    const points = [0, ...accepted, run.virtualMs];
    let worst = { from: 0, to: 0 };
    for (let i = 1; i < points.length; i++) {
      if (points[i]! - points[i - 1]! > worst.to - worst.from)
        worst = { from: points[i - 1]!, to: points[i]! };
    }
    if (worst.to - worst.from <= MAX_GAP_MS) return true;
    const whys = [...new Set(refused.map((j) => verdictOf(run, j)?.why ?? 'refused'))];
    const refusedText = refused.length
      ? ` The store refused ${plural(refused.length, 'job')} (${listOf(whys, 3)}).`
      : all.length === 0
        ? ' No candidate ever sent a job.'
        : '';
    return fail(
      `the store accepted no job from ${ms(worst.from)} to ${ms(worst.to)} (${ms(worst.to - worst.from)}; ` +
        `at most ${MAX_GAP_MS} ms allowed).${refusedText}` +
        faultsNear(run, worst.from, 1500) +
        ` A standby should take over once the leader's lease has run out, and every job needs its lease's token.`,
      { at: worst.from },
    );
  }),

  budget(
    'the lock is asked at a steady pace: lease requests per second',
    (run) => {
      const asks = sends(run, { type: 'acquire', to: 'lock' }).length;
      const seconds = run.virtualMs / 1000;
      return {
        value: asks / seconds,
        detail: `(${asks} acquire requests from all candidates in ${seconds} s; renew every few hundred ms, well inside the 1000 ms lease)`,
      };
    },
    { unit: 'requests per second', ...REQUESTS_PER_S },
  ),
] satisfies Check[];
