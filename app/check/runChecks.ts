/**
 * "Check": the lesson's checkers over many seeds, in dedicated check Workers (never on the main thread; as
 * many as the machine has cores, up to 4, each taking a share of the seeds), which are terminated when done,
 * or when one node's batch runs past a budget (learner code may loop forever): each Worker posts which node
 * it is about to run, so the message names that node, its file and line.
 */
import * as Comlink from 'comlink';
import type { CheckResult } from '../../workers/host/headless';
import type { ShrunkSeed } from '../../workers/host/shrink';
import type { LoadError, RoleSource } from '../../workers/kernel/protocol';
import { checkSeedsOf } from '../../workers/kernel/scenario';
import { createNodeFrame, FRAMED } from '../../workers/host/node-frame';
import { budgetFor, stuckReason } from '../../workers/host/watchdog-text';
import type { LessonEntry } from '../catalog/types';
import { checkSeedCountForTests, checkUnsealedForTests } from '../test-api';
import type { CheckWorkerApi } from './check.worker';
import { CHECK_PROGRESS, isCheckProgress } from './progress';

export type CheckOutcome =
  /**
   * `workersStarted`: node Workers started for the whole Check (they are reused across seeds);
   * `sealedSeeds`: seeds whose verdict came from a sealed check Worker (check.worker.ts), the rest from node Workers.
   */
  | {
      kind: 'results';
      results: CheckResult[];
      seeds: number[];
      workersStarted: number;
      sealedSeeds: number;
      /**
       * The first failure's seed and check, while its drawn faults are being shrunk: the results are shown
       * at once, and `onShrunk` brings the shrunk schedule when it is found.
       */
      shrinking?: { seed: number; check: string };
      /** The first failure's seed rerun with its drawn faults shrunk (undefined: nothing to shrink). */
      shrunk?: ShrunkSeed;
    }
  | { kind: 'compile-errors'; errors: LoadError[] }
  | { kind: 'failed'; reason: string };

/** How long loading the lesson's modules and compiling may take before the first batch. */
const START_BUDGET_MS = 20_000;

/** Seeds checked so far, for the progress bar. */
export interface CheckProgress {
  done: number;
  total: number;
}

export interface CheckCallbacks {
  onProgress?(progress: CheckProgress): void;
  /**
   * After the outcome, when it has a failure to shrink (`shrinking`): the failing seed rerun with its drawn
   * faults shrunk, or undefined when nothing came of it. Never called once `signal` is aborted.
   */
  onShrunk?(shrunk: ShrunkSeed | undefined): void;
  /** Stops a shrink still running (a new Check, the page closed): its Worker is terminated. */
  signal?: AbortSignal;
}

/**
 * How many check Workers share the seeds. A seed's run waits on its node Workers window by window, so it keeps
 * about one core busy: seeds in parallel use the rest (the page itself is idle while Check runs).
 */
function parallelism(seeds: number): number {
  const cores = typeof navigator === 'undefined' ? 2 : navigator.hardwareConcurrency || 2;
  return Math.max(1, Math.min(4, cores, seeds));
}

/** Runs the exercise's checks over its seeds (DEFAULT_CHECK_SEEDS unless the scenario says). */
export async function runChecks(
  lesson: LessonEntry,
  roles: RoleSource[],
  { onProgress, onShrunk, signal }: CheckCallbacks = {},
): Promise<CheckOutcome> {
  const seeds = checkSeedsOf(lesson.scenario, checkSeedCountForTests());
  onProgress?.({ done: 0, total: seeds.length });
  // Seeds dealt round-robin, so a slow stretch of seeds is shared; results are put back in seed order.
  const count = parallelism(seeds.length);
  const shares = Array.from({ length: count }, (_, k) => seeds.filter((_, i) => i % count === k));
  const done = shares.map(() => 0);
  const chunks = shares.map((share, k) =>
    checkShare(lesson, roles, share, (finished) => {
      done[k] = finished;
      onProgress?.({ done: done.reduce((a, b) => a + b, 0), total: seeds.length });
    }),
  );
  const outcomes = await settleFirstFailure(chunks);
  const stopped = outcomes.find((o) => o.kind !== 'results');
  if (stopped) return stopped;
  const order = new Map(seeds.map((seed, i) => [seed, i]));
  const shared = outcomes.flatMap((o) => (o.kind === 'results' ? [o] : []));
  const results = shared.flatMap((o) => o.results).sort((a, b) => order.get(a.seed)! - order.get(b.seed)!);
  const workersStarted = shared.reduce((sum, o) => sum + o.workersStarted, 0);
  const sealedSeeds = shared.reduce((sum, o) => sum + o.sealedSeeds, 0);
  const failure = results.find((r) => !r.passed);
  if (!failure || !lesson.scenario.nemesis?.length)
    return { kind: 'results', results, seeds, workersStarted, sealedSeeds };
  // The failure is shown now; its seed's drawn faults are shrunk meanwhile (up to 24 whole runs of the seed:
  // most of a minute on a slow lesson), to those that still fail the same check, for the replay.
  shrinkInBackground(lesson, roles, failure, onShrunk, signal);
  return {
    kind: 'results',
    results,
    seeds,
    workersStarted,
    sealedSeeds,
    shrinking: { seed: failure.seed, check: failure.name },
  };
}

