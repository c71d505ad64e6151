/**
 * The worker-thread half of a guarded headless job (see guarded.ts): runs the job over a GuardedHost that
 * writes, before each node's batch, a heartbeat and a sentence naming the node into shared memory.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkScenario, runScenario } from '../../workers/host/headless';
import { GuardedHost } from '../../workers/host/guarded-host';
import { InProcessHost } from '../../workers/host/in-process-host';
import { reportUnhandledRejection } from '../../workers/runtime/node-runtime';
import type { BatchOutcome, GuardedJob } from './guarded';
import { exerciseFor, findLesson } from './lesson-loader';
import { reportRealmRejection, useRealmSource, VmHost } from './realm/vm-host';

const { job, shared } = workerData as { job: GuardedJob; shared: SharedArrayBuffer };
if (job.realmSource !== undefined) useRealmSource(job.realmSource);

// Learner code's unhandled rejections are errors of its node, not the end of the run (Node's default).
process.on('unhandledRejection', (reason, promise) => {
  if (job.host === 'in-process') reportUnhandledRejection(reason);
  else if (!reportRealmRejection(reason, promise))
    console.error('unhandled rejection in the engine:', reason);
});
const beat = new Int32Array(shared, 0, 2);
const text = new Uint8Array(shared, 8);
const encoder = new TextEncoder();

function enter(doing: string): void {
  text.fill(0);
  encoder.encodeInto(doing.slice(0, 400), text);
  Atomics.add(beat, 0, 1);
}

async function main() {
  const lesson = await findLesson(job.lessonId);
  if (!lesson) throw new Error(`no lesson named '${job.lessonId}'`);
  const { scenario } = exerciseFor(lesson, job.step);
  // An empty sentence: no node runs (the watchdog in guarded.ts does not count that time).
  const host = () =>
    new GuardedHost(job.host === 'in-process' ? new InProcessHost() : new VmHost(), enter, () => enter(''));
  if (job.mode === 'run') {
    const guarded = host();
    return runScenario({
      scenario: scenario,
      roles: job.roles,
      seed: job.seeds[0]!,
      until: job.until,
      host: guarded,
    }).finally(() => guarded.dispose());
  }
  if (job.batch) {
    const outcomes: BatchOutcome[] = [];
    for (const item of job.batch) {
      try {
        outcomes.push(
          await checkScenario(scenario, item.roles, job.seeds, host, {
            stopAtFirstFailure: item.stopAtFirstFailure,
          }),
        );
      } catch (error) {
        outcomes.push({ ok: false, thrown: error instanceof Error ? error.message : String(error) });
      }
    }
    return outcomes;
  }
  return checkScenario(scenario, job.roles, job.seeds, host, {
    stopAtFirstFailure: job.stopAtFirstFailure,
  });
}

main().then(
  (value) => parentPort!.postMessage({ ok: true, value }),
  (error: unknown) =>
    parentPort!.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) }),
);
