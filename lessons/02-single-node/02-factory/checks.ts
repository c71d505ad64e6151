import {
  budget,
  deliveries,
  eventsOf,
  fail,
  goal,
  invariant,
  listOf,
  ms,
  percentile,
  perOp,
  plural,
  sends,
} from '@playground/scenario';
import type { Check, Message, RunResult } from '@playground/scenario';

const MAX_WORKERS = 4;
/** A worker may be stopped while it owes an answer only after this long without one. */
const DEAD_AFTER_MS = 1500;

function jobOf(message: Message): number | undefined {
  const job = (message.body as { job?: unknown } | undefined)?.job;
  return typeof job === 'number' ? job : undefined;
}

/** The jobs the client submitted (its own numbers, drawn per seed), with when each was first sent. */
function submitted(run: RunResult): Map<number, number> {
  const out = new Map<number, number>();
  for (const s of sends(run, { from: 'client', type: 'submit' })) {
    const job = jobOf(s.message);
    if (job !== undefined && !out.has(job)) out.set(job, s.t);
  }
  return out;
}

/** The `done` reports the factory sent, in order. */
function reports(run: RunResult): { t: number; job: number; id: string }[] {
  return sends(run, { from: 'factory', type: 'done' }).flatMap((s) => {
    const job = jobOf(s.message);
    return job === undefined ? [] : [{ t: s.t, job, id: s.message.id }];
  });
}

/** " The factory's clock was set ahead by 1198 ms at 4784 ms." for its skews in [from, to]. */
function clockText(run: RunResult, from: number, to: number): string {
  const said = eventsOf(run, 'skew')
    .filter((e) => e.node === 'factory' && e.t >= from - 100 && e.t <= to)
    .map((e) =>
      e.offsetMs === 0
        ? `set right again at ${ms(e.t)}`
        : `set ${e.offsetMs > 0 ? 'ahead' : 'back'} by ${ms(Math.abs(e.offsetMs))} at ${ms(e.t)}`,
    );
  return said.length ? ` In between, the factory's clock was ${listOf(said)}.` : '';
}

const isWorker = (run: RunResult) => {
  const workers = new Set(
    eventsOf(run, 'spawn')
      .filter((e) => e.role === 'worker')
      .map((e) => e.node),
  );
  return (id: string) => workers.has(id);
};