function shrinkInBackground(
  lesson: LessonEntry,
  roles: RoleSource[],
  failure: CheckResult,
  onShrunk: CheckCallbacks['onShrunk'],
  signal: AbortSignal | undefined,
): void {
  if (signal?.aborted) return;
  const run = inCheckWorker((api, frame) =>
    api.shrink(
      lesson.scenarioPath,
      lesson.checksPath,
      roles,
      failure.seed,
      failure.name,
      frame,
      !checkUnsealedForTests(),
    ),
  );
  const stop = () => run.abort();
  signal?.addEventListener('abort', stop, { once: true });
  void run.outcome.then((outcome) => {
    signal?.removeEventListener('abort', stop);
    if (signal?.aborted) return;
    onShrunk?.('shrunk' in outcome ? outcome.shrunk : undefined);
  });
}

/**
 * All the shares' outcomes, or as soon as one share stops (does not compile, a node never returns), that one
 * alone: the other Workers are then terminated by their `finally`, through `abort`.
 */
async function settleFirstFailure(chunks: ShareRun[]): Promise<CheckOutcome[]> {
  const stopped = new Promise<CheckOutcome[]>((resolve) =>
    chunks.forEach((c) => void c.outcome.then((o) => o.kind !== 'results' && resolve([o]))),
  );
  try {
    return await Promise.race([Promise.all(chunks.map((c) => c.outcome)), stopped]);
  } finally {
    for (const c of chunks) c.abort();
  }
}

interface ShareRun {
  outcome: Promise<CheckOutcome>;
  abort(): void;
}

/** One check Worker over some of the seeds. */
function checkShare(
  lesson: LessonEntry,
  roles: RoleSource[],
  seeds: number[],
  onSeeds: (done: number) => void,
): ShareRun {
  return inCheckWorker(
    (api, frame) =>
      api
        .check(lesson.scenarioPath, lesson.checksPath, roles, seeds, frame, !checkUnsealedForTests())
        .then((outcome): CheckOutcome =>
          outcome.ok
            ? {
                kind: 'results',
                results: outcome.results,
                seeds,
                workersStarted: outcome.workersStarted,
                sealedSeeds: outcome.sealedSeeds,
              }
            : { kind: 'compile-errors', errors: outcome.errors },
        ),
    onSeeds,
  );
}

type Stopped = Extract<CheckOutcome, { kind: 'failed' }>;

/** One check Worker doing `call`, with its own watchdog: a node that stops making progress stops it. */
function inCheckWorker<T>(
  call: (api: Comlink.Remote<CheckWorkerApi>, frame: MessagePort | undefined) => Promise<T>,
  onSeeds?: (done: number) => void,
): { outcome: Promise<T | Stopped>; abort(): void } {
  const worker = new Worker(new URL('./check.worker.ts', import.meta.url), { type: 'module' });
  const api = Comlink.wrap<CheckWorkerApi>(worker);
  // The check Worker's node Workers start in a sandboxed frame this page owns (a Worker cannot make one).
  const frame = FRAMED ? createNodeFrame() : undefined;
  let doing: string | undefined;
  let lastProgress = performance.now();
  worker.addEventListener('message', (event: MessageEvent) => {
    if (!isCheckProgress(event.data)) return;
    doing = event.data[CHECK_PROGRESS] ?? doing;
    lastProgress = performance.now();
    if (event.data.seeds) onSeeds?.(event.data.seeds.done);
  });
  let timer: ReturnType<typeof setInterval> | undefined;
  const timeout = new Promise<Stopped>((resolve) => {
    timer = setInterval(() => {
      // A silent frame (busy, or dead and about to be rebuilt: its nodes then crash with that reason) is not
      // a node spinning: nobody is blamed until it answers again.
      if (frame && !frame.answering()) lastProgress = performance.now();
      const quiet = performance.now() - lastProgress;
      // doing '': the run is over and the checkers judge it (not learner code: not timed).
      if (doing && quiet > budgetFor(doing)) {
        resolve({
          kind: 'failed',
          reason: stuckReason(doing, budgetFor(doing), 'checks'),
        });
      } else if (doing === undefined && quiet > START_BUDGET_MS) {
        resolve({ kind: 'failed', reason: `the checks did not start within ${START_BUDGET_MS / 1000} s` });
      }
    }, 250);
  });
  let ended = false;
  const abort = () => {
    if (ended) return;
    ended = true;
    clearInterval(timer);
    api[Comlink.releaseProxy]();
    worker.terminate();
    frame?.dispose();
  };
  const port = frame ? Comlink.transfer(frame.port, [frame.port]) : undefined;
  const outcome = Promise.race([call(api, port), timeout])
    .catch((error: unknown): Stopped => ({
      kind: 'failed',
      reason: error instanceof Error ? error.message : String(error),
    }))
    .finally(abort);
  return { outcome, abort };
}
