/**
 * Headless runs that survive learner code which never returns or never stops allocating. The job runs on a
 * worker thread; this thread watches its heartbeat (one beat per node batch) and, when a batch takes longer
 * than the budget, kills the thread and reports which node was running and what it was handling: an infinite
 * loop cannot be stopped from inside its own thread.
 *
 * Memory: the worker's heap is capped, but Node's out-of-memory rescue for a worker only grants 16 MB of
 * leeway, so one big allocation near the cap (`new Array(1e7)` is 80 MB) aborts the whole process instead of
 * failing the worker. `runContained` therefore runs all of this in a child process of its own, whose abort
 * the parent survives and reports, naming the node the child last said was running.
 */
import { fork } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import type { CheckResult, RunOutcome } from '../../workers/host/headless';
import type { LoadError, RoleSource } from '../../workers/kernel/protocol';
import { fileURLToPath } from 'node:url';
import { NODE_BATCH_BUDGET_MS, stuckReason } from '../../workers/host/watchdog-text';
import { realmSource } from './realm/vm-host';

/** The repository (with its node_modules): all the contained child may read. */
const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

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
  /**
   * Where nodes run: `realm` (default), a `node:vm` realm per node (VmHost), for code from outside the repo;
   * `in-process`, all nodes in this worker's realm, ~5x cheaper, for the course's own code (lessons:verify).
   * Both give the same trace for the same seed.
   */
  host?: 'realm' | 'in-process';
  /** The realm bundle (vm-host.ts `realmSource`), made by a parent that may run esbuild. */
  realmSource?: string;
  /**
   * `check` only: judge several codes of the same exercise in this one thread, in order (`roles` and
   * `stopAtFirstFailure` are then ignored). The thread's start (the TypeScript loader, the engine and the
   * lesson's modules: seconds) is paid once, not once per code: what lessons:verify does per exercise.
   */
  batch?: BatchItem[];
}

export interface BatchItem {
  roles: RoleSource[];
  stopAtFirstFailure: boolean;
}

/** One item of a batch: its outcome, or what was thrown while judging it (the others still ran). */
export type BatchOutcome = CheckOutcome | { ok: false; thrown: string };

export type CheckOutcome = { ok: true; results: CheckResult[] } | { ok: false; errors: LoadError[] };

/** Thrown when a node blew its wall-clock budget; the message names the node and what it was doing. */
export class RunawayError extends Error {}

/** The worker's heap cap; PLAYGROUND_MEMORY_LIMIT_MB lowers it (a test uses it to reach the cap quickly). */
const memoryLimitMb = () => Number(process.env.PLAYGROUND_MEMORY_LIMIT_MB) || 2048;

export interface GuardOptions {
  budgetMs?: number;
  /** Told, at most once per watchdog tick, what the job is doing now (which node, handling what). */
  onDoing?: (doing: string) => void;
}