export default [
  invariant(`never more than ${MAX_WORKERS} workers`, (run) => {
    // A worker counts from its spawn until the factory stops it. A crashed worker still counts: in a real
    // cluster it holds its machine until someone cleans it up.
    const alive = new Set<string>();
    const crashed = new Set<string>();
    for (const e of run.trace) {
      if (e.kind === 'spawn' && e.role === 'worker') {
        alive.add(e.node);
        if (alive.size > MAX_WORKERS) {
          const dead = [...alive].filter((id) => crashed.has(id));
          const deadText = dead.length ? ` (${listOf(dead)} had died but were never stopped)` : '';
          return fail(
            `${alive.size} workers at ${ms(e.t)} when ${e.node} started: ${listOf([...alive], 8)}${deadText}. ` +
              `Stop a dead worker with node.stop(id) before making its replacement.`,
            { at: e.t, nodes: [...alive] },
          );
        }
      } else if (e.kind === 'stop') {
        alive.delete(e.node);
      } else if (e.kind === 'crash') {
        crashed.add(e.node);
      }
    }
    return true;
  }),

  invariant(`a worker is stopped only when idle or silent for ${DEAD_AFTER_MS} ms`, (run) => {
    // Follow the trace, not the factory's bookkeeping: what had the factory sent the worker, and what had
    // come back from it, by the moment it was stopped?
    const worker = isWorker(run);
    const spawnedAt = new Map(eventsOf(run, 'spawn').map((e) => [e.node, e.t]));
    for (const stop of eventsOf(run, 'stop').filter((e) => worker(e.node))) {
      const id = stop.node;
      const heard = deliveries(run, { from: id, to: 'factory', before: stop.t + 0.001 });
      const ready = heard.some((d) => d.message.type === 'ready');
      const finished = new Set(
        heard.filter((d) => d.message.type === 'work_ok').map((d) => jobOf(d.message)),
      );
      // Each job handed to this worker (first send), that it had not answered yet: the job is what it owes.
      const owed = new Map<number, { t: number; id: string }>();
      for (const s of sends(run, { from: 'factory', to: id, type: 'work', before: stop.t + 0.001 })) {
        const job = jobOf(s.message);
        if (job !== undefined && !finished.has(job) && !owed.has(job))
          owed.set(job, { t: s.t, id: s.message.id });
      }
      const oldest = [...owed].sort((a, b) => a[1].t - b[1].t)[0];
      // What the worker owed, and since when: its `ready` since its spawn, or its oldest unanswered job.
      const since = !ready ? spawnedAt.get(id) : oldest?.[1].t;
      if (since === undefined) continue; // idle: stopping it is scaling down
      const silent = stop.t - since;
      // A little slack: measuring from when the job left the queue rather than from the send is fine.
      if (silent >= DEAD_AFTER_MS - 100) continue;
      const what = !ready
        ? `its ready (it was made at ${ms(since)})`
        : `job ${oldest![0]} (sent at ${ms(since)})`;
      return fail(
        `the factory stopped ${id} at ${ms(stop.t)}, while it still had time for ${what}: it had been ` +
          `silent for only ${ms(silent)}.${clockText(run, since, stop.t)} Stop a worker only after ` +
          `${DEAD_AFTER_MS} ms without an answer, measured on node.monotonic() (node.now() moves with the clock).`,
        { at: stop.t, nodes: [id, 'factory'], messages: [...owed.values()].map((o) => o.id) },
      );
    }
    return true;
  }),

  invariant('every job is reported done at most once', (run) => {
    const first = new Map<number, number>();
    for (const r of reports(run)) {
      const before = first.get(r.job);
      if (before === undefined) {
        first.set(r.job, r.t);
        continue;
      }
      const finished = deliveries(run, { to: 'factory', type: 'work_ok', before: r.t + 0.001 }).filter(
        (d) => jobOf(d.message) === r.job,
      );
      return fail(
        `job ${r.job} was reported done twice, at ${ms(before)} and ${ms(r.t)}; by then the factory had ` +
          `received ${plural(finished.length, 'work_ok')} for it (from ${listOf([...new Set(finished.map((d) => d.message.from))])}). ` +
          `A job handed out twice, or an answer the network delivered twice, still gets one done: remember which jobs you reported.`,
        { at: r.t, nodes: ['factory', 'client'], messages: [r.id, ...finished.map((d) => d.message.id)] },
      );
    }
    return true;
  }),

  goal('every job the client submitted is done', (run) => {
    const jobs = submitted(run);
    const reported = new Map<number, number>();
    for (const r of reports(run)) {
      // Cause: a `done` must follow a worker's `work_ok` for that job, received by the factory before it.
      const finished = deliveries(run, { to: 'factory', type: 'work_ok', before: r.t + 0.001 }).some(
        (d) => jobOf(d.message) === r.job,
      );
      if (!finished)
        return fail(`job ${r.job} was reported done at ${ms(r.t)}, but no worker had finished it by then.`, {
          at: r.t,
          nodes: ['factory'],
          messages: [r.id],
        });
      if (!reported.has(r.job)) reported.set(r.job, r.t);
    }
    const missing = [...jobs.keys()].filter((j) => !reported.has(j));
    if (missing.length === 0) return true;
    const spawned = eventsOf(run, 'spawn').filter((e) => e.role === 'worker');
    const died = eventsOf(run, 'crash').filter((c) => spawned.some((s) => s.node === c.node));
    const story = died.length
      ? ` ${listOf(died.map((c) => c.node))} died at ${ms(died[0]!.t)}; the factory made ` +
        `${plural(spawned.filter((s) => s.t > died[0]!.t).length, 'worker')} after that.`
      : '';
    const firstMissing = jobs.get(missing[0]!)!;
    return fail(
      `${reported.size} of ${jobs.size} jobs were done by ${ms(run.virtualMs)}; ${missing.length} never were ` +
        `(${listOf(missing.map(String), 6)}; the first submitted at ${ms(firstMissing)}).${story} ` +
        `Notice silent workers, stop them, queue their jobs again and make new ones.`,
      { at: firstMissing, nodes: ['factory'] },
    );
  }),

  budget(
    'each job is handed out about once',
    (run) => {
      const jobs = submitted(run).size;
      const work = sends(run, { from: 'factory', type: 'work' }).length;
      return { value: perOp(work, jobs), detail: `(${work} work messages for ${jobs} jobs)` };
    },
    { unit: 'work messages per job', atMost: 1.4, reference: 1.2 },
  ),

  budget(
    'jobs are done soon after they are submitted',
    (run) => {
      const jobs = submitted(run);
      const first = new Map<number, number>();
      for (const r of reports(run)) if (!first.has(r.job)) first.set(r.job, r.t);
      const waits = [...jobs].map(([job, t]) => (first.get(job) ?? run.virtualMs) - t);
      const p90 = percentile(waits, 90);
      return {
        value: p90,
        detail: `p90 from submit to done (${jobs.size} jobs, slowest ${ms(Math.max(...waits))})`,
      };
    },
    { unit: 'ms', atMost: 6500, reference: 4700, digits: 0 },
  ),
] satisfies Check[];
