/**
 * Headless runs that survive learner code which never returns. The job runs on a worker thread; this thread
 * watches its heartbeat (one beat per node batch) and, when a batch takes longer than the budget, kills the
 * thread and reports which node was running and what it was handling: an infinite loop cannot be stopped
 * from inside its own thread.
 */
import { Worker } from 'node:worker_threads';
import type { CheckResult, RunOutcome } from '../../workers/host/headless';
import type { LoadError, RoleSource } from '../../workers/kernel/protocol';
import { NODE_BATCH_BUDGET_MS, stuckReason } from '../../workers/host/watchdog-text';

export interface GuardedJob {
  lessonId: string;
  /** A step with its own exercise (its scenario and checks are used); the lesson's otherwise. */
  step?: number;
  roles: RoleSource[];
  /** `run`: one run on seeds[0]; `check`: the lesson's checkers over every seed. */
  mode: 'run' | 'check';
  seeds: number[];
  until?: number;
  /** `check`: stop after the first seed with a failing check. */
  stopAtFirstFailure?: boolean;
}

export type CheckOutcome = { ok: true; results: CheckResult[] } | { ok: false; errors: LoadError[] };

/** Thrown when a node blew its wall-clock budget; the message names the node and what it was doing. */
export class RunawayError extends Error {}

const MEMORY_LIMIT_MB = 2048;

export function runGuarded(job: GuardedJob & { mode: 'run' }, budgetMs?: number): Promise<RunOutcome>;
export function runGuarded(job: GuardedJob & { mode: 'check' }, budgetMs?: number): Promise<CheckOutcome>;
export function runGuarded(
  job: GuardedJob,
  budgetMs = NODE_BATCH_BUDGET_MS,
): Promise<RunOutcome | CheckOutcome> {
  const shared = new SharedArrayBuffer(8 + 1024);
  const beat = new Int32Array(shared, 0, 2);
  const text = new Uint8Array(shared, 8);
  const worker = new Worker(new URL('./guarded-worker-boot.mjs', import.meta.url), {
    workerData: { job, shared },
    // A runaway allocation then kills this thread (reported below), not the whole process.
    resourceLimits: { maxOldGenerationSizeMb: MEMORY_LIMIT_MB },
  });
  return new Promise((resolve, reject) => {
    let lastBeat = -1;
    let lastChange = performance.now();
    const watchdog = setInterval(
      () => {
        const now = performance.now();
        const current = Atomics.load(beat, 0);
        if (current !== lastBeat) {
          lastBeat = current;
          lastChange = now;
          return;
        }
        // Beat 0 means the job is still loading the lesson, which is not learner code.
        if (current > 0 && now - lastChange > budgetMs) {
          const doing = new TextDecoder().decode(text).replace(/\0+$/, '');
          finish(() => reject(new RunawayError(stuckReason(doing, budgetMs, 'run'))));
        }
      },
      Math.min(250, budgetMs / 4),
    );
    const finish = (settle: () => void) => {
      clearInterval(watchdog);
      void worker.terminate();
      settle();
    };
    worker.once(
      'message',
      (message: { ok: true; value: RunOutcome | CheckOutcome } | { ok: false; error: string }) =>
        finish(() => (message.ok ? resolve(message.value) : reject(new Error(message.error)))),
    );
    worker.once('error', (error: Error & { code?: string }) => {
      const outOfMemory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      const doing = new TextDecoder().decode(text).replace(/\0+$/, '');
      finish(() =>
        reject(
          outOfMemory
            ? new RunawayError(
                `${doing || 'the run'}: used more than ${MEMORY_LIMIT_MB} MB of memory; the run was stopped`,
              )
            : error,
        ),
      );
    });
  });
}
