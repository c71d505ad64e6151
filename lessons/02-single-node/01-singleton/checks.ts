import { eventsOf, goal, invariant } from '@playground/scenario';
import type { Check, RunResult } from '@playground/scenario';

/** The longest the job may stop, even while leadership moves after a crash or a partition. */
const MAX_GAP_MS = 2500;

function ms(t: number): string {
  return `${Math.round(t)} ms`;
}

interface Lease {
  holder: string;
  from: number;
  until: number;
}

/** The leases the lock granted, by the lock's clock: from the moment it said yes, for `ttl` ms. */
function leases(run: RunResult): Lease[] {
  return eventsOf(run, 'send')
    .filter((e) => e.node === 'lock' && e.message.type === 'acquire_ok')
    .flatMap((e) => {
      const body = e.message.body as { granted?: unknown; ttl?: unknown };
      if (body.granted !== true || typeof body.ttl !== 'number') return [];
      return [{ holder: e.message.to, from: e.t, until: e.t + body.ttl }];
    });
}

/** Every job sent to the store: when, and by whom. */
function jobs(run: RunResult): { t: number; by: string }[] {
  return eventsOf(run, 'send')
    .filter((e) => e.message.type === 'job')
    .map((e) => ({ t: e.t, by: e.node }));
}

/** The faults (crash, partition) near a moment, to say what happened there. */
function faultsNear(run: RunResult, t: number): string {
  const near = run.trace.filter((e) => Math.abs(e.t - t) <= 1200);
  const said = near.flatMap((e) => {
    if (e.kind === 'crash') return [`${e.node} crashed at ${ms(e.t)}`];
    if (e.kind === 'partition') return [`${e.from} was cut off from ${e.to} at ${ms(e.t)}`];
    return [];
  });
  return said.length ? ` Around then: ${said.join('; ')}.` : '';
}

export default [
  invariant('one leader at a time: every job runs under its sender’s lease', (run) => {
    const granted = leases(run);
    const bad = jobs(run).filter(
      (job) => !granted.some((l) => l.holder === job.by && l.from <= job.t && job.t < l.until),
    );
    if (bad.length === 0) return true;
    const first = bad[0]!;
    const own = granted.filter((l) => l.holder === first.by && l.from <= first.t).pop();
    const other = granted.find((l) => l.holder !== first.by && l.from <= first.t && first.t < l.until);
    const ownText = own
      ? `its last lease from the lock ran from ${ms(own.from)} to ${ms(own.until)}`
      : 'the lock had never granted it a lease';
    const otherText = other ? `, and ${other.holder} held the lease from ${ms(other.from)}` : '';
    const perNode = new Map<string, number>();
    for (const job of bad) perNode.set(job.by, (perNode.get(job.by) ?? 0) + 1);
    const who = [...perNode].map(([n, c]) => `${n}: ${c}`).join(', ');
    return (
      `${first.by} sent a job at ${ms(first.t)} without a lease: ${ownText}${otherText}. ` +
      `In all, ${bad.length} of ${jobs(run).length} jobs ran without a lease (${who}).` +
      faultsNear(run, own?.until ?? first.t)
    );
  }),

  goal(`the job keeps running: never stopped for more than ${MAX_GAP_MS} ms`, (run) => {
    const times = jobs(run)
      .map((j) => j.t)
      .sort((a, b) => a - b);
    if (times.length === 0) return 'no candidate ever ran the job (no job message was sent).';
    const points = [0, ...times, run.virtualMs];
    let worst = { from: 0, to: 0 };
    for (let i = 1; i < points.length; i++) {
      const from = points[i - 1]!;
      const to = points[i]!;
      if (to - from > worst.to - worst.from) worst = { from, to };
    }
    if (worst.to - worst.from <= MAX_GAP_MS) return true;
    return (
      `no job ran from ${ms(worst.from)} to ${ms(worst.to)} (${ms(worst.to - worst.from)}; ` +
      `at most ${MAX_GAP_MS} ms allowed): a standby should take over once the leader's lease has run out.` +
      faultsNear(run, worst.from)
    );
  }),
] satisfies Check[];
