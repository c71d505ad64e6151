import { eventsOf, goal, invariant } from '@playground/scenario';
import type { Check, Message, RunResult } from '@playground/scenario';

const JOBS = 40;
const MAX_WORKERS = 4;

function ms(t: number): string {
  return `${Math.round(t)} ms`;
}

function jobOf(message: Message | undefined): number | undefined {
  const job = (message?.body as { job?: unknown } | undefined)?.job;
  return typeof job === 'number' ? job : undefined;
}

/** `done` reports the factory sent, in order. */
function reports(run: RunResult): { t: number; job: number }[] {
  return eventsOf(run, 'send').flatMap((e) => {
    const job = e.node === 'factory' && e.message.type === 'done' ? jobOf(e.message) : undefined;
    return job === undefined ? [] : [{ t: e.t, job }];
  });
}

/** What happened to the workers: how many were made, which crashed, which the factory replaced. */
function workersStory(run: RunResult): string {
  const spawned = eventsOf(run, 'spawn').filter((e) => e.role === 'worker');
  const crashes = eventsOf(run, 'crash').filter((c) => spawned.some((s) => s.node === c.node));
  let story = `The factory started ${spawned.length} worker${spawned.length === 1 ? '' : 's'}`;
  if (crashes.length > 0) {
    const at = crashes[0]!.t;
    const after = spawned.filter((s) => s.t > at).length;
    story +=
      `; ${crashes.map((c) => c.node).join(', ')} crashed at ${ms(at)}` +
      (after === 0 ? ' and none was replaced' : `, and ${after} were started after that`);
  }
  return `${story}.`;
}

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
          const deadText = dead.length ? ` (${dead.join(', ')} had crashed but were never stopped)` : '';
          return (
            `${alive.size} workers at ${ms(e.t)} when ${e.node} started: ${[...alive].join(', ')}${deadText}. ` +
            `Stop a dead worker with node.stop(id) before making its replacement.`
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

  invariant('every job is reported done at most once', (run) => {
    const times = new Map<number, number[]>();
    for (const r of reports(run)) times.set(r.job, [...(times.get(r.job) ?? []), r.t]);
    const twice = [...times].filter(([, ts]) => ts.length > 1);
    if (twice.length === 0) return true;
    const [job, ts] = twice[0]!;
    return (
      `job ${job} was reported done ${ts.length} times (at ${ts.map(ms).join(', ')}); ` +
      `${twice.length} jobs were reported more than once.`
    );
  }),

  goal(`all ${JOBS} jobs done`, (run) => {
    const byId = new Map(eventsOf(run, 'send').map((e) => [e.message.id, e.message]));
    const finished = new Set<number>();
    for (const d of eventsOf(run, 'deliver')) {
      const job = d.node === 'factory' && d.type === 'work_ok' ? jobOf(byId.get(d.messageId)) : undefined;
      if (job !== undefined) finished.add(job);
    }
    const reported = reports(run);
    const fake = reported.find((r) => !finished.has(r.job));
    if (fake) return `job ${fake.job} was reported done at ${ms(fake.t)}, but no worker ever finished it.`;
    const jobs = new Set(reported.map((r) => r.job));
    const missing = Array.from({ length: JOBS }, (_, i) => i + 1).filter((j) => !jobs.has(j));
    if (missing.length === 0) return true;
    const last = reported.length ? `, the last at ${ms(reported[reported.length - 1]!.t)}` : '';
    return (
      `${jobs.size} of ${JOBS} jobs were done by ${ms(run.virtualMs)}${last}; ${missing.length} never were ` +
      `(${missing.slice(0, 6).join(', ')}${missing.length > 6 ? ', ...' : ''}). ${workersStory(run)}`
    );
  }),
] satisfies Check[];
