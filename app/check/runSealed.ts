/**
 * The check Worker's side of a sealed check Worker (sealed-check.worker.ts): start it in the node frame, hand
 * it a share of seeds, keep the verdicts it can vouch for, and watch it. It cannot be interrupted (learner
 * code shares its thread), so its silence is the signal: past a budget, or on a Worker error or a lost frame,
 * it is terminated and the caller goes on from the first seed it did not finish, on node Workers, whose
 * watchdog names the node, file and line (the replay is deterministic: the same seed spins the same way).
 */
import type { CheckResult } from '../../workers/host/headless';
import type { ShrunkSeed } from '../../workers/host/shrink';
import type { NodeSpawner } from '../../workers/host/node-spawner';
import { NODE_BATCH_BUDGET_MS } from '../../workers/host/watchdog-text';
import type { FromSealed, SealedJob, SealedPhase } from './sealed-check-protocol';

/** Loading the bundle, locking the realm down and finding the lesson may take this long on a loaded machine. */
const READY_BUDGET_MS = 20_000;

/**
 * Silence allowed after a beat, by what the Worker was doing. A window is one call to every node's handlers
 * (each held to NODE_BATCH_BUDGET_MS on node Workers), plus a second for a loaded machine; the checkers are
 * the lesson's own code and may take a while on a long run. A false alarm costs time, never a verdict: the
 * seeds left are checked on node Workers.
 */
const SILENCE_BUDGET_MS: Record<SealedPhase, number> = {
  boot: NODE_BATCH_BUDGET_MS + 1_000,
  run: NODE_BATCH_BUDGET_MS + 1_000,
  judge: 20_000,
};

export interface SealedShare {
  /** Verdicts of the seeds judged sealed, by seed (the seeds left, and the ones where role code threw, are not here). */
  results: Map<number, CheckResult[]>;
  /** A shrink job's answer, when it can be kept (no role code threw in its runs). */
  shrunk?: { value: ShrunkSeed | undefined };
  /** Why the sealed Worker stopped before the end, if it did. */
  stopped?: string;
}

/** What the caller asks: a SealedJob without its tag, one mode or the other (Omit applied to each mode). */
type WithoutKind<J> = J extends SealedJob ? Omit<J, 'kind'> : never;
export type SealedRequest = WithoutKind<SealedJob>;

export function runSealed(
  spawner: NodeSpawner,
  source: string,
  job: SealedRequest,
  /** After each seed: how many verdicts are kept so far. */
  onSeed: (kept: number) => void = () => undefined,
): Promise<SealedShare> {
  const results = new Map<number, CheckResult[]>();
  let budget = READY_BUDGET_MS;
  let heard = performance.now();
  let frameAnswering = true;
  let shrunk: SealedShare['shrunk'];
  return new Promise<SealedShare>((resolve) => {
    const worker = spawner.spawn('sealed check', source);
    let ended = false;
    const end = (stopped?: string) => {
      if (ended) return;
      ended = true;
      clearInterval(timer);
      worker.terminate();
      resolve({ results, ...(shrunk && { shrunk }), ...(stopped !== undefined && { stopped }) });
    };
    worker.onmessage = (data) => {
      const message = data as FromSealed;
      heard = performance.now();
      switch (message.kind) {
        case 'ready':
          budget = SILENCE_BUDGET_MS.boot;
          return;
        case 'beat':
          budget = SILENCE_BUDGET_MS[message.phase];
          return;
        case 'seed':
          // A seed where role code threw is the caller's to rerun on node Workers (see FromSealed).
          if (!message.threw) results.set(message.seed, message.results);
          onSeed(results.size);
          return;
        case 'refused':
          return end(`a role did not load sealed: ${message.errors.map((e) => e.message).join('; ')}`);
        case 'failed':
          return end(message.reason);
        case 'done':
          return end();
        case 'shrunk':
          if (!message.threw) shrunk = { value: message.shrunk };
          return end(message.threw ? 'role code threw while shrinking' : undefined);
      }
    };
    worker.onerror = (message) => end(`the sealed check Worker failed: ${message}`);
    spawner.onLost((lost, reason) => lost === worker && end(reason));
    // A silent frame (busy starting, or dead and about to be rebuilt, then `lost`) blames nobody meanwhile.
    spawner.onFrame((answering) => {
      frameAnswering = answering;
      heard = performance.now();
    });
    const timer = setInterval(() => {
      if (!frameAnswering) heard = performance.now();
      const quiet = performance.now() - heard;
      if (quiet > budget) end(`silent for ${Math.round(quiet)} ms (budget ${budget} ms)`);
    }, 250);
    worker.post({ kind: 'job', ...job } as SealedJob);
  });
}