export function runGuarded(
  job: GuardedJob & { mode: 'check'; batch: BatchItem[] },
  options?: GuardOptions,
): Promise<BatchOutcome[]>;
export function runGuarded(job: GuardedJob & { mode: 'run' }, options?: GuardOptions): Promise<RunOutcome>;
export function runGuarded(
  job: GuardedJob & { mode: 'check' },
  options?: GuardOptions,
): Promise<CheckOutcome>;
export function runGuarded(
  job: GuardedJob,
  { budgetMs = NODE_BATCH_BUDGET_MS, onDoing }: GuardOptions = {},
): Promise<RunOutcome | CheckOutcome | BatchOutcome[]> {
  const shared = new SharedArrayBuffer(8 + 1024);
  const beat = new Int32Array(shared, 0, 2);
  const text = new Uint8Array(shared, 8);
  const worker = new Worker(new URL('./guarded-worker-boot.mjs', import.meta.url), {
    workerData: { job, shared },
    // A runaway allocation then kills this thread (reported below), not the whole process.
    resourceLimits: { maxOldGenerationSizeMb: memoryLimitMb() },
  });
  return new Promise((resolve, reject) => {
    let lastBeat = -1;
    let lastChange = performance.now();
    /** The process's resident memory when the current batch began (the worker's heap is part of it). */
    let rssAtBeat = process.memoryUsage.rss();
    const watchdog = setInterval(
      () => {
        const now = performance.now();
        const current = Atomics.load(beat, 0);
        if (current !== lastBeat) {
          lastBeat = current;
          lastChange = now;
          rssAtBeat = process.memoryUsage.rss();
          onDoing?.(new TextDecoder().decode(text).replace(/\0+$/, ''));
          return;
        }
        // Beat 0 means the job is still loading the lesson, and an empty sentence that no node runs (the
        // checkers are judging a run): neither is learner code.
        if (current > 0 && now - lastChange > budgetMs) {
          const doing = new TextDecoder().decode(text).replace(/\0+$/, '');
          if (!doing) return;
          // A huge allocation (`new Array(3e8).fill(1)` fills a dictionary slowly) blows the budget long before
          // the heap cap, where V8 then spends minutes collecting: name it by what it does to memory.
          const grownMb = Math.round((process.memoryUsage.rss() - rssAtBeat) / 2 ** 20);
          const reason =
            grownMb >= ALLOCATING_MB
              ? allocatingReason(doing, grownMb, budgetMs)
              : stuckReason(doing, budgetMs, 'run');
          finish(() => reject(new RunawayError(reason)));
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
      (
        message:
          { ok: true; value: RunOutcome | CheckOutcome | BatchOutcome[] } | { ok: false; error: string },
      ) => finish(() => (message.ok ? resolve(message.value) : reject(new Error(message.error)))),
    );
    worker.once('error', (error: Error & { code?: string }) => {
      const outOfMemory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      const doing = new TextDecoder().decode(text).replace(/\0+$/, '');
      finish(() => reject(outOfMemory ? new RunawayError(outOfMemoryReason(doing)) : error));
    });
  });
}

/**
 * Memory a batch may take on (the process's, in MB) within the watchdog's budget and still be called "an
 * infinite loop?": a spinning loop that makes garbage stays far below it (the young generation is tens of
 * MB); a batch's own data is at most a few messages of 64 KB.
 */
const ALLOCATING_MB = 96;

const allocatingReason = (doing: string, grownMb: number, budgetMs: number) =>
  `${doing}: was running out of memory (${grownMb} MB more within ${budgetMs / 1000} s and still allocating, ` +
  `toward the ${memoryLimitMb()} MB cap: a huge allocation?); the run was stopped`;

const outOfMemoryReason = (doing: string) =>
  `${doing || 'the run'}: used more than ${memoryLimitMb()} MB of memory; the run was stopped`;

/** What the child process of `runContained` sends its parent. */
export type ContainedMessage =
  | { kind: 'doing'; doing: string }
  | { kind: 'done'; ok: true; value: RunOutcome | CheckOutcome }
  | { kind: 'done'; ok: false; error: string; runaway: boolean };

/**
 * `runGuarded` in a child process: what the CLI runs a learner's role files with. Costs a process start
 * (~0.3 s); lessons:verify, which runs only the course's own code, calls `runGuarded` directly.
 */
export function runContained(job: GuardedJob & { mode: 'run' }, options?: GuardOptions): Promise<RunOutcome>;
export function runContained(
  job: GuardedJob & { mode: 'check' },
  options?: GuardOptions,
): Promise<CheckOutcome>;
export function runContained(
  job: GuardedJob,
  { budgetMs = NODE_BATCH_BUDGET_MS }: GuardOptions = {},
): Promise<RunOutcome | CheckOutcome> {
  const child = fork(new URL('./guarded-process-boot.mjs', import.meta.url), [], {
    execArgv: [
      // The child's own heap (the kernel's, and the trace's) gets room above the worker's cap.
      `--max-old-space-size=${memoryLimitMb() + 1024}`,
      // Node's permission model: reads of the project only; no writes, child processes, addons, inspector.
      // Workers: the job's own guarded worker thread (its heap cap); they inherit these limits.
      '--experimental-permission',
      `--allow-fs-read=${PROJECT_ROOT}*`,
      '--allow-worker',
      '--disable-warning=ExperimentalWarning',
      '--disable-warning=SecurityWarning',
    ],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  let doing = '';
  let stderr = '';
  let settled = false;
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('message', (message: ContainedMessage) => {
      if (message.kind === 'doing') doing = message.doing;
      else {
        settled = true;
        // A worker stuck inside one long built-in call (a fill of a 1e8-element array) outlives its
        // terminate(), and would keep the child alive: the child has nothing left to say, so end it.
        child.kill('SIGKILL');
        if (message.ok) resolve(message.value);
        else reject(message.runaway ? new RunawayError(message.error) : new Error(message.error));
      }
    });
    // The child cannot bundle the realm runtime (esbuild is a child process): it gets the bundle.
    const realm = job.host === 'in-process' ? {} : { realmSource: realmSource() };
    child.send({ job: { ...job, ...realm }, budgetMs });
    child.on('exit', (code, signal) => {
      const fatal = /heap out of memory|Reached heap limit/.test(stderr);
      // V8's out-of-memory dump (a native stack) says nothing a learner can use; anything else is passed on.
      if (!fatal && stderr) process.stderr.write(stderr);
      if (settled) return;
      if (fatal) reject(new RunawayError(outOfMemoryReason(doing)));
      else reject(new Error(`the run's process ended (${signal ?? `exit ${code}`}) before it finished`));
    });
  });
}
