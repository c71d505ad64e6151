/**
 * "Check": the lesson's checkers over many seeds, in a dedicated Worker (never on the main thread), which
 * is terminated when done or when it runs past a budget (learner code may loop forever).
 */
import * as Comlink from 'comlink';
import type { CheckResult } from '../../workers/host/headless';
import type { LoadError, RoleSource } from '../../workers/kernel/protocol';
import type { LessonEntry } from '../catalog/types';
import type { CheckWorkerApi } from './check.worker';

export type CheckOutcome =
  | { kind: 'results'; results: CheckResult[]; seeds: number[] }
  | { kind: 'compile-errors'; errors: LoadError[] }
  | { kind: 'failed'; reason: string };

const BUDGET_MS = 30_000;

/** The seeds the lesson asks for (default: 1..10). */
export function checkSeeds(lesson: LessonEntry): number[] {
  const { first, count } = lesson.scenario.checkSeeds ?? { first: 1, count: 10 };
  return Array.from({ length: count }, (_, i) => first + i);
}

export async function runChecks(lesson: LessonEntry, roles: RoleSource[]): Promise<CheckOutcome> {
  const worker = new Worker(new URL('./check.worker.ts', import.meta.url), { type: 'module' });
  const api = Comlink.wrap<CheckWorkerApi>(worker);
  const seeds = checkSeeds(lesson);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<CheckOutcome>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({
          kind: 'failed',
          reason: `the checks took longer than ${BUDGET_MS / 1000} s (an endless loop?)`,
        }),
      BUDGET_MS,
    );
  });
  try {
    const checked = api
      .check(lesson.exerciseDir, roles, seeds)
      .then((outcome): CheckOutcome =>
        outcome.ok
          ? { kind: 'results', results: outcome.results, seeds }
          : { kind: 'compile-errors', errors: outcome.errors },
      );
    return await Promise.race([checked, timeout]);
  } catch (error) {
    return { kind: 'failed', reason: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
    api[Comlink.releaseProxy]();
    worker.terminate();
  }
}
