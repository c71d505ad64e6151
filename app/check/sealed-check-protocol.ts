/**
 * What a Check Worker (check.worker.ts) and its sealed check Worker (sealed-check.worker.ts) say to each other.
 * The sealed Worker runs in the sandboxed node frame, so every message crosses the frame's relay
 * (node-frame-protocol.ts, `post` one way and `message` the other); they are few: one per seed, and beats.
 */
import type { CheckResult } from '../../workers/host/headless';
import type { ShrunkSeed } from '../../workers/host/shrink';
import type { LoadError, RoleSource } from '../../workers/kernel/protocol';

/**
 * Check Worker -> sealed Worker, once: check some seeds, or shrink a failing seed's drawn faults
 * (workers/host/shrink.ts). Paths are under `lessons/`, as the course parser gives them.
 */
export type SealedJob = {
  kind: 'job';
  scenarioPath: string;
  checksPath: string;
  roles: RoleSource[];
} & ({ mode: 'check'; seeds: number[] } | { mode: 'shrink'; seed: number; checkName: string });

/**
 * What the sealed Worker is doing when it beats: `boot` (a window in which nodes start), `run` (any other
 * window), `judge` (the checkers over a finished run: the lesson's code, not the learner's).
 */
export type SealedPhase = 'boot' | 'run' | 'judge';

/** Sealed Worker -> Check Worker. */
export type FromSealed =
  /** Loaded, locked down, and the job's modules found: seeds start now. */
  | { kind: 'ready' }
  /** Still making progress (at most every BEAT_EVERY_MS while it runs, and at each phase change). */
  | { kind: 'beat'; phase: SealedPhase }
  /**
   * One seed judged: its results, in the scenario's check order. `threw`: role code threw somewhere in the
   * run, the one way a sealed node can behave unlike a node Worker (a frozen built-in, a global that is not
   * there), so the check Worker reruns that seed on node Workers and keeps their verdict.
   */
  | { kind: 'seed'; seed: number; results: CheckResult[]; threw: boolean }
  /** A role did not load here (a syntax error, or a source SES refuses): the node-Worker path says which. */
  | { kind: 'refused'; errors: LoadError[] }
  /** Every seed judged. */
  | { kind: 'done' }
  /** The shrink's answer (undefined: nothing to shrink); `threw` as for a seed, over all its runs. */
  | { kind: 'shrunk'; shrunk: ShrunkSeed | undefined; threw: boolean }
  /** The Worker could not do the job at all (a lesson path not in its bundle, a thrown harness error). */
  | { kind: 'failed'; reason: string };

/** Beats while a phase goes on, at most this often (each crosses three relays). */
export const BEAT_EVERY_MS = 200;
