/**
 * "Check": the lesson's checkers over many seeds, in a dedicated Worker (never on the main thread), which
 * is terminated when done, or when one node's batch runs past a budget (learner code may loop forever): the
 * Worker posts which node it is about to run, so the message names that node, its file and line.
 */
import * as Comlink from 'comlink';
import type { CheckResult } from '../../workers/host/headless';
import type { LoadError, RoleSource } from '../../workers/kernel/protocol';
import { checkSeedsOf } from '../../workers/kernel/scenario';
import { NODE_BATCH_BUDGET_MS, stuckReason } from '../../workers/host/watchdog-text';
import type { LessonEntry } from '../catalog/types';
import type { CheckWorkerApi } from './check.worker';
import { CHECK_PROGRESS, isCheckProgress } from './progress';

export type CheckOutcome =
  | { kind: 'results'; results: CheckResult[]; seeds: number[] }
  | { kind: 'compile-errors'; errors: LoadError[] }
  | { kind: 'failed'; reason: string };

/** How long loading the lesson's modules and compiling may take before the first batch. */
const START_BUDGET_MS = 20_000;

/** Seeds checked so far, for the progress bar. */
export interface CheckProgress {
  done: number;
  total: number;
}

/** Runs the exercise's checks over its seeds (DEFAULT_CHECK_SEEDS unless the scenario says). */
export async function runChecks(
  lesson: LessonEntry,
  roles: RoleSource[],
  onProgress?: (progress: CheckProgress) => void,
): Promise<CheckOutcome> {
  const worker = new Worker(new URL('./check.worker.ts', import.meta.url), { type: 'module' });
  const api = Comlink.wrap<CheckWorkerApi>(worker);
  const seeds = checkSeedsOf(lesson.scenario);
  onProgress?.({ done: 0, total: seeds.length });
  let doing: string | undefined;
  let lastProgress = performance.now();
  worker.addEventListener('message', (event: MessageEvent) => {
    if (!isCheckProgress(event.data)) return;
    doing = event.data[CHECK_PROGRESS] ?? doing;
    lastProgress = performance.now();
    if (event.data.seeds) onProgress?.(event.data.seeds);
  });
  let timer: ReturnType<typeof setInterval> | undefined;
  const timeout = new Promise<CheckOutcome>((resolve) => {
    timer = setInterval(() => {
      const quiet = performance.now() - lastProgress;
      if (doing !== undefined && quiet > NODE_BATCH_BUDGET_MS) {
        resolve({
          kind: 'failed',
          reason: stuckReason(doing, NODE_BATCH_BUDGET_MS, 'checks'),
        });
      } else if (doing === undefined && quiet > START_BUDGET_MS) {
        resolve({ kind: 'failed', reason: `the checks did not start within ${START_BUDGET_MS / 1000} s` });
      }
    }, 250);
  });
  try {
    const checked = api
      .check(lesson.scenarioPath, lesson.checksPath, roles, seeds)
      .then((outcome): CheckOutcome =>
        outcome.ok
          ? { kind: 'results', results: outcome.results, seeds }
          : { kind: 'compile-errors', errors: outcome.errors },
      );
    return await Promise.race([checked, timeout]);
  } catch (error) {
    return { kind: 'failed', reason: error instanceof Error ? error.message : String(error) };
  } finally {
    clearInterval(timer);
    api[Comlink.releaseProxy]();
    worker.terminate();
  }
}
